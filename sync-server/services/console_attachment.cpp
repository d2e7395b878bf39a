// Photos and files of a record, served to the console only to whom may see the record and the
// question that holds them; and the console's exports, with the same rules.
#include "core/uuid.h"
#include "sealing/sealed_photo.h"
#include "services/review_console.h"
#include "services/sensitive_photos.h"

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

}  // namespace

AttachmentReply ReviewConsole::attachment(const phum::v1::Account& caller, const std::string& uuid,
                                          const std::string& name, const AuditOrigin& origin) {
  SensitivePhotos photos(keys_);
  const auto holder = storage::snapshot(
      db_, [&](storage::Transaction& tx) { return photos.holder(tx, uuid, name); });
  AttachmentReply reply;
  // Scope is judged on the newest revision, as for the record view.
  if (!holder || !scopeCovers(caller.scope_code(), holder->locationCode)) return reply;
  const auto model = form(holder->record.form_id(), holder->record.form_version());
  const phum::v1::Field* field =
      model ? findField(model->definition().fields(), holder->question) : nullptr;
  // Without the form the question's sensitivity is unknown: treated as sensitive.
  const bool sensitive = field == nullptr || field->sensitive();
  if (sensitive && !mayReadSensitive(caller.role())) {
    reply.outcome = AttachmentReply::Outcome::Sensitive;
    return reply;
  }
  const auto readBytes = [&](storage::Transaction& tx) {
    auto bytes = tx.attachments().completeBytes(uuid, name);
    if (bytes && mayReadSensitive(caller.role())) {
      const auto recordUuid = Uuid::fromBytes(uuid);
      AuditLog::append(
          tx, origin.event("sensitive_view", recordUuid ? recordUuid->toString() : "", name));
    }
    return bytes;
  };
  auto bytes = mayReadSensitive(caller.role()) ? storage::write(db_, readBytes)
                                               : storage::read(db_, readBytes);
  if (!bytes) {
    reply.outcome = AttachmentReply::Outcome::NotUploaded;
    return reply;
  }
  if (sensitive && sealing::isSealedPhoto(*bytes)) {
    try {
      reply.bytes = photos.open(*bytes);
    } catch (const sealing::SealingError&) {
      reply.outcome = AttachmentReply::Outcome::Unopened;
      return reply;
    }
  } else {
    reply.bytes = std::move(*bytes);
  }
  reply.outcome = AttachmentReply::Outcome::Found;
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
