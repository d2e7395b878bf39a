#include "record_draft.h"

#include <QDebug>
#include <exception>

#include "core/uuid.h"
#include "khmer_digits.h"

namespace phum::app {
namespace {

QString answerText(const QVariantMap& answers, const QString& name) {
  return answers.value(name).toString().trimmed();
}

bool allAsciiDigits(const QString& text) {
  if (text.isEmpty()) return false;
  for (QChar c : text)
    if (c < u'0' || c > u'9') return false;
  return true;
}

}  // namespace

RecordDraft::RecordDraft(QObject* parent) : QObject(parent), form_(&quickRegistrationForm()) {}

void RecordDraft::setSession(Session* session) {
  if (session == session_) return;
  session_ = session;
  emit sessionChanged();
}

void RecordDraft::setAnswer(const QString& name, const QVariant& value) {
  if (!form_->field(name)) {
    qWarning().noquote() << "phum-app: form" << form_->formId << "has no field" << name;
    return;
  }
  if (answers_.value(name) == value) return;
  answers_.insert(name, value);
  emit answersChanged();
  // Once the user has been told about a field, the message goes away as soon as it is fixed.
  if (errors_.contains(name)) {
    const QString message = checkField(*form_->field(name));
    if (message.isEmpty())
      errors_.remove(name);
    else
      errors_.insert(name, message);
    emit errorsChanged();
  }
}

QString RecordDraft::checkField(const FieldSpec& field) const {
  const QString text = toAsciiDigits(answerText(answers_, field.name));
  if (text.isEmpty()) {
    if (!field.required) return {};
    if (field.name == QLatin1String("respondent_name"))
      return tr("Please write the person's name.");
    if (field.kind == FieldKind::SelectOne) return tr("Please choose one.");
    if (field.name == QLatin1String("age")) return tr("Please write the age in years.");
    if (field.kind == FieldKind::LocationCode) return tr("Please write the village code.");
    return tr("Please fill in this answer.");
  }
  switch (field.kind) {
    case FieldKind::Text:
      if (text.size() > field.maxLength) return tr("This is too long. Please write less.");
      return {};
    case FieldKind::SelectOne:
      return field.choices.contains(text) ? QString() : tr("Please choose one.");
    case FieldKind::Integer: {
      if (!allAsciiDigits(text)) return tr("Write a number only, for example 25.");
      bool ok = false;
      const int value = text.toInt(&ok);
      if (!ok || value < field.minimum || value > field.maximum)
        return tr("Write a number from %1 to %2.").arg(field.minimum).arg(field.maximum);
      return {};
    }
    case FieldKind::LocationCode:
      if (!allAsciiDigits(text) || text.size() != field.digits)
        return tr("The village code has %1 numbers, for example 12010203.").arg(field.digits);
      return {};
  }
  return {};
}

bool RecordDraft::validate() {
  QVariantMap errors;
  for (const auto& field : form_->fields) {
    const QString message = checkField(field);
    if (!message.isEmpty()) errors.insert(field.name, message);
  }
  if (errors != errors_) {
    errors_ = errors;
    emit errorsChanged();
  }
  return errors_.isEmpty();
}

phum::v1::Record RecordDraft::toRecord() const {
  phum::v1::Record record;
  record.set_form_id(form_->formId.toStdString());
  record.set_form_version(form_->version.toStdString());
  if (session_) {
    record.set_author(session_->user().toStdString());
    record.set_device_id(session_->deviceId().toStdString());
  }
  for (const auto& field : form_->fields) {
    const QString text = toAsciiDigits(answerText(answers_, field.name));
    if (text.isEmpty()) continue;
    auto* answer = record.mutable_answers()->add_answers();
    answer->set_name(field.name.toStdString());
    if (field.kind == FieldKind::Integer)
      answer->mutable_value()->set_integer(text.toLongLong());
    else
      answer->mutable_value()->set_text(text.toStdString());
    if (field.kind == FieldKind::LocationCode) record.set_location_code(text.toStdString());
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
  emit answersChanged();
  emit errorsChanged();
}

void RecordDraft::setSaveError(const QString& message) {
  if (message == saveError_) return;
  saveError_ = message;
  emit saveErrorChanged();
}

}  // namespace phum::app
