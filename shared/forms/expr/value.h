#pragma once
// Values of the XPath subset and the XPath 1.0 / JavaRosa coercions between them. Dates are days
// since 1970-01-01 in numeric context, as in ODK, so `today() - ${dob}` is a number of days.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phum::forms::expr {

class Value {
 public:
  enum class Type { String, Number, Boolean, Date, DateTime, NodeSet };

  Value() = default;  // the empty string: an unanswered field
  static Value string(std::string text);
  static Value number(double number);
  static Value boolean(bool flag);
  static Value date(double daysSinceEpoch);
  // An instant, in days since the epoch (UTC); shown in the given offset from UTC.
  static Value dateTime(double daysSinceEpoch, int utcOffsetMinutes);
  // The string values of the nodes a reference selects: one per repeat instance.
  static Value nodeSet(std::vector<std::string> nodes);

  Type type() const { return type_; }
  const std::vector<std::string>& nodes() const { return nodes_; }

  // XPath coercions. Empty string -> NaN; booleans -> 1/0; dates -> days; ISO date text -> days;
  // Khmer digits in text are read as digits; a node-set converts through its first node.
  double toNumber() const;
  std::string toString() const;
  bool toBoolean() const;
  bool isEmpty() const { return type_ == Type::String && text_.empty(); }

 private:
  Type type_ = Type::String;
  double number_ = 0;
  int utcOffsetMinutes_ = 0;
  std::string text_;
  std::vector<std::string> nodes_;
};

// Replaces Khmer digits (U+17E0..U+17E9) with ASCII digits; everything else is kept as is.
std::string normalizeDigits(std::string_view text);

// Text as a number the way XPath reads it: optional sign, digits, optional fraction, surrounding
// blanks allowed. Khmer digits accepted. nullopt for anything else (including "").
std::optional<double> parseNumber(std::string_view text);

// "2026-11-28" -> days since epoch; "2026-11-28T08:56:51.123+07:00" (or Z, or no zone = UTC)
// -> fractional days of that instant. nullopt if the text is not such a date.
std::optional<double> parseIsoDate(std::string_view text);
std::optional<double> parseIsoDateTime(std::string_view text);
bool isIsoDate(std::string_view text);  // exactly YYYY-MM-DD with a real calendar date

std::int64_t daysFromCivil(int year, unsigned month, unsigned day);
struct CivilTime {
  int year;
  unsigned month, day, hour, minute, second, millisecond, weekday;  // weekday: 0 = Sunday
};
// Fractional days since epoch (already shifted to local time) -> calendar fields.
CivilTime civilFromDays(double days);

std::string formatDate(double days);                               // YYYY-MM-DD
std::string formatDateTime(double utcDays, int utcOffsetMinutes);  // ISO 8601 with offset
std::string formatNumber(double number);                           // XPath string(number)

}  // namespace phum::forms::expr
