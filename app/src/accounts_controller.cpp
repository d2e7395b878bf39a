#include "accounts_controller.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSysInfo>
#include <QVariantMap>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <exception>

#include "app_settings.h"
#include "crypto/data_key.h"
#include "khmer_digits.h"

namespace phum::app {

AccountsController::AccountsController(QObject* parent) : QObject(parent) {
  connect(&watcher_, &QFutureWatcher<AccountsOutcome>::finished, this,
          &AccountsController::onFinished);
}

AccountsController::~AccountsController() { watcher_.waitForFinished(); }

void AccountsController::setSession(Session* session) {
  if (session == session_) return;
  if (session_) disconnect(session_, &Session::deviceErased, this, nullptr);
  session_ = session;
  if (session_) {
    connect(session_, &Session::deviceErased, this, [this] {
      refresh();
      say([] {
        return tr(
            "An administrator revoked this tablet. Its records and keys were erased. "
            "Enrol it again with a new code.");
      });
    });
  }
  emit sessionChanged();
  refresh();
}

void AccountsController::refresh() {
  if (!session_ || !session_->usesAccounts() || !session_->accounts()) {
    // --open mode, or the store failed to open (the records page says so): nothing to sign in to.
    setStep(QStringLiteral("signedIn"));
    return;
  }
  auto* accounts = session_->accounts();
  try {
    reloadUsers();
    if (const auto current = accounts->currentUser()) {
      session_->setUser(QString::fromStdString(current->username));
      setStep(QStringLiteral("signedIn"));
      return;
    }
    session_->setUser({});
    if (!accounts->isEnrolled()) {
      setStep(QStringLiteral("enrol"));
      const QString preset = session_->config().enrollCode;
      if (!preset.isEmpty() && !triedPresetCode_ && !busy_) {
        triedPresetCode_ = true;  // a used or wrong preset code must not be retried in a loop
        enrol(preset);
      }
    } else if (users_.isEmpty()) {
      setStep(QStringLiteral("newUser"));
    } else if (step_ != QLatin1String("newUser") && step_ != QLatin1String("unlock")) {
      setStep(QStringLiteral("chooseUser"));
    }
  } catch (const std::exception& error) {
    const QString detail = QString::fromStdString(error.what());
    say([=, this] { return tr("Could not read the accounts on this tablet: %1").arg(detail); });
  }
}

void AccountsController::reloadUsers() {
  QVariantList users;
  for (const auto& account : session_->accounts()->listUsers()) {
    QVariantMap user;
    user[QStringLiteral("username")] = QString::fromStdString(account.username);
    const QString display = QString::fromStdString(account.displayName);
    user[QStringLiteral("displayName")] =
        display.isEmpty() ? QString::fromStdString(account.username) : display;
    user[QStringLiteral("canSync")] = account.canSync;
    user[QStringLiteral("lockedOut")] = account.lockedOut;
    users << user;
  }
  if (users == users_) return;
  users_ = users;
  emit usersChanged();
}

void AccountsController::enrol(const QString& code) {
  if (busy_ || !session_) return;
  if (code.trimmed().isEmpty()) {
    say([=, this] { return tr("Type the code your administrator gave you."); });
    return;
  }
  const QString dataPath = session_->dataPath();
  const QString serverUrl = session_->serverUrl();
  // The administrator sees this name in the device list.
  const QString deviceName = QStringLiteral("Phum tablet %1").arg(QSysInfo::machineHostName());
  const QString caFile = session_->config().caFile;
  run(Task::Enrol, [=] { return enrolTablet(dataPath, serverUrl, caFile, code, deviceName); });
}

void AccountsController::chooseUser(const QString& username) {
  say(nullptr);
  setStep(QStringLiteral("unlock"), username);
}

void AccountsController::startOnlineSignIn(const QString& username) {
  say(nullptr);
  setStep(QStringLiteral("newUser"), username);
}

void AccountsController::backToUsers() {
  say(nullptr);
  setStep(users_.isEmpty() ? QStringLiteral("newUser") : QStringLiteral("chooseUser"));
}

QString AccountsController::pinProblem(const QString& pin, const QString& pinAgain) const {
  const QString digits = toAsciiDigits(pin).remove(QLatin1Char(' '));
  static const QRegularExpression fourToEight(QStringLiteral("^[0-9]{4,8}$"));
  if (!fourToEight.match(digits).hasMatch()) return tr("The PIN must be 4 to 8 digits.");
  if (toAsciiDigits(pinAgain).remove(QLatin1Char(' ')) != digits)
    return tr("The two PINs are not the same. Type the same PIN twice.");
  try {
    accounts::normalisePin(digits.toStdString());
  } catch (const accounts::AccountError&) {
    return tr("This PIN is too easy to guess (like 1111 or 1234). Choose another.");
  }
  return {};
}

void AccountsController::signIn(const QString& username, const QString& password,
                                const QString& pin, const QString& pinAgain) {
  if (busy_ || !session_) return;
  const auto problem = [=, this] {
    if (username.trimmed().isEmpty()) return tr("Type your username.");
    if (password.isEmpty()) return tr("Type your password.");
    return pinProblem(pin, pinAgain);
  };
  if (!problem().isEmpty()) {
    say(problem);
    return;
  }
  const QString dataPath = session_->dataPath();
  const QString serverUrl = session_->serverUrl();
  const QString caFile = session_->config().caFile;
  const QString asciiPin = toAsciiDigits(pin);
  run(Task::SignIn,
      [=] { return signInOnline(dataPath, serverUrl, caFile, username, password, asciiPin); });
}

void AccountsController::unlock(const QString& pin) {
  if (busy_ || !session_) return;
  if (pin.trimmed().isEmpty()) {
    say([=, this] { return tr("Type your PIN."); });
    return;
  }
  const QString dataPath = session_->dataPath();
  const QString username = chosenUser_;
  const QString asciiPin = toAsciiDigits(pin);
  run(Task::Unlock, [=] { return unlockWithPin(dataPath, username, asciiPin); });
}

void AccountsController::signOut(bool keepDataKey) {
  if (!session_ || !session_->accounts()) return;
  try {
    session_->accounts()->signOut();
  } catch (const std::exception& error) {
    const QString detail = QString::fromStdString(error.what());
    say([=, this] { return tr("Could not lock the tablet: %1").arg(detail); });
    return;
  }
  if (!keepDataKey) forgetDataKey();
  say(nullptr);
  session_->setUser({});
  setStep(QStringLiteral("chooseUser"));
  refresh();
}

void AccountsController::forgetDataKey() { crypto::forgetAllKeys(); }

void AccountsController::run(Task task, std::function<AccountsOutcome()> work) {
  task_ = task;
  say(nullptr);
  setBusy(true);
  watcher_.setFuture(QtConcurrent::run(std::move(work)));
}

void AccountsController::onFinished() {
  setBusy(false);
  showOutcome(task_, watcher_.result());
}

void AccountsController::showOutcome(Task task, const AccountsOutcome& outcome) {
  if (outcome.unlock && !outcome.unlock->ok()) {
    say([=, this] { return unlockMessage(*outcome.unlock); });
    refresh();
    return;
  }
  if (!outcome.ok()) {
    say([=, this] { return failureMessage(task, outcome); });
    return;
  }
  say(nullptr);
  if (task == Task::Enrol) {
    setStep(QStringLiteral("newUser"));
    say(
        [=, this] {
          return tr("This tablet is enrolled. Now sign in with your username and password.");
        },
        false);
  }
  refresh();
  if ((task == Task::SignIn || task == Task::Unlock) && session_->signedIn() && session_->store() &&
      removeExpiredRecords(*session_->store()) > 0)
    session_->notifyRecordsChanged();
}

QString AccountsController::unlockMessage(const accounts::UnlockResult& result) const {
  switch (result.status) {
    case accounts::UnlockStatus::Unlocked:
      return {};
    case accounts::UnlockStatus::WrongPin:
      return tr("Wrong PIN. You can try %1 more times before you must wait.").arg(result.triesLeft);
    case accounts::UnlockStatus::LockedOut: {
      const qint64 waitMs = result.retryAtMs - QDateTime::currentMSecsSinceEpoch();
      const qint64 minutes = std::max<qint64>(1, (waitMs + 59999) / 60000);
      const QString until =
          QDateTime::fromMSecsSinceEpoch(result.retryAtMs).toString(QStringLiteral("HH:mm"));
      return tr("Too many wrong PINs. Wait %1 minutes (until %2), or sign in again with your "
                "password.")
          .arg(minutes)
          .arg(until);
    }
    case accounts::UnlockStatus::UnknownUser:
      return tr("This user has not signed in on this tablet yet. Sign in with your password.");
    case accounts::UnlockStatus::Revoked:
      return tr("This account was removed by an administrator. Ask your supervisor.");
    case accounts::UnlockStatus::NeedsOnlineSignIn:
      return tr("Sign in once with your password (the tablet must be online), then use your PIN.");
  }
  return QString::fromStdString(result.message);
}

QString AccountsController::failureMessage(Task task, const AccountsOutcome& outcome) const {
  switch (outcome.failure) {
    case AccountsFailure::None:
      return {};
    case AccountsFailure::Input:
      return outcome.detail;  // rare: the checks above catch what the user can fix
    case AccountsFailure::Unreachable:
      return tr("Cannot reach the server at %1. Check the internet connection and try again.")
          .arg(session_ ? session_->serverUrl() : QString());
    case AccountsFailure::Storage:
      return tr("The tablet's storage failed: %1. Ask your supervisor.").arg(outcome.detail);
    case AccountsFailure::Refused:
      break;
  }
  if (task == Task::Enrol)
    return tr("The server did not accept this code. Check it, or ask your administrator for a new "
              "one. (%1)")
        .arg(outcome.detail);
  if (outcome.httpStatus == 401) return tr("Wrong username or password. Check them and try again.");
  return tr("The server refused the sign-in: %1").arg(outcome.detail);
}

void AccountsController::setStep(const QString& step, const QString& chosenUser) {
  if (step == step_ && chosenUser == chosenUser_) return;
  step_ = step;
  chosenUser_ = chosenUser;
  emit stepChanged();
}

void AccountsController::setBusy(bool busy) {
  if (busy == busy_) return;
  busy_ = busy;
  emit busyChanged();
}

void AccountsController::say(std::function<QString()> compose, bool problem) {
  compose_ = std::move(compose);
  messageIsProblem_ = problem;
  setMessage(compose_ ? compose_() : QString());
}

void AccountsController::retranslate() {
  if (compose_) setMessage(compose_());
}

void AccountsController::setMessage(const QString& message) {
  if (message == message_) return;
  message_ = message;
  emit messageChanged();
}

}  // namespace phum::app
