#include "capture_images.h"

#include <QPainter>
#include <cstdint>
#include <stdexcept>

#include "ZXing/BitMatrix.h"
#include "ZXing/MultiFormatWriter.h"

namespace phum::testing {

QImage cameraPhoto(int width, int height, unsigned seed) {
  QImage image(width, height, QImage::Format_RGB32);
  std::uint32_t state = seed * 2654435761u + 1;
  for (int y = 0; y < height; ++y) {
    auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
    for (int x = 0; x < width; ++x) {
      state = state * 1664525u + 1013904223u;  // grain: a camera sensor's noise
      const int grain = static_cast<int>(state >> 27);
      const int r = 150 + 80 * x / width + grain, g = 140 + 70 * y / height + grain;
      const int b = 120 + grain;
      line[x] = qRgb(std::min(r, 255), std::min(g, 255), std::min(b, 255));
    }
  }
  QPainter painter(&image);
  painter.setPen(QPen(QColor(30, 30, 40), std::max(2, height / 300)));
  for (int row = 1; row < 20; ++row) {  // lines of "writing" on the document
    const int y = row * height / 21;
    painter.drawLine(width / 10, y, width - width / 10 - (row * 37 % (width / 4)), y);
  }
  return image;
}

QImage codeImage(const QString& text, const QString& format, int width, int height) {
  const auto barcodeFormat =
      format == QLatin1String("qr") ? ZXing::BarcodeFormat::QRCode : ZXing::BarcodeFormat::Code128;
  ZXing::MultiFormatWriter writer(barcodeFormat);
  writer.setMargin(format == QLatin1String("qr") ? 4 : 20);
  const ZXing::BitMatrix bits = writer.encode(text.toStdString(), width, height);
  QImage image(bits.width(), bits.height(), QImage::Format_Grayscale8);
  for (int y = 0; y < bits.height(); ++y) {
    uchar* line = image.scanLine(y);
    for (int x = 0; x < bits.width(); ++x) line[x] = bits.get(x, y) ? 0 : 255;
  }
  return image;
}

}  // namespace phum::testing
