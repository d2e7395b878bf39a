#include "idle_lock.h"

#include <QCoreApplication>
#include <QEvent>
#include <algorithm>

namespace phum::app {

IdleLock::IdleLock(QObject* parent) : QObject(parent) {
  countdown_.setSingleShot(true);
  connect(&countdown_, &QTimer::timeout, this, [this] {
    if (enabled_) emit idle();
  });
  if (auto* app = QCoreApplication::instance()) app->installEventFilter(this);
}

IdleLock::~IdleLock() {
  if (auto* app = QCoreApplication::instance()) app->removeEventFilter(this);
}

void IdleLock::setEnabled(bool enabled) {
  if (enabled == enabled_) return;
  enabled_ = enabled;
  if (enabled_)
    restart();
  else
    countdown_.stop();
  emit enabledChanged();
}

void IdleLock::setTimeoutMs(int timeoutMs) {
  timeoutMs = std::max(timeoutMs, 1);
  if (timeoutMs == timeoutMs_) return;
  timeoutMs_ = timeoutMs;
  if (enabled_) restart();
  emit timeoutMsChanged();
}

void IdleLock::restart() { countdown_.start(timeoutMs_); }

bool IdleLock::eventFilter(QObject* watched, QEvent* event) {
  switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::KeyPress:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::Wheel:
    case QEvent::TabletPress:
    case QEvent::InputMethod:
      if (enabled_) restart();
      break;
    default:
      break;
  }
  return QObject::eventFilter(watched, event);
}

}  // namespace phum::app
