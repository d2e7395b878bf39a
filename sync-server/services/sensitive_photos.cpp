#include "services/sensitive_photos.h"

#include "sealing/sealed_photo.h"

namespace phum::server {

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

std::optional<FileHolder> SensitivePhotos::holder(storage::Transaction& tx, std::string_view uuid,
                                                  const std::string& name) {
  const auto revisions = tx.reviews().revisions(uuid);
  for (auto it = revisions.rbegin(); it != revisions.rend(); ++it) {
    auto record = tx.records().find(uuid, it->first.revision);
    if (!record) continue;
    // A sensitive photo's answer is sealed with the other sensitive answers.
    keys_.open(*record);
    std::string question = questionHolding(record->answers(), name);
    if (!question.empty()) {
      return FileHolder{std::move(*record), std::move(question),
                        revisions.back().first.locationCode};
    }
  }
  return std::nullopt;
}

std::shared_ptr<const SealingKeyring> SensitivePhotos::sealingFor(storage::Transaction& tx,
                                                                  std::string_view uuid,
                                                                  const std::string& name) {
  auto ring = keys_.ring();
  if (!ring) return nullptr;
  const auto found = holder(tx, uuid, name);
  if (!found) return nullptr;
  const auto form = tx.catalog().form(found->record.form_id(), found->record.form_version());
  if (!form || !sealing::sensitiveFieldNames(*form).contains(found->question)) return nullptr;
  return ring;
}

std::string SensitivePhotos::open(std::string_view sealed) {
  const std::string keyId = sealing::sealedPhotoKeyId(sealed);
  const auto ring = keys_.ringHolding(keyId);
  const sealing::KeyPair* key = ring ? ring->find(keyId) : nullptr;
  if (key == nullptr) {
    throw sealing::SealingError("this server has no sealing key " + keyId +
                                " (the key file lost a key?); the photo stays sealed");
  }
  return sealing::openPhoto(sealed, *key);
}

std::string SensitivePhotos::unknownSealingKey(std::string_view head) {
  if (!sealing::isSealedPhoto(head)) return {};
  std::string keyId;
  try {
    keyId = sealing::sealedPhotoKeyId(head);
  } catch (const sealing::SealingError&) {
    return {};  // the header is not all here yet
  }
  const auto ring = keys_.ringHolding(keyId);
  return ring && ring->find(keyId) != nullptr ? std::string() : keyId;
}

}  // namespace phum::server
