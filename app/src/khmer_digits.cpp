#include "khmer_digits.h"

namespace phum::app {
namespace {
constexpr char16_t kKhmerZero = 0x17E0;
constexpr char16_t kKhmerNine = 0x17E9;
}  // namespace

QString toAsciiDigits(const QString& text) {
  QString out = text;
  for (QChar& c : out) {
    const char16_t u = c.unicode();
    if (u >= kKhmerZero && u <= kKhmerNine) c = QChar(u'0' + (u - kKhmerZero));
  }
  return out;
}

QString toKhmerDigits(const QString& text) {
  QString out = text;
  for (QChar& c : out) {
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9') c = QChar(char16_t(kKhmerZero + (u - u'0')));
  }
  return out;
}

}  // namespace phum::app
