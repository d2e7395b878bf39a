#pragma once
// Khmer digits (០-៩, U+17E0..U+17E9) are accepted wherever numbers are typed and stored as ASCII,
// so the server and reports never see two spellings of the same number.
#include <QString>

namespace phum::app {

// "២៥" -> "25"; other characters are kept as they are.
QString toAsciiDigits(const QString& text);
// "25" -> "២៥", for showing numbers to Khmer readers.
QString toKhmerDigits(const QString& text);

}  // namespace phum::app
