// FormController and sealed answers (shared/sealing): a record whose sensitive answers were
// sealed to the server's key at finalize no longer holds them, so its questions show "sealed"
// instead of blank, a correction does not ask for them again, and the new revision carries the
// same envelope unless a sealed question is answered again (then they are sealed anew together).
#include <QDebug>
#include <QDir>
#include <exception>
#include <filesystem>

#include "crypto/protected_file.h"
#include "form_controller.h"
#include "sealing/sealed_photo.h"
#include "sealing/sealing.h"
#include "sync/attachment_uploader.h"

namespace phum::app {
namespace {

namespace v1 = phum::v1;

// "member[2]/age" -> "age": sensitive questions are known by name.
std::string nameOf(const std::string& path) {
  std::string name = path.substr(path.rfind('/') + 1);
  return name.substr(0, name.find('['));
}

bool holdsAny(const v1::AnswerSet& answers, const std::set<std::string>& names) {
  for (const auto& answer : answers.answers())
    if (names.contains(answer.name()) && answer.has_value()) return true;
  for (const auto& repeat : answers.repeats()) {
    if (names.contains(repeat.name()) && repeat.instances_size() > 0) return true;
    for (const auto& instance : repeat.instances())
      if (holdsAny(instance, names)) return true;
  }
  return false;
}

void collectSensitiveFiles(const v1::AnswerSet& answers, const std::set<std::string>& sensitive,
                           std::set<std::string>& files) {
  for (const auto& answer : answers.answers())
    if (sensitive.contains(answer.name()) && answer.value().kind_case() == v1::Value::kAttachment &&
        !answer.value().attachment().empty())
      files.insert(answer.value().attachment());
  for (const auto& repeat : answers.repeats())
    for (const auto& instance : repeat.instances())
      collectSensitiveFiles(instance, sensitive, files);
}

}  // namespace

FormController::SealedPhotos FormController::sealSensitivePhotos(
    const v1::AnswerSet& answers, std::vector<store::AttachmentInfo>& photos) const {
  SealedPhotos done;
  const auto key =
      sealing::currentKey(session_->store()->referenceRows(sealing::kSealingKeysDataset));
  if (!key) return done;
  std::set<std::string> files;
  collectSensitiveFiles(answers, sealing::sensitiveFieldNames(model_->definition()), files);
  try {
    for (auto& photo : photos) {
      if (!files.contains(photo.name)) continue;
      const std::string clear = photo.localPath;
      std::string bytes = crypto::readProtectedFile(clear);
      // Kept encrypted at rest too, like every photo: the sealed one then names no key id here.
      const std::string sealedPath = clear + ".sealed";
      crypto::writeProtectedFile(sealedPath, sealing::sealPhoto(bytes, *key),
                                 session_->store()->dataKeyId());
      std::fill(bytes.begin(), bytes.end(), '\0');
      done.sealedFiles.push_back(sealedPath);
      done.clearFiles.push_back(clear);
      photo = sync::describeAttachmentFile(photo.recordUuid, photo.name, sealedPath);
    }
  } catch (...) {
    removePhotoFiles(done.sealedFiles);
    throw;
  }
  return done;
}

void FormController::removePhotoFiles(const std::vector<std::string>& files) {
  for (const auto& file : files) {
    std::error_code error;
    std::filesystem::remove(file, error);
    if (error) {
      qWarning().noquote() << "phum-app: cannot remove" << QString::fromStdString(file) << ":"
                           << QString::fromStdString(error.message());
    }
  }
}

void FormController::keepSealed(const v1::Record& record) {
  sealedEnvelope_ = record.sealed_answers();
}

void FormController::keepSealedOf(const Uuid& recordUuid) {
  try {
    if (const auto record = session_->store()->findRecord(recordUuid)) keepSealed(*record);
  } catch (const std::exception& error) {
    // The correction still opens; only the sealed questions show blank.
    qWarning().noquote() << "phum-app: cannot read the sealed answers of the record corrected:"
                         << error.what();
  }
}

void FormController::findSealedNames() {
  sealedNames_.clear();
  if (!sealedEnvelope_.empty() && model_)
    sealedNames_ = sealing::sensitiveFieldNames(model_->definition());
}

bool FormController::sealedAnsweredAgain() const {
  return form_ && !sealedNames_.empty() && holdsAny(form_->answers(true), sealedNames_);
}

bool FormController::sealedUnanswered(const std::string& path) const {
  return form_ && !sealedNames_.empty() && sealedNames_.contains(nameOf(path)) &&
         form_->state(path).value.empty();
}

std::vector<forms::engine::FieldError> FormController::problems() const {
  if (!form_) return {};
  auto errors = form_->errors();
  // A sealed answer is there, in the envelope: not a missing one. Once a sealed question is
  // answered again all of them are sealed anew, so then each must be answered.
  if (sealedNames_.empty() || sealedAnsweredAgain()) return errors;
  std::erase_if(errors, [this](const auto& error) { return sealedUnanswered(error.field); });
  return errors;
}

void FormController::sealForServer(v1::Record& record) const {
  if (!sealedEnvelope_.empty() && !sealedAnsweredAgain()) {
    record.set_sealed_answers(sealedEnvelope_);  // untouched: the same envelope goes again
    return;
  }
  sealing::sealForServer(record, model_->definition(),
                         session_->store()->referenceRows(sealing::kSealingKeysDataset));
}

}  // namespace phum::app
