#pragma once
// Scripted replies that speak the sync protocol: decode the client's real PushBatch and answer it.
#include <zstd.h>

#include <functional>
#include <string>

#include "phum/v1/changes.pb.h"
#include "phum/v1/sync.pb.h"
#include "support/scripted_http_server.h"

namespace phum::test {

// The request body as the client meant it (undoing Content-Encoding: zstd).
inline std::string plainBody(const HttpExchange& exchange) {
  if (exchange.header("content-encoding") != "zstd") return exchange.body;
  auto size = ZSTD_getFrameContentSize(exchange.body.data(), exchange.body.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN) return {};
  std::string out(size, '\0');
  auto n = ZSTD_decompress(out.data(), out.size(), exchange.body.data(), exchange.body.size());
  if (ZSTD_isError(n)) return {};
  out.resize(n);
  return out;
}

inline phum::v1::PushBatch pushBatchOf(const HttpExchange& exchange) {
  phum::v1::PushBatch batch;
  batch.ParseFromString(plainBody(exchange));
  return batch;
}

inline ScriptedReply protobufReply(int status, const google::protobuf::Message& message) {
  return ScriptedReply{
      status, {{"Content-Type", "application/x-protobuf"}}, message.SerializeAsString()};
}

// Acks every record; `statusFor(i)` picks the status of the i-th record in the batch.
inline Responder ackEach(std::function<phum::v1::RecordStatus(int)> statusFor) {
  return [statusFor](const HttpExchange& exchange) {
    auto batch = pushBatchOf(exchange);
    phum::v1::PushAck ack;
    ack.set_batch_id(batch.batch_id());
    for (int i = 0; i < batch.records_size(); ++i) {
      auto* a = ack.add_acks();
      a->set_uuid(batch.records(i).uuid());
      a->set_revision(batch.records(i).revision());
      a->set_status(statusFor(i));
      if (a->status() == phum::v1::RECORD_STATUS_REJECTED) {
        a->set_reason("Answers failed validation");
        a->set_reason_code(phum::v1::ACK_REASON_INVALID_ANSWERS);
        auto* fe = a->add_field_errors();
        fe->set_field("members[2]/age");
        fe->set_message("age must be between 0 and 120");
      }
      if (a->status() == phum::v1::RECORD_STATUS_CONFLICT) {
        a->set_reason("A different version of this record was already received");
        a->set_reason_code(phum::v1::ACK_REASON_REVISION_CONFLICT);
      }
    }
    return protobufReply(200, ack);
  };
}

inline Responder ackAll(phum::v1::RecordStatus status = phum::v1::RECORD_STATUS_ACCEPTED) {
  return ackEach([status](int) { return status; });
}

inline ScriptedReply errorReply(int status, const std::string& code, const std::string& message,
                                bool retryable) {
  phum::v1::ErrorBody error;
  error.set_code(code);
  error.set_message(message);
  error.set_retryable(retryable);
  return protobufReply(status, error);
}

}  // namespace phum::test
