#include "position_capture.h"

#include <QGeoPositionInfoSource>
#include <QQmlEngine>
#include <QRegularExpression>

#include "field_capture.h"

namespace phum::app {
namespace {

constexpr double kDefaultThresholdMetres = 10.0;

double accuracyOf(const QGeoPositionInfo& info) {
  return info.hasAttribute(QGeoPositionInfo::HorizontalAccuracy)
             ? info.attribute(QGeoPositionInfo::HorizontalAccuracy)
             : -1.0;
}

// Whether `candidate` is a better reading than `best` (an accuracy beats none; smaller beats
// larger).
bool better(const QGeoPositionInfo& candidate, const QGeoPositionInfo& best) {
  if (!best.isValid()) return true;
  const double a = accuracyOf(candidate), b = accuracyOf(best);
  if (a < 0) return b < 0;
  return b < 0 || a <= b;
}

}  // namespace

PositionCapture::PositionCapture(QObject* parent) : QObject(parent) {
  watchdog_.setSingleShot(true);
  connect(&watchdog_, &QTimer::timeout, this, &PositionCapture::onLost);
}

PositionCapture::~PositionCapture() { stop(); }

void PositionCapture::setThreshold(double metres) {
  if (metres == threshold_) return;
  threshold_ = metres;
  emit thresholdChanged();
}

double PositionCapture::accuracy() const { return latest_.isValid() ? accuracyOf(latest_) : -1.0; }

QString PositionCapture::answer() const {
  if (!best_.isValid()) return {};
  const QGeoCoordinate c = best_.coordinate();
  const double altitude = c.type() == QGeoCoordinate::Coordinate3D ? c.altitude() : 0.0;
  return QStringLiteral("%1 %2 %3 %4")
      .arg(c.latitude(), 0, 'f', 7)
      .arg(c.longitude(), 0, 'f', 7)
      .arg(altitude, 0, 'f', 1)
      .arg(std::max(0.0, accuracyOf(best_)), 0, 'f', 1);
}

void PositionCapture::start() {
  stop();
  latest_ = {};
  best_ = {};
  emit readingChanged();
  // The engine's FieldCapture, made now if no QML used it yet.
  FieldCapture* capture = nullptr;
  if (QQmlEngine* engine = qmlEngine(this)) {
    const int type = qmlTypeId("Phum", 1, 0, "FieldCapture");
    capture = engine->singletonInstance<FieldCapture*>(type);
  }
  if (!capture) capture = FieldCapture::instance();
  source_ = capture ? capture->createPositionSource(this) : nullptr;
  if (!source_) {
    setState(QStringLiteral("unavailable"));
    return;
  }
  connect(source_, &QGeoPositionInfoSource::positionUpdated, this, &PositionCapture::onPosition);
  connect(source_, &QGeoPositionInfoSource::errorOccurred, this,
          [this](QGeoPositionInfoSource::Error error) {
            if (error == QGeoPositionInfoSource::AccessError ||
                error == QGeoPositionInfoSource::ClosedError)
              setState(QStringLiteral("unavailable"));
            else
              onLost();
          });
  setState(QStringLiteral("waiting"));
  watchdog_.start(lostAfterMs_);
  source_->startUpdates();
}

void PositionCapture::stop() {
  watchdog_.stop();
  if (source_) {
    source_->stopUpdates();
    source_->deleteLater();
    source_ = nullptr;
  }
  if (state_ == QLatin1String("waiting")) setState(QStringLiteral("idle"));
}

double PositionCapture::thresholdFor(const QString& parameters) {
  static const QRegularExpression pattern(
      QStringLiteral("(?:^|[\\s,;])accuracyThreshold=([0-9.]+)"),
      QRegularExpression::CaseInsensitiveOption);
  const auto match = pattern.match(parameters);
  bool ok = false;
  const double value = match.hasMatch() ? match.captured(1).toDouble(&ok) : 0.0;
  return ok && value > 0 ? value : kDefaultThresholdMetres;
}

void PositionCapture::onPosition(const QGeoPositionInfo& info) {
  if (!info.isValid() || !info.coordinate().isValid()) return;
  watchdog_.start(lostAfterMs_);
  latest_ = info;
  if (better(info, best_)) best_ = info;
  emit readingChanged();
  const double metres = accuracyOf(best_);
  if (metres >= 0 && metres <= threshold_) {
    // Good enough: stop here so the point does not drift while the user reads the screen.
    setState(QStringLiteral("good"));
    watchdog_.stop();
    if (source_) source_->stopUpdates();
  } else {
    setState(QStringLiteral("waiting"));
  }
}

void PositionCapture::onLost() {
  if (state_ != QLatin1String("waiting")) return;
  latest_ = {};
  emit readingChanged();
  setState(QStringLiteral("lost"));
}

void PositionCapture::setState(const QString& state) {
  if (state == state_) return;
  state_ = state;
  emit stateChanged();
}

}  // namespace phum::app
