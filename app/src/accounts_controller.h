#pragma once
// Sign-in on a shared tablet, for the pages: which step to show (enrol the tablet, choose a user,
// first sign-in with password, PIN unlock), the users who signed in here before, and messages in
// the user's language. Network calls and PIN checks run on a worker thread (accounts_worker.h);
// the pages only call the Q_INVOKABLEs and show the properties.
#include <QtQml/qqmlregistration.h>

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QVariantList>
#include <functional>

#include "accounts_worker.h"
#include "session.h"

namespace phum::app {

class AccountsController : public QObject {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(phum::app::Session* session READ session WRITE setSession NOTIFY sessionChanged)
  // "enrol", "chooseUser", "newUser", "unlock" or "signedIn".
  Q_PROPERTY(QString step READ step NOTIFY stepChanged)
  Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
  Q_PROPERTY(QString message READ message NOTIFY messageChanged)
  // True when the message is a problem to fix (shown in red), false for good news.
  Q_PROPERTY(bool messageIsProblem READ messageIsProblem NOTIFY messageChanged)
  // [{username, displayName, canSync, lockedOut}], by display name.
  Q_PROPERTY(QVariantList users READ users NOTIFY usersChanged)
  // The user the PIN page is for, or the username the password page starts with.
  Q_PROPERTY(QString chosenUser READ chosenUser NOTIFY stepChanged)

 public:
  explicit AccountsController(QObject* parent = nullptr);
  ~AccountsController() override;  // waits for a running worker

  Session* session() const { return session_; }
  void setSession(Session* session);
  QString step() const { return step_; }
  bool busy() const { return busy_; }
  QString message() const { return message_; }
  bool messageIsProblem() const { return messageIsProblem_; }
  QVariantList users() const { return users_; }
  QString chosenUser() const { return chosenUser_; }

  Q_INVOKABLE void enrol(const QString& code);
  Q_INVOKABLE void chooseUser(const QString& username);
  // Opens the password page (a new user, or `username` who forgot the PIN or is locked out).
  Q_INVOKABLE void startOnlineSignIn(const QString& username = {});
  Q_INVOKABLE void backToUsers();
  Q_INVOKABLE void signIn(const QString& username, const QString& password, const QString& pin,
                          const QString& pinAgain);
  Q_INVOKABLE void unlock(const QString& pin);
  // Locks the tablet. `keepDataKey`: a lock by hand keeps the data key in memory so that a
  // colleague can sign in (a new user's key wrap needs it) until the sign-in screen's idle time
  // runs out (forgetDataKey); the idle lock drops it at once.
  Q_INVOKABLE void signOut(bool keepDataKey = false);
  // The records can no longer be read until a PIN or password opens them again.
  Q_INVOKABLE void forgetDataKey();
  // Re-reads users and the signed-in user (after a sync applied revocations).
  Q_INVOKABLE void refresh();
  // The language changed: the message is composed again in the new one.
  Q_INVOKABLE void retranslate();

 signals:
  void sessionChanged();
  void stepChanged();
  void busyChanged();
  void messageChanged();
  void usersChanged();

 private:
  enum class Task { Enrol, SignIn, Unlock };
  void run(Task task, std::function<AccountsOutcome()> work);
  void onFinished();
  void showOutcome(Task task, const AccountsOutcome& outcome);
  QString unlockMessage(const accounts::UnlockResult& result) const;
  QString failureMessage(Task task, const AccountsOutcome& outcome) const;
  QString pinProblem(const QString& pin, const QString& pinAgain) const;
  void reloadUsers();
  void setStep(const QString& step, const QString& chosenUser = {});
  void setBusy(bool busy);
  // Shows compose() now and again after a language switch; nullptr clears the message.
  void say(std::function<QString()> compose, bool problem = true);
  void setMessage(const QString& message);

  Session* session_ = nullptr;
  QFutureWatcher<AccountsOutcome> watcher_;
  Task task_ = Task::Enrol;
  QString step_ = QStringLiteral("enrol");
  bool busy_ = false;
  QString message_;
  std::function<QString()> compose_;
  bool messageIsProblem_ = true;
  QVariantList users_;
  QString chosenUser_;
  bool triedPresetCode_ = false;
};

}  // namespace phum::app
