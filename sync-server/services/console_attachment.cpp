// Photos and files of a record, served to the console only to whom may see the record and the
// question that holds them; and the console's exports, with the same rules.
#include "services/review_console.h"

namespace phum::server {

namespace {

// The field of `form` named `name`, through groups and repeats.
const phum::v1::Field* findField(const google::protobuf::RepeatedPtrField<phum::v1::Field>& fields,
                                 const std::string& name) {
  for (const auto& field : fields) {
    if (field.name() == name) return &field;
    if (const auto* inside = findField(field.children(), name)) return inside;
  }
  return nullptr;
}

// The name of the question whose answer is the file `file`, or "".
std::string questionHolding(const phum::v1::AnswerSet& answers, const std::string& file) {
  for (const auto& answer : answers.answers()) {
    if (answer.value().kind_case() == phum::v1::Value::kAttachment &&
        answer.value().attachment() == file) {
      return answer.name();
    }
  }
  for (const auto& repeat : answers.repeats()) {
    for (const auto& instance : repeat.instances()) {
      std::string found = questionHolding(instance, file);
      if (!found.empty()) return found;
    }
  }
  return {};
}

}  // namespace

AttachmentReply ReviewConsole::attachment(const phum::v1::Account& caller, const std::string& uuid,
                                          const std::string& name) {
  struct Loaded {
    std::string locationCode;
    std::optional<phum::v1::Record> holder;  // a revision with an answer naming the file
    std::string question;
  };
  const auto loaded = storage::snapshot(db_, [&](storage::Transaction& tx) {
    Loaded result;
    const auto revisions = tx.reviews().revisions(uuid);
    if (revisions.empty()) return result;
    result.locationCode = revisions.back().first.locationCode;
    for (auto it = revisions.rbegin(); it != revisions.rend() && !result.holder; ++it) {
      auto record = tx.records().find(uuid, it->first.revision);
      if (!record) continue;
      result.question = questionHolding(record->answers(), name);
      if (!result.question.empty()) result.holder = std::move(record);
    }
    return result;
  });
  AttachmentReply reply;
  // Scope is judged on the newest revision, as for the record view.
  if (!loaded.holder || !scopeCovers(caller.scope_code(), loaded.locationCode)) return reply;
  const auto model = form(loaded.holder->form_id(), loaded.holder->form_version());
  const phum::v1::Field* field =
      model ? findField(model->definition().fields(), loaded.question) : nullptr;
  // Without the form the question's sensitivity is unknown: treated as sensitive.
  if ((field == nullptr || field->sensitive()) && !mayReadSensitive(caller.role())) {
    reply.outcome = AttachmentReply::Outcome::Sensitive;
    return reply;
  }
  auto bytes = storage::read(
      db_, [&](storage::Transaction& tx) { return tx.attachments().completeBytes(uuid, name); });
  if (!bytes) {
    reply.outcome = AttachmentReply::Outcome::NotUploaded;
    return reply;
  }
  reply.outcome = AttachmentReply::Outcome::Found;
  reply.bytes = std::move(*bytes);
  return reply;
}

std::unique_ptr<RecordExport> ReviewConsole::exportRecords(const phum::v1::Account& caller,
                                                           const storage::QueueQuery& query,
                                                           bool includeSensitive,
                                                           const std::string& language) {
  if (includeSensitive && !mayReadSensitive(caller.role())) {
    throw RoleNotAllowed("a " + roleName(caller.role()) +
                         " may not export sensitive answers; export without them");
  }
  return exportRecords(ExportRequest{query, caller.scope_code(), includeSensitive, language});
}

std::unique_ptr<RecordExport> ReviewConsole::exportRecords(ExportRequest request) {
  return std::make_unique<RecordExport>(db_, catalog_, keys_, std::move(request));
}

}  // namespace phum::server
