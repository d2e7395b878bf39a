#pragma once
// A record being filled in: answers held by field name, checked as they are typed by the shared
// validation engine (a FormSession of the quick registration form, the same code the server
// validates with) and saved (with its outbox entry) through the session's LocalStore. Pages bind
// fields to answers by name, so a generic form renderer can reuse this object unchanged.
#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <QString>
#include <QVariantMap>
#include <memory>

#include "app_form.h"
#include "forms/engine/form_session.h"
#include "phum/v1/record.pb.h"
#include "session.h"

namespace phum::app {

class RecordDraft : public QObject {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(phum::app::Session* session READ session WRITE setSession NOTIFY sessionChanged)
  Q_PROPERTY(QString formId READ formId CONSTANT)
  Q_PROPERTY(QVariantMap answers READ answers NOTIFY answersChanged)
  // field name -> message in the current language; empty when the draft is valid or not yet checked
  Q_PROPERTY(QVariantMap errors READ errors NOTIFY errorsChanged)
  Q_PROPERTY(QString saveError READ saveError NOTIFY saveErrorChanged)

 public:
  explicit RecordDraft(QObject* parent = nullptr);

  Session* session() const { return session_; }
  void setSession(Session* session);
  QString formId() const;
  QVariantMap answers() const { return answers_; }
  QVariantMap errors() const { return errors_; }
  QString saveError() const { return saveError_; }

  Q_INVOKABLE void setAnswer(const QString& name, const QVariant& value);
  Q_INVOKABLE QVariant answer(const QString& name) const { return answers_.value(name); }
  // Checks every field; fills `errors`. Call again after a language switch to re-word messages.
  Q_INVOKABLE bool validate();
  // Validates, then saves and queues the record. On success the draft is cleared and `saved` is
  // emitted; on failure `errors` or `saveError` say what to fix.
  Q_INVOKABLE bool save();
  Q_INVOKABLE void clear();

  // The record as it would be saved (exposed for tests and the later edit flow).
  phum::v1::Record toRecord() const;

 signals:
  void sessionChanged();
  void answersChanged();
  void errorsChanged();
  void saveErrorChanged();
  void saved(const QString& uuid);

 private:
  // A fresh engine session in the UI language, holding the current answers.
  void restartSession();
  // The engine's verdict on one field in words for the field worker; "" when it is fine.
  QString messageFor(const std::string& name) const;
  void setSaveError(const QString& message);

  std::shared_ptr<const forms::engine::FormModel> model_;
  std::unique_ptr<forms::engine::FormSession> form_;
  std::string formLanguage_;
  Session* session_ = nullptr;
  QVariantMap answers_;
  QVariantMap errors_;
  QString saveError_;
};

}  // namespace phum::app
