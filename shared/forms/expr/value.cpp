#include "forms/expr/value.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

namespace phum::forms::expr {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMillisPerDay = 86400000.0;

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && isBlank(text.front())) text.remove_prefix(1);
  while (!text.empty() && isBlank(text.back())) text.remove_suffix(1);
  return text;
}

// Reads `count` ASCII digits at text[pos]; -1 if they are not all digits.
int digitsAt(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool validCalendarDate(int year, int month, int day) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int last = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= last;
}

// Parses "+07:00", "-0530", "Z" or "" (UTC) into minutes east of UTC.
std::optional<int> parseZone(std::string_view zone) {
  if (zone.empty() || zone == "Z") return 0;
  if (zone[0] != '+' && zone[0] != '-') return std::nullopt;
  int hours = digitsAt(zone, 1, 2);
  std::size_t minutePos = zone.size() > 3 && zone[3] == ':' ? 4 : 3;
  int minutes = zone.size() > 3 ? digitsAt(zone, minutePos, 2) : 0;
  if (hours < 0 || minutes < 0 || zone.size() > minutePos + 2) return std::nullopt;
  int total = hours * 60 + minutes;
  return zone[0] == '-' ? -total : total;
}

}  // namespace

Value Value::string(std::string text) {
  Value v;
  v.text_ = std::move(text);
  return v;
}
Value Value::number(double number) {
  Value v;
  v.type_ = Type::Number;
  v.number_ = number;
  return v;
}
Value Value::boolean(bool flag) {
  Value v;
  v.type_ = Type::Boolean;
  v.number_ = flag ? 1 : 0;
  return v;
}
Value Value::date(double daysSinceEpoch) {
  Value v;
  v.type_ = Type::Date;
  v.number_ = daysSinceEpoch;
  return v;
}
Value Value::dateTime(double daysSinceEpoch, int utcOffsetMinutes) {
  Value v;
  v.type_ = Type::DateTime;
  v.number_ = daysSinceEpoch;
  v.utcOffsetMinutes_ = utcOffsetMinutes;
  return v;
}
Value Value::nodeSet(std::vector<std::string> nodes) {
  Value v;
  v.type_ = Type::NodeSet;
  v.nodes_ = std::move(nodes);
  return v;
}

double Value::toNumber() const {
  switch (type_) {
    case Type::Number:
    case Type::Boolean:
    case Type::Date:
    case Type::DateTime:
      return number_;
    case Type::String: {
      if (auto n = parseNumber(text_)) return *n;
      if (auto d = parseIsoDateTime(trim(text_))) return *d;
      return kNaN;
    }
    case Type::NodeSet:
      return nodes_.empty() ? kNaN : Value::string(nodes_.front()).toNumber();
  }
  return kNaN;
}

std::string Value::toString() const {
  switch (type_) {
    case Type::String:
      return text_;
    case Type::Number:
      return formatNumber(number_);
    case Type::Boolean:
      return number_ != 0 ? "true" : "false";
    case Type::Date:
      return std::isfinite(number_) ? formatDate(number_) : "";
    case Type::DateTime:
      return std::isfinite(number_) ? formatDateTime(number_, utcOffsetMinutes_) : "";
    case Type::NodeSet:
      return nodes_.empty() ? "" : nodes_.front();
  }
  return "";
}

bool Value::toBoolean() const {
  switch (type_) {
    case Type::String:
      return !text_.empty();
    case Type::Number:
    case Type::Boolean:
      return number_ != 0 && !std::isnan(number_);
    case Type::Date:
    case Type::DateTime:
      return std::isfinite(number_);
    case Type::NodeSet:
      return !nodes_.empty();
  }
  return false;
}

std::string normalizeDigits(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    // U+17E0..U+17E9 are E1 9F A0..A9 in UTF-8.
    if (i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xE1 &&
        static_cast<unsigned char>(text[i + 1]) == 0x9F &&
        static_cast<unsigned char>(text[i + 2]) >= 0xA0 &&
        static_cast<unsigned char>(text[i + 2]) <= 0xA9) {
      out.push_back(static_cast<char>('0' + (static_cast<unsigned char>(text[i + 2]) - 0xA0)));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::optional<double> parseNumber(std::string_view raw) {
  // Only text with non-ASCII bytes can hold Khmer digits; skip the copy otherwise.
  bool ascii = std::all_of(raw.begin(), raw.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  std::string normalized = ascii ? std::string() : normalizeDigits(raw);
  std::string_view text = trim(ascii ? raw : std::string_view(normalized));
  std::size_t pos = 0;
  if (pos < text.size() && text[pos] == '-') ++pos;
  std::size_t digits = 0;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos, ++digits;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos, ++digits;
  }
  if (digits == 0 || pos != text.size()) return std::nullopt;
  double value = 0;
  std::string_view body = text[0] == '-' ? text.substr(1) : text;
  auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), value);
  if (ec != std::errc() || end != body.data() + body.size()) return std::nullopt;
  return text[0] == '-' ? -value : value;
}

bool isIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int year = digitsAt(text, 0, 4), month = digitsAt(text, 5, 2), day = digitsAt(text, 8, 2);
  return year >= 0 && validCalendarDate(year, month, day);
}

std::optional<double> parseIsoDate(std::string_view text) {
  text = trim(text);
  if (!isIsoDate(text)) return std::nullopt;
  return static_cast<double>(
      daysFromCivil(digitsAt(text, 0, 4), digitsAt(text, 5, 2), digitsAt(text, 8, 2)));
}

std::optional<double> parseIsoDateTime(std::string_view text) {
  text = trim(text);
  if (text.size() == 10) return parseIsoDate(text);
  if (text.size() < 16 || !isIsoDate(text.substr(0, 10)) || text[10] != 'T' || text[13] != ':') {
    return std::nullopt;
  }
  int hour = digitsAt(text, 11, 2), minute = digitsAt(text, 14, 2), second = 0;
  double millis = 0;
  std::size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    second = digitsAt(text, pos + 1, 2);
    pos += 3;
    if (pos < text.size() && text[pos] == '.') {
      std::size_t start = ++pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
      std::string fraction = "0." + std::string(text.substr(start, pos - start));
      millis = std::strtod(fraction.c_str(), nullptr) * 1000.0;
    }
  }
  auto zone = parseZone(text.substr(pos));
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || !zone) {
    return std::nullopt;
  }
  double days = *parseIsoDate(text.substr(0, 10));
  double dayMillis = ((hour * 60.0 + minute - *zone) * 60.0 + second) * 1000.0 + millis;
  return days + dayMillis / kMillisPerDay;
}

// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
std::int64_t daysFromCivil(int year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilTime civilFromDays(double days) {
  double whole = std::floor(days);
  auto millisOfDay = static_cast<std::int64_t>(std::llround((days - whole) * kMillisPerDay));
  auto z = static_cast<std::int64_t>(whole);
  if (millisOfDay >= 86400000) {  // rounding reached midnight
    millisOfDay -= 86400000;
    ++z;
  }
  CivilTime t{};
  t.weekday = static_cast<unsigned>(((z % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  t.day = doy - (153 * mp + 2) / 5 + 1;
  t.month = mp < 10 ? mp + 3 : mp - 9;
  t.year = static_cast<int>(yoe + era * 400 + (t.month <= 2 ? 1 : 0));
  t.hour = static_cast<unsigned>(millisOfDay / 3600000);
  t.minute = static_cast<unsigned>(millisOfDay / 60000 % 60);
  t.second = static_cast<unsigned>(millisOfDay / 1000 % 60);
  t.millisecond = static_cast<unsigned>(millisOfDay % 1000);
  return t;
}

std::string formatDate(double days) {
  CivilTime t = civilFromDays(std::floor(days));
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", t.year, t.month, t.day);
  return buffer;
}

std::string formatDateTime(double utcDays, int utcOffsetMinutes) {
  CivilTime t = civilFromDays(utcDays + utcOffsetMinutes / 1440.0);
  int offset = utcOffsetMinutes < 0 ? -utcOffsetMinutes : utcOffsetMinutes;
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02u:%02u:%02u.%03u%c%02d:%02d", t.year,
                t.month, t.day, t.hour, t.minute, t.second, t.millisecond,
                utcOffsetMinutes < 0 ? '-' : '+', offset / 60, offset % 60);
  return buffer;
}

std::string formatNumber(double number) {
  if (std::isnan(number)) return "NaN";
  if (std::isinf(number)) return number > 0 ? "Infinity" : "-Infinity";
  if (number == std::floor(number) && std::fabs(number) < 1e15) {
    return std::to_string(static_cast<long long>(number));
  }
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, number);
  return ec == std::errc() ? std::string(buffer, end) : std::to_string(number);
}

}  // namespace phum::forms::expr
