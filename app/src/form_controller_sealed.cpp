// FormController and sealed answers (shared/sealing): a record whose sensitive answers were
// sealed to the server's key at finalize no longer holds them, so its questions show "sealed"
// instead of blank, a correction does not ask for them again, and the new revision carries the
// same envelope unless a sealed question is answered again (then they are sealed anew together).
#include <QDebug>
#include <exception>

#include "form_controller.h"
#include "sealing/sealing.h"

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

}  // namespace

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
