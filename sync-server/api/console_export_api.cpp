// /v1/console/export (the queue's records as CSV files in a ZIP, streamed) and
// /v1/console/records/{uuid}/attachments/{name} (a photo of a record). docs/console-api.md.
#include <nlohmann/json.hpp>

#include "api/console_api.h"
#include "core/clock.h"
#include "core/uuid.h"
#include "services/attachment_names.h"
#include "services/record_export.h"

namespace phum::server {

namespace http = boost::beast::http;

namespace {

class ExportBody : public StreamedBody {
 public:
  explicit ExportBody(std::unique_ptr<RecordExport> exporter) : exporter_(std::move(exporter)) {}
  std::optional<std::string> next() override { return exporter_->next(); }

 private:
  std::unique_ptr<RecordExport> exporter_;
};

}  // namespace

std::string attachmentContentType(const std::string& name) {
  std::string extension = name.substr(name.find_last_of('.') + 1);
  for (auto& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (extension == "jpg" || extension == "jpeg") return "image/jpeg";
  if (extension == "png") return "image/png";
  if (extension == "webp") return "image/webp";
  if (extension == "gif") return "image/gif";
  if (extension == "m4a" || extension == "mp4") return "audio/mp4";
  if (extension == "mp3") return "audio/mpeg";
  if (extension == "ogg") return "audio/ogg";
  if (extension == "pdf") return "application/pdf";
  return "application/octet-stream";
}

namespace {

// "phum-export-2026-11-30.zip", the day in Cambodia.
std::string exportFileName() {
  const std::string utc = formatIsoUtc(nowMillis() + 7LL * 3600 * 1000);
  return "phum-export-" + utc.substr(0, 10) + ".zip";
}

// What was exported, for the audit log: the query as sent (filters, sensitive, language).
std::string exportDetail(const HttpRequest& request) {
  const std::string_view target = request.target();
  const auto question = target.find('?');
  return question == std::string_view::npos ? "" : std::string(target.substr(question + 1));
}

}  // namespace

std::optional<Reply> SyncApi::consoleExportCall(const HttpRequest& request, const Caller& caller,
                                                const std::string& path) {
  const auto& account = caller.session->account;
  if (path == "/export" && request.method() == http::verb::get) {
    std::unique_ptr<RecordExport> exporter;
    try {
      exporter = services_.console().exportRecords(
          account, consoleQueueQuery(request), consoleQueryParameter(request, "sensitive") == "1",
          consoleQueryParameter(request, "lang") == "en" ? "en" : "km");
    } catch (const std::invalid_argument& e) {
      return errorReply(request, http::status::bad_request, "bad_request", e.what(), false);
    }
    audit(request, caller, {.action = "export", .detail = exportDetail(request)});
    Reply reply;
    reply.contentType = "application/zip";
    reply.headers.emplace_back("Content-Disposition",
                               "attachment; filename=\"" + exportFileName() + "\"");
    reply.headers.emplace_back("Cache-Control", "no-store");
    reply.stream = std::make_shared<ExportBody>(std::move(exporter));
    return reply;
  }
  // /records/{uuid}/attachments/{name}
  const std::string prefix = "/records/";
  const auto marker = path.find("/attachments/");
  if (!path.starts_with(prefix) || marker == std::string::npos ||
      request.method() != http::verb::get) {
    return std::nullopt;
  }
  const auto uuid = Uuid::parse(path.substr(prefix.size(), marker - prefix.size()));
  const std::string name = path.substr(marker + std::string("/attachments/").size());
  if (!uuid || attachmentNameProblem(name)) {
    return errorReply(request, http::status::bad_request, "bad_request",
                      "the address must be /records/{uuid}/attachments/{file name}", false);
  }
  const auto found =
      services_.console().attachment(account, uuid->toBytes(), name, auditOrigin(request, caller));
  switch (found.outcome) {
    case AttachmentReply::Outcome::NotFound:
      return errorReply(request, http::status::not_found, "not_found",
                        "there is no such record or file in your area", false);
    case AttachmentReply::Outcome::Sensitive:
      return errorReply(request, http::status::forbidden, "role_not_allowed",
                        "this file answers a sensitive question, which your role may not see",
                        false);
    case AttachmentReply::Outcome::NotUploaded:
      return errorReply(request, http::status::not_found, "not_uploaded",
                        "the tablet has not finished sending this file yet", false);
    case AttachmentReply::Outcome::Unopened:
      return errorReply(request, http::status::internal_server_error, "sealed_photo_unopened",
                        "this photo is sealed to a key the server does not have; ask an "
                        "administrator to restore the sealing key file",
                        false);
    case AttachmentReply::Outcome::Found:
      break;
  }
  Reply reply;
  reply.contentType = attachmentContentType(name);
  reply.body = found.bytes;
  reply.headers.emplace_back("Cache-Control", "private, max-age=3600");
  reply.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (reply.contentType == "application/octet-stream") {
    reply.headers.emplace_back("Content-Disposition", "attachment");
  }
  return reply;
}

}  // namespace phum::server
