#include "record_draft.h"

#include <QDebug>
#include <algorithm>
#include <exception>

#include "core/uuid.h"
#include "forms/engine/answer_codec.h"
#include "khmer_digits.h"
#include "language.h"

namespace phum::app {
namespace {

namespace engine = phum::forms::engine;

bool isNumeric(const phum::v1::Field& field) {
  return field.type() == phum::v1::FIELD_TYPE_INTEGER ||
         field.type() == phum::v1::FIELD_TYPE_DECIMAL;
}

// What the engine is given for what was typed: trimmed, and Khmer digits as ASCII where the
// answer is a number or a code typed on the number pad (appearance "numbers").
std::string engineText(const phum::v1::Field& field, const QVariant& value) {
  QString text = value.toString().trimmed();
  if (isNumeric(field) || field.appearance().find("numbers") != std::string::npos)
    text = toAsciiDigits(text);
  return text.toStdString();
}

}  // namespace

RecordDraft::RecordDraft(QObject* parent) : QObject(parent), model_(builtInQuickRegistration()) {
  restartSession();
}

QString RecordDraft::formId() const {
  return QString::fromStdString(model_->definition().form_id());
}

void RecordDraft::setSession(Session* session) {
  if (session == session_) return;
  session_ = session;
  if (session_ && session_->store()) {
    try {
      model_ = newestQuickRegistration(session_->store());
    } catch (const std::exception& error) {
      // A broken download must not stop registration: the built-in version still works.
      qWarning().noquote() << "phum-app: the downloaded quick registration form is unusable,"
                           << "using the built-in one:" << error.what();
      model_ = builtInQuickRegistration();
    }
    restartSession();
  }
  emit sessionChanged();
}

void RecordDraft::restartSession() {
  engine::SessionOptions options;
  options.language = Language::current().toStdString();
  formLanguage_ = options.language;
  form_ = std::make_unique<engine::FormSession>(model_, options);
  for (auto it = answers_.cbegin(); it != answers_.cend(); ++it) {
    const std::string name = it.key().toStdString();
    const int index = model_->indexOf(name);
    if (index >= 0) form_->setAnswer(name, engineText(*model_->field(index).def, it.value()));
  }
}

void RecordDraft::setAnswer(const QString& name, const QVariant& value) {
  const std::string key = name.toStdString();
  const int index = model_->indexOf(key);
  if (index < 0 || !engine::holdsAnswer(model_->field(index).def->type())) {
    qWarning().noquote() << "phum-app: form" << formId() << "has no field" << name;
    return;
  }
  if (answers_.value(name) == value) return;
  answers_.insert(name, value);
  form_->setAnswer(key, engineText(*model_->field(index).def, value));
  emit answersChanged();
  // Once the user has been told about a field, the message goes away as soon as it is fixed.
  if (errors_.contains(name)) {
    const QString message = messageFor(key);
    if (message.isEmpty())
      errors_.remove(name);
    else
      errors_.insert(name, message);
    emit errorsChanged();
  }
}

QString RecordDraft::messageFor(const std::string& name) const {
  const auto& state = form_->state(name);
  if (state.valid) return {};
  const auto& field = *model_->field(model_->indexOf(name)).def;
  // Type errors come from the engine in English for admins; the field worker gets our words.
  if (!state.typeError.empty())
    return isNumeric(field) ? tr("Write a number only, for example 25.")
                            : tr("Please fill in this answer.");
  if (field.type() == phum::v1::FIELD_TYPE_SELECT_ONE) {
    if (state.value.empty() && field.required_messages().empty()) return tr("Please choose one.");
    if (!state.value.empty() &&
        std::find(state.choices.begin(), state.choices.end(), state.value) == state.choices.end())
      return tr("Please choose one.");
  }
  if (state.value.empty() && field.required_messages().empty())
    return tr("Please fill in this answer.");
  // Required and constraint messages: the form's own words in the UI language.
  return QString::fromStdString(state.message);
}

bool RecordDraft::validate() {
  // Re-word the messages after a language switch.
  if (formLanguage_ != Language::current().toStdString()) restartSession();
  QVariantMap errors;
  for (const auto& error : form_->errors()) {
    const QString name = QString::fromStdString(error.field);
    if (!errors.contains(name)) errors.insert(name, messageFor(error.field));
  }
  if (errors != errors_) {
    errors_ = errors;
    emit errorsChanged();
  }
  return errors_.isEmpty();
}

phum::v1::Record RecordDraft::toRecord() const {
  phum::v1::Record record;
  record.set_form_id(model_->definition().form_id());
  record.set_form_version(model_->definition().version());
  if (session_) {
    record.set_author(session_->user().toStdString());
    record.set_device_id(session_->deviceId().toStdString());
  }
  // The engine's answer codec: exactly the wire values the server's validator decodes.
  *record.mutable_answers() = form_->answers();
  if (model_->indexOf(kLocationField) >= 0) {
    const auto& location = form_->state(kLocationField);
    if (location.valid && location.hasAnswer()) record.set_location_code(location.value);
  }
  return record;
}

bool RecordDraft::save() {
  setSaveError({});
  if (!session_ || !session_->store()) {
    setSaveError(tr("Cannot save: the tablet's storage is not open. Ask your supervisor."));
    return false;
  }
  if (!validate()) return false;
  try {
    const auto stored = session_->store()->saveRecord(toRecord());
    const auto uuid = Uuid::fromBytes(stored.uuid());
    clear();
    session_->notifyRecordsChanged();
    session_->notifyRecordSaved();
    emit saved(uuid ? QString::fromStdString(uuid->toString()) : QString());
    return true;
  } catch (const std::exception& error) {
    // Keep the answers so nothing typed is lost; the user can try again.
    setSaveError(tr("Could not save on this tablet: %1").arg(QString::fromStdString(error.what())));
    return false;
  }
}

void RecordDraft::clear() {
  answers_.clear();
  errors_.clear();
  restartSession();
  emit answersChanged();
  emit errorsChanged();
}

void RecordDraft::setSaveError(const QString& message) {
  if (message == saveError_) return;
  saveError_ = message;
  emit saveErrorChanged();
}

}  // namespace phum::app
