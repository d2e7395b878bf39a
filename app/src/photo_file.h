#pragma once
// Photos as a record keeps them: scaled down so the long side is at most `maxPixels` (the XLSForm
// `max-pixels` parameter, else 1600), turned upright from the camera's EXIF orientation, and saved
// as JPEG. A 12-megapixel camera photo is several megabytes; at 1600 px it is a few hundred
// kilobytes, which a 2G link carries in minutes rather than an hour.
#include <QImage>
#include <QString>
#include <string>

namespace phum::app {

inline constexpr int kDefaultPhotoPixels = 1600;
inline constexpr int kPhotoJpegQuality = 80;

// The long-side limit a question's parameters set ("max-pixels=1024"), or kDefaultPhotoPixels.
int maxPixelsFor(const QString& parameters);

// Reads `source` (any image format Qt reads), scales and writes `target` as JPEG, encrypted with
// the tablet's data key `keyId` (shared/crypto; "" = in clear, a tablet without accounts).
// Returns "" on success, otherwise what went wrong, naming the file.
QString storeScaledPhoto(const QString& source, const QString& target, int maxPixels,
                         const std::string& keyId = {});
// The photo at `path` as a URL an Image shows: a data: URL of the decrypted JPEG when it is
// encrypted (it never goes back to disk in clear), the file's URL otherwise; "" when unreadable.
QString photoSourceUrl(const QString& path);

// `image` scaled so that its long side is at most maxPixels (unchanged when already smaller).
QImage scaledForRecord(const QImage& image, int maxPixels);

}  // namespace phum::app
