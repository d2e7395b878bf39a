#pragma once
// Measures a geopoint answer: reads the position source FieldCapture gives (the tablet's GPS, or
// a replayed NMEA log) until a reading is better than `threshold` metres, keeping the best one.
// The user can take a worse reading explicitly or start again. A source that stops reporting
// (indoors, a lost fix) shows as lost after `lostAfterMs` without a usable reading.
#include <QtQml/qqmlregistration.h>

#include <QGeoPositionInfo>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

class QGeoPositionInfoSource;

namespace phum::app {

class PositionCapture : public QObject {
  Q_OBJECT
  QML_ELEMENT
  // "idle", "unavailable" (no position source), "waiting" (no reading good enough yet), "good"
  // (a reading within the threshold: accept it), "lost" (readings stopped).
  Q_PROPERTY(QString state READ state NOTIFY stateChanged)
  Q_PROPERTY(double threshold READ threshold WRITE setThreshold NOTIFY thresholdChanged)
  Q_PROPERTY(int lostAfterMs MEMBER lostAfterMs_ NOTIFY thresholdChanged)
  // The latest reading's accuracy in metres; -1 when it has none.
  Q_PROPERTY(double accuracy READ accuracy NOTIFY readingChanged)
  Q_PROPERTY(bool hasReading READ hasReading NOTIFY readingChanged)
  // The best reading so far as the engine stores it: "latitude longitude altitude accuracy".
  Q_PROPERTY(QString answer READ answer NOTIFY readingChanged)

 public:
  explicit PositionCapture(QObject* parent = nullptr);
  ~PositionCapture() override;

  QString state() const { return state_; }
  double threshold() const { return threshold_; }
  void setThreshold(double metres);
  double accuracy() const;
  bool hasReading() const { return best_.isValid(); }
  QString answer() const;

  // Starts measuring afresh (the best reading is forgotten).
  Q_INVOKABLE void start();
  Q_INVOKABLE void stop();

  // The accuracy threshold a geopoint question asks for in its XLSForm parameters
  // ("accuracyThreshold=5"), or 10 m.
  Q_INVOKABLE static double thresholdFor(const QString& parameters);

 signals:
  void stateChanged();
  void thresholdChanged();
  void readingChanged();

 private:
  void onPosition(const QGeoPositionInfo& info);
  void onLost();
  void setState(const QString& state);

  QPointer<QGeoPositionInfoSource> source_;
  QGeoPositionInfo latest_;
  QGeoPositionInfo best_;
  QString state_ = QStringLiteral("idle");
  double threshold_ = 10.0;
  int lostAfterMs_ = 5000;
  QTimer watchdog_;
};

}  // namespace phum::app
