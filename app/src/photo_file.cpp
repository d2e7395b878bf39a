#include "photo_file.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>
#include <QRegularExpression>
#include <QUrl>
#include <exception>

#include "crypto/protected_file.h"

namespace phum::app {

int maxPixelsFor(const QString& parameters) {
  static const QRegularExpression pattern(QStringLiteral("(?:^|[\\s,;])max-pixels=([0-9]+)"),
                                          QRegularExpression::CaseInsensitiveOption);
  const auto match = pattern.match(parameters);
  bool ok = false;
  const int value = match.hasMatch() ? match.captured(1).toInt(&ok) : 0;
  return ok && value > 0 ? value : kDefaultPhotoPixels;
}

QImage scaledForRecord(const QImage& image, int maxPixels) {
  if (std::max(image.width(), image.height()) <= maxPixels) return image;
  return image.scaled(maxPixels, maxPixels, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

QString storeScaledPhoto(const QString& source, const QString& target, int maxPixels,
                         const std::string& keyId) {
  QImageReader reader(source);
  reader.setAutoTransform(true);
  const QImage image = reader.read();
  if (image.isNull())
    return QStringLiteral("cannot read the picture %1: %2").arg(source, reader.errorString());
  if (!QDir().mkpath(QFileInfo(target).absolutePath()))
    return QStringLiteral("cannot create the folder for %1").arg(target);
  // Encoded in memory: the JPEG touches the disk only encrypted, and whole (a temporary file
  // renamed into place), so no half photo is ever uploaded.
  QByteArray jpeg;
  QBuffer buffer(&jpeg);
  buffer.open(QIODevice::WriteOnly);
  QImageWriter writer(&buffer, "jpeg");
  writer.setQuality(kPhotoJpegQuality);
  if (!writer.write(scaledForRecord(image, maxPixels).convertToFormat(QImage::Format_RGB32)))
    return QStringLiteral("cannot write %1: %2").arg(target, writer.errorString());
  try {
    crypto::writeProtectedFile(target.toStdString(), jpeg.toStdString(), keyId);
  } catch (const std::exception& error) {
    return QStringLiteral("cannot write %1: %2").arg(target, QString::fromUtf8(error.what()));
  }
  return {};
}

QString photoSourceUrl(const QString& path) {
  if (!QFileInfo::exists(path)) return {};
  try {
    if (!crypto::isProtectedFile(path.toStdString())) return QUrl::fromLocalFile(path).toString();
    const std::string jpeg = crypto::readProtectedFile(path.toStdString());
    return QStringLiteral("data:image/jpeg;base64,") +
           QString::fromLatin1(QByteArray::fromStdString(jpeg).toBase64());
  } catch (const std::exception&) {
    return {};  // locked or damaged: no picture rather than a broken one
  }
}

}  // namespace phum::app
