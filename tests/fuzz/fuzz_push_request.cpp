// A push as the server reads it: the body in a Content-Encoding chosen by the first byte,
// inflated within the server's bound, parsed as a PushBatch, each record's structure checked and
// its answers judged by the form engine against a mission form (the record is pointed at that
// form first, so the engine's checks are reached rather than "another form").
#include <google/protobuf/stubs/logging.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

#include "api/body_codec.h"
#include "forms/engine/form_model.h"
#include "forms/engine/validate.h"
#include "forms/xlsform_compiler.h"
#include "phum/v1/sync.pb.h"
#include "services/record_checks.h"

namespace {

using phum::server::Encoding;

constexpr std::size_t kMaxBodyBytes = 1 << 20;

std::shared_ptr<const phum::forms::engine::FormModel> householdForm() {
  static const auto model = [] {
    auto result =
        phum::forms::compileFormFile(PHUM_SOURCE_DIR "/forms/household_survey.xlsform.md");
    if (!result.ok()) throw std::runtime_error("the household form does not compile");
    return std::make_shared<const phum::forms::engine::FormModel>(result.form);
  }();
  return model;
}

}  // namespace

// Invalid UTF-8 in string fields is expected here; protobuf's log line for each is noise.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto model = householdForm();
  const Encoding encodings[] = {Encoding::Identity, Encoding::Zstd, Encoding::Gzip};
  const Encoding encoding = encodings[data[0] % 3];
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  phum::server::DecodeError error{};
  const auto decoded = phum::server::decodeBody(encoding, body, kMaxBodyBytes, error);
  if (!decoded) return 0;
  phum::v1::PushBatch batch;
  if (!batch.ParseFromString(*decoded)) return 0;
  for (const auto& pushed : batch.records()) {
    phum::server::validateRecordStructure(pushed);
    phum::v1::Record record = pushed;
    record.set_form_id(model->definition().form_id());
    record.set_form_version(model->definition().version());
    phum::forms::engine::validateRecord(model, record);
  }
  return 0;
}
