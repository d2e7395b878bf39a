// Date and time functions of ODK's XPath. Dates are days since 1970-01-01 in numeric context.
#include <cmath>
#include <optional>

#include "forms/expr/functions_internal.h"

namespace phum::forms::expr::detail {
namespace {

constexpr double kMillisPerDay = 86400000.0;

std::string two(unsigned n) {  // appended, not `"0" + string`: see GCC 12 -Wrestrict bug
  std::string digits(n < 10 ? 1 : 0, '0');
  digits += std::to_string(n);
  return digits;
}

void appendField(char code, const CivilTime& t, std::string& out) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  static constexpr const char* kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  switch (code) {
    case 'Y':
      out += std::to_string(t.year);
      break;
    case 'y':
      out += two(static_cast<unsigned>(t.year % 100));
      break;
    case 'm':
      out += two(t.month);
      break;
    case 'n':
      out += std::to_string(t.month);
      break;
    case 'b':
      out += kMonths[t.month - 1];
      break;
    case 'd':
      out += two(t.day);
      break;
    case 'e':
      out += std::to_string(t.day);
      break;
    case 'H':
      out += two(t.hour);
      break;
    case 'h':
      out += std::to_string(t.hour);
      break;
    case 'M':
      out += two(t.minute);
      break;
    case 'S':
      out += two(t.second);
      break;
    case '3':
      if (t.millisecond < 100) out.push_back('0');
      out += two(t.millisecond);
      break;
    case 'a':
      out += kWeekdays[t.weekday];
      break;
    default:
      out.push_back('%');
      out.push_back(code);
  }
}

std::string formatDatePattern(double days, std::string_view pattern) {
  const CivilTime t = civilFromDays(days);
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%' || i + 1 == pattern.size()) {
      out.push_back(pattern[i]);
    } else {
      appendField(pattern[++i], t, out);
    }
  }
  return out;
}

bool isInstant(const Value& value) {
  return value.type() == Value::Type::DateTime ||
         (value.type() == Value::Type::String && value.toString().find('T') != std::string::npos);
}

// Days of a date-like value in the device's local calendar (instants are shifted by the offset).
double localDays(const Value& value, const EvalContext& context) {
  double days = value.toNumber();
  return isInstant(value) ? days + context.utcOffsetMinutes() / 1440.0 : days;
}

Value toDate(const Value& value, const EvalContext& context) {
  if (value.type() == Value::Type::Date) return value;
  if (value.type() == Value::Type::String && value.toString().empty()) return Value();
  double days = localDays(value, context);
  if (std::isnan(days)) {
    throw EvalError("date() cannot read '" + value.toString() + "' as a date; write YYYY-MM-DD");
  }
  return Value::date(value.type() == Value::Type::Number ? days : std::floor(days));
}

// date-time(): a number of days, a date (local midnight) or a date and time, as an instant.
Value toDateTime(const Value& value, const EvalContext& context) {
  if (value.type() == Value::Type::String && value.toString().empty()) return Value();
  double days = value.toNumber();
  if (std::isnan(days)) {
    throw EvalError("date-time() cannot read '" + value.toString() +
                    "' as a date and time; write YYYY-MM-DDTHH:MM:SS");
  }
  const bool localDate = value.type() == Value::Type::Date ||
                         (value.type() == Value::Type::String && isIsoDate(value.toString()));
  if (localDate) days -= context.utcOffsetMinutes() / 1440.0;
  return Value::dateTime(days, context.utcOffsetMinutes());
}

// "HH:MM[:SS[.fff]][Z|+hh:mm]" -> minutes after midnight in that zone, and the zone if written.
std::optional<std::pair<double, std::optional<int>>> parseTime(std::string_view text) {
  auto digits = [&](std::size_t at) -> int {
    if (at + 2 > text.size() || text[at] < '0' || text[at] > '9' || text[at + 1] < '0' ||
        text[at + 1] > '9') {
      return -1;
    }
    return (text[at] - '0') * 10 + (text[at + 1] - '0');
  };
  const int hour = digits(0), minute = text.size() > 2 && text[2] == ':' ? digits(3) : -1;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return std::nullopt;
  double minutes = hour * 60.0 + minute;
  std::size_t pos = 5;
  if (pos < text.size() && text[pos] == ':') {
    const int second = digits(pos + 1);
    if (second < 0 || second > 59) return std::nullopt;
    minutes += second / 60.0;
    pos += 3;
    std::size_t fractionStart = pos;
    if (pos < text.size() && text[pos] == '.') {
      while (++pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      }
      const std::string fraction =
          "0" + std::string(text.substr(fractionStart, pos - fractionStart));
      minutes += std::strtod(fraction.c_str(), nullptr) / 60.0;
    }
  }
  if (pos == text.size()) return std::pair{minutes, std::optional<int>()};
  // The zone parsing of dates does the rest: reuse it on a date at the epoch.
  const auto instant = parseIsoDateTime("1970-01-01T00:00" + std::string(text.substr(pos)));
  if (!instant) return std::nullopt;
  return std::pair{minutes, std::optional<int>(static_cast<int>(std::lround(-*instant * 1440)))};
}

// decimal-time(): the time of day as a fraction of a day in the device's zone (noon = 0.5).
Value decimalTime(const Value& value, const EvalContext& context) {
  const std::string text = value.toString();
  if (text.empty()) return Value::number(std::nan(""));
  double minutes = 0;
  if (isInstant(value)) {
    const double days = localDays(value, context);
    if (std::isnan(days)) return Value::number(days);
    minutes = (days - std::floor(days)) * 1440;
  } else if (auto time = parseTime(text)) {
    minutes = time->first;
    if (time->second) minutes += context.utcOffsetMinutes() - *time->second;
  } else {
    return Value::number(std::nan(""));
  }
  minutes = std::fmod(minutes, 1440.0);
  if (minutes < 0) minutes += 1440.0;
  return Value::number(minutes / 1440.0);
}

}  // namespace

Value callDate(Function function, const Args& a, const EvalContext& context) {
  const double nowDays = static_cast<double>(context.nowMillis()) / kMillisPerDay;
  switch (function) {
    case Function::Today:
      return Value::date(std::floor(nowDays + context.utcOffsetMinutes() / 1440.0));
    case Function::Now:
      return Value::dateTime(nowDays, context.utcOffsetMinutes());
    case Function::Date:
      return toDate(a[0], context);
    case Function::DateTime:
      return toDateTime(a[0], context);
    case Function::DecimalDateTime:
      return Value::number(a[0].toNumber());
    case Function::DecimalTime:
      return decimalTime(a[0], context);
    case Function::FormatDate:
    case Function::FormatDateTime: {
      double days = localDays(a[0], context);
      if (std::isnan(days)) return Value();
      return Value::string(formatDatePattern(days, a[1].toString()));
    }
    default:
      break;
  }
  throw EvalError("internal: not a date function");
}

}  // namespace phum::forms::expr::detail
