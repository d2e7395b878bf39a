#include "photo_file.h"

#include <QDir>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>
#include <QRegularExpression>
#include <QSaveFile>

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

QString storeScaledPhoto(const QString& source, const QString& target, int maxPixels) {
  QImageReader reader(source);
  reader.setAutoTransform(true);
  const QImage image = reader.read();
  if (image.isNull())
    return QStringLiteral("cannot read the picture %1: %2").arg(source, reader.errorString());
  if (!QDir().mkpath(QFileInfo(target).absolutePath()))
    return QStringLiteral("cannot create the folder for %1").arg(target);
  // Written whole or not at all: a photo half on disk would be uploaded as a broken file.
  QSaveFile file(target);
  if (!file.open(QIODevice::WriteOnly))
    return QStringLiteral("cannot write %1: %2").arg(target, file.errorString());
  QImageWriter writer(&file, "jpeg");
  writer.setQuality(kPhotoJpegQuality);
  if (!writer.write(scaledForRecord(image, maxPixels).convertToFormat(QImage::Format_RGB32)))
    return QStringLiteral("cannot write %1: %2").arg(target, writer.errorString());
  if (!file.commit()) return QStringLiteral("cannot write %1: %2").arg(target, file.errorString());
  return {};
}

}  // namespace phum::app
