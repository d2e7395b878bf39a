#include "code_reader.h"

#include <QImageReader>
#include <QUrl>
#include <QUrlQuery>
#include <QVideoFrame>
#include <QVideoSink>

// zxing-cpp 1.4 gives the text as UTF-8 std::string only with this set (its future default).
#define ZX_USE_UTF8 1
#include "ZXing/ReadBarcode.h"

namespace phum::app {
namespace {

// A frame every quarter second is enough to feel instant and leaves the CPU to the camera.
constexpr qint64 kFrameIntervalMs = 250;

}  // namespace

std::optional<QString> decodeCode(const QImage& image) {
  if (image.isNull()) return std::nullopt;
  const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
  const ZXing::ImageView view(gray.constBits(), gray.width(), gray.height(),
                              ZXing::ImageFormat::Lum, static_cast<int>(gray.bytesPerLine()));
  ZXing::DecodeHints hints;
  hints.setTryHarder(true);
  hints.setTryRotate(true);
  const ZXing::Result result = ZXing::ReadBarcode(view, hints);
  if (!result.isValid()) return std::nullopt;
  return QString::fromStdString(result.text());
}

CodeReader::CodeReader(QObject* parent) : QObject(parent) {}

void CodeReader::setVideoSink(QVideoSink* sink) {
  if (sink == sink_) return;
  if (sink_) disconnect(sink_, nullptr, this, nullptr);
  sink_ = sink;
  if (sink_) connect(sink_, &QVideoSink::videoFrameChanged, this, &CodeReader::onFrame);
  emit videoSinkChanged();
}

QString CodeReader::readFile(const QString& path) {
  const QString local = path.startsWith(QLatin1String("file:")) ? QUrl(path).toLocalFile() : path;
  QImageReader reader(local);
  reader.setAutoTransform(true);
  const QImage image = reader.read();
  if (image.isNull()) {
    setError(tr("This picture cannot be opened: %1").arg(reader.errorString()));
    return {};
  }
  const auto text = decodeCode(image);
  if (!text) {
    setError(
        tr("No QR code or barcode was found in this picture. Take the picture again, closer "
           "and sharper, or type the code."));
    return {};
  }
  setError({});
  return *text;
}

QString CodeReader::enrolmentCode(const QString& scanned) {
  const QString text = scanned.trimmed();
  const QUrl url(text);
  if (url.scheme() != QLatin1String("phum") || !url.path().startsWith(QLatin1String("enroll")))
    return text;
  return QUrlQuery(url.query()).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
}

void CodeReader::onFrame(const QVideoFrame& frame) {
  if (sinceLastTry_.isValid() && sinceLastTry_.elapsed() < kFrameIntervalMs) return;
  sinceLastTry_.start();
  if (const auto text = decodeCode(frame.toImage())) emit found(*text);
}

void CodeReader::setError(const QString& error) {
  if (error == error_) return;
  error_ = error;
  emit errorChanged();
}

}  // namespace phum::app
