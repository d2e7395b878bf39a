// FormController and sealed answers (shared/sealing): a record whose sensitive answers were
// sealed to the server's key at finalize no longer holds them, so its questions show "sealed"
// instead of blank and a correction does not ask for them again. The new revision carries the
// same envelope, extended (sealing::sealCorrection) with a box holding the sealed questions
// answered again or emptied here; the server opens the boxes in order, so the answers not
// touched stay as they were and a required one is checked by the server, which reads them all.
#include <QDebug>
#include <QDir>
#include <exception>
#include <filesystem>

#include "crypto/protected_file.h"
#include "form_controller.h"
#include "phum/v1/draft.pb.h"
#include "sealing/sealed_photo.h"
#include "sealing/sealing.h"
#include "sync/attachment_uploader.h"

namespace phum::app {
namespace {

namespace engine = phum::forms::engine;
namespace v1 = phum::v1;

// "member[2]/age" -> "age": sensitive questions are known by name.
std::string nameOf(const std::string& path) {
  std::string name = path.substr(path.rfind('/') + 1);
  return name.substr(0, name.find('['));
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

// The paths of the questions named in `names` relevant in `session`, in every repeat entry, as
// the engine and the envelope's slots name them ("member[2]/age").
void collectRelevant(const engine::FormSession& session, int scope, const std::string& prefix,
                     const std::set<std::string>& names, std::set<std::string>& into) {
  const engine::FormModel& model = session.model();
  for (const int index : model.fieldsInScope(scope)) {
    const auto& field = model.field(index);
    const std::string path = prefix + field.name();
    if (field.isRepeat()) {
      if (!session.repeatState(path).relevant) continue;
      const std::size_t count = session.instanceCount(path);
      for (std::size_t at = 1; at <= count; ++at)
        collectRelevant(session, index, path + "[" + std::to_string(at) + "]/", names, into);
    } else if (!field.isGroup() && names.contains(field.name()) && session.state(path).relevant) {
      into.insert(path);
    }
  }
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

std::optional<v1::AnswerSet> FormController::keepSealedOf(const Uuid& recordUuid) {
  try {
    if (const auto record = session_->store()->findRecord(recordUuid)) {
      keepSealed(*record);
      if (!sealedEnvelope_.empty()) return record->answers();
    }
  } catch (const std::exception& error) {
    // The correction still opens; only the sealed questions show blank.
    qWarning().noquote() << "phum-app: cannot read the sealed answers of the record corrected:"
                         << error.what();
  }
  return std::nullopt;
}

void FormController::keepSealedRelevant(const engine::FormSession& record) {
  sealedRelevant_.clear();
  if (!sealedNames_.empty()) collectRelevant(record, -1, "", sealedNames_, sealedRelevant_);
}

void FormController::keepSealedRelevant(const v1::AnswerSet& record) {
  if (sealedNames_.empty()) return;
  engine::SessionOptions options;
  options.externalChoices = [this](std::string_view file) { return externalList(file); };
  options.listChoices = false;
  keepSealedRelevant(engine::FormSession(model_, options, record));
}

std::set<std::string> FormController::sealedMadeNotRelevant() const {
  std::set<std::string> relevant;
  if (!form_ || sealedRelevant_.empty()) return relevant;
  collectRelevant(*form_, -1, "", sealedNames_, relevant);
  std::set<std::string> gone;
  for (const auto& slot : sealedRelevant_) {
    // A slot the envelope names (or may hold, with a v1 box) that is no longer asked: its earlier
    // answer goes, as a not relevant answer in clear does.
    if (!relevant.contains(slot) && (!sealedSlotsAllKnown_ || sealedSlots_.contains(slot)))
      gone.insert(slot);
  }
  return gone;
}

std::string FormController::sealedDraftNotes() const {
  if (sealedEdited_.empty()) return {};
  v1::DraftNotes notes;
  for (const auto& slot : sealedEdited_) notes.add_sealed_edited(slot);
  return notes.SerializeAsString();
}

void FormController::restoreSealedDraftNotes(const std::string& stored) {
  v1::DraftNotes notes;
  // The stored AnswerSet's fields are unknown to DraftNotes; a draft without notes has none.
  if (!notes.ParseFromString(stored)) return;  // the answers' own check reports damage
  sealedEdited_.insert(notes.sealed_edited().begin(), notes.sealed_edited().end());
}

void FormController::findSealedNames() {
  sealedNames_.clear();
  sealedSlots_.clear();
  sealedEmptied_.clear();
  sealedSlotsAllKnown_ = false;
  if (sealedEnvelope_.empty() || !model_) return;
  sealedNames_ = sealing::sensitiveFieldNames(model_->definition());
  try {
    auto named = sealing::envelopeSlots(sealedEnvelope_);
    sealedSlots_ = std::move(named.named);
    sealedEmptied_ = std::move(named.emptied);
    sealedSlotsAllKnown_ = named.allKnown;
  } catch (const sealing::SealingError& error) {
    // Finalize will say so; until then any sensitive question may be sealed.
    qWarning().noquote() << "phum-app: the sealed answers of this record cannot be read:"
                         << error.what();
  }
}

void FormController::noteSealedEdit(const std::string& path) {
  if (!sealedNames_.empty() && sealedNames_.contains(nameOf(path))) sealedEdited_.insert(path);
}

void FormController::noteSealedEntriesShifted(const std::string& repeatPath, int position,
                                              std::size_t count) {
  if (sealedNames_.empty() || !model_) return;
  const int repeat = model_->indexOf(nameOf(repeatPath));
  if (repeat < 0) return;
  for (const int field : model_->fieldsInScope(repeat)) {
    const std::string& name = model_->field(field).name();
    if (!sealedNames_.contains(name)) continue;
    for (std::size_t at = static_cast<std::size_t>(position); at <= count; ++at)
      sealedEdited_.insert(repeatPath + "[" + std::to_string(at) + "]/" + name);
  }
}

bool FormController::sealedUnanswered(const std::string& path) const {
  return form_ && !sealedNames_.empty() && sealedNames_.contains(nameOf(path)) &&
         !sealedEdited_.contains(path) && !sealedEmptied_.contains(path) &&
         (!sealedSlotsAllKnown_ || sealedSlots_.contains(path)) && form_->state(path).value.empty();
}

std::vector<forms::engine::FieldError> FormController::problems() const {
  if (!form_) return {};
  auto errors = form_->errors();
  // A sealed answer is there, in the envelope: not a missing one (the server, which opens the
  // envelope, checks it).
  if (sealedNames_.empty()) return errors;
  std::erase_if(errors, [this](const auto& error) { return sealedUnanswered(error.field); });
  return errors;
}

void FormController::sealForServer(v1::Record& record) const {
  const auto& rows = session_->store()->referenceRows(sealing::kSealingKeysDataset);
  if (sealedEnvelope_.empty()) {
    sealing::sealForServer(record, model_->definition(), rows);
    return;
  }
  // Slots edited here and empty now are cleared; those answered again are in the answers.
  std::set<std::string> replaced = sealedMadeNotRelevant();
  replaced.insert(sealedEdited_.begin(), sealedEdited_.end());
  sealing::sealCorrection(record, sealedNames_, sealedEnvelope_, replaced,
                          sealing::currentKey(rows));
}

}  // namespace phum::app
