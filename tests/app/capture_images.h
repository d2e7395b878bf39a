#pragma once
// Pictures the capture tests and the photo benchmark make instead of keeping binary fixtures: a
// camera-sized photo with texture (so JPEG has real work, like a photo of a document), and QR codes
// and barcodes drawn by zxing-cpp's writer.
#include <QImage>
#include <QString>

namespace phum::testing {

// A deterministic stand-in for a camera photo: gradients, paper-like grain and dark "text" lines.
QImage cameraPhoto(int width, int height, unsigned seed = 1);

// `text` as a QR code ("qr") or a Code 128 barcode ("code128"), black on white with a quiet zone.
QImage codeImage(const QString& text, const QString& format, int width, int height);

}  // namespace phum::testing
