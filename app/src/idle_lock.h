#pragma once
// Locks the tablet after `timeoutMs` without a touch, click, key or wheel anywhere in the app: an
// application-wide event filter restarts the countdown on each input, and `idle` is emitted when it
// runs out while `enabled`. AppShell saves the open draft, locks (the data key leaves memory) and
// reopens the draft after the unlock.
#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <QTimer>

namespace phum::app {

class IdleLock : public QObject {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(bool enabled READ enabled WRITE setEnabled NOTIFY enabledChanged)
  Q_PROPERTY(int timeoutMs READ timeoutMs WRITE setTimeoutMs NOTIFY timeoutMsChanged)

 public:
  explicit IdleLock(QObject* parent = nullptr);
  ~IdleLock() override;

  bool enabled() const { return enabled_; }
  void setEnabled(bool enabled);
  int timeoutMs() const { return timeoutMs_; }
  void setTimeoutMs(int timeoutMs);
  // Milliseconds left before `idle` (-1 when not counting down), for tests.
  Q_INVOKABLE int remainingMs() const { return countdown_.remainingTime(); }

 signals:
  void enabledChanged();
  void timeoutMsChanged();
  // No input for timeoutMs while enabled.
  void idle();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void restart();

  QTimer countdown_;
  bool enabled_ = false;
  int timeoutMs_ = 5 * 60 * 1000;
};

}  // namespace phum::app
