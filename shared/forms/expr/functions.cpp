#include "forms/expr/functions.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "forms/expr/regex_match.h"

namespace phum::forms::expr {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMillisPerDay = 86400000.0;

// Code-point boundaries, so that Khmer text is measured and cut in characters, not bytes.
std::vector<std::size_t> codePointStarts(std::string_view text) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  return starts;
}

std::string substr(std::string_view text, double start, double end) {
  auto starts = codePointStarts(text);
  const auto length = static_cast<double>(starts.size());
  if (std::isnan(start)) return "";
  double from = std::clamp(std::floor(start), 0.0, length);
  double to = std::isnan(end) ? length : std::clamp(std::floor(end), from, length);
  auto byteAt = [&](double index) {
    auto i = static_cast<std::size_t>(index);
    return i < starts.size() ? starts[i] : text.size();
  };
  return std::string(text.substr(byteAt(from), byteAt(to) - byteAt(from)));
}

std::string formatDatePattern(double days, std::string_view pattern) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  static constexpr const char* kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  CivilTime t = civilFromDays(days);
  auto two = [](unsigned n) {  // appended, not `"0" + string`: see GCC 12 -Wrestrict bug
    std::string digits(n < 10 ? 1 : 0, '0');
    digits += std::to_string(n);
    return digits;
  };
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%' || i + 1 == pattern.size()) {
      out.push_back(pattern[i]);
      continue;
    }
    switch (pattern[++i]) {
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
        out.push_back(pattern[i]);
    }
  }
  return out;
}

// Days of a date-like value in the device's local calendar (instants are shifted by the offset).
double localDays(const Value& value, const EvalContext& context) {
  bool isInstant =
      value.type() == Value::Type::DateTime ||
      (value.type() == Value::Type::String && value.toString().find('T') != std::string::npos);
  double days = value.toNumber();
  return isInstant ? days + context.utcOffsetMinutes() / 1440.0 : days;
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

// The numbers of one node-set argument or of several scalar arguments (min, max).
std::vector<double> numbersOf(const std::vector<Value>& args) {
  std::vector<double> numbers;
  for (const auto& arg : args) {
    if (arg.type() == Value::Type::NodeSet) {
      for (const auto& node : arg.nodes()) numbers.push_back(Value::string(node).toNumber());
    } else {
      numbers.push_back(arg.toNumber());
    }
  }
  return numbers;
}

double extreme(const std::vector<Value>& args, bool wantMax) {
  auto numbers = numbersOf(args);
  if (numbers.empty()) return kNaN;
  double best = numbers.front();
  for (double n : numbers) {
    if (std::isnan(n)) return kNaN;
    best = wantMax ? std::max(best, n) : std::min(best, n);
  }
  return best;
}

double roundHalfUp(double number, double digits) {
  if (std::isnan(digits) || digits == 0) return std::floor(number + 0.5);
  double scale = std::pow(10.0, std::trunc(digits));
  return std::floor(number * scale + 0.5) / scale;
}

std::string normalizeSpace(std::string_view text) {
  std::string out;
  bool pendingSpace = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pendingSpace = !out.empty();
    } else {
      if (pendingSpace) out.push_back(' ');
      pendingSpace = false;
      out.push_back(c);
    }
  }
  return out;
}

std::string choiceFieldName(std::string_view path) {
  if (path.starts_with("${") && path.ends_with("}"))
    return std::string(path.substr(2, path.size() - 3));
  auto slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

Value callText(Function function, const std::vector<Value>& a, const EvalContext& context) {
  auto str = [&](std::size_t i) { return a[i].toString(); };
  switch (function) {
    case Function::Concat: {
      std::string out;
      for (const auto& v : a) {
        if (v.type() == Value::Type::NodeSet) {
          for (const auto& node : v.nodes()) out += node;
        } else {
          out += v.toString();
        }
      }
      return Value::string(out);
    }
    case Function::StringLength:
      return Value::number(static_cast<double>(
          codePointStarts(a.empty() ? context.self().toString() : str(0)).size()));
    case Function::Contains:
      return Value::boolean(str(0).find(str(1)) != std::string::npos);
    case Function::StartsWith:
      return Value::boolean(str(0).starts_with(str(1)));
    case Function::EndsWith:
      return Value::boolean(str(0).ends_with(str(1)));
    case Function::Substr:
      return Value::string(substr(str(0), a[1].toNumber(), a.size() > 2 ? a[2].toNumber() : kNaN));
    case Function::Regex:
      return Value::boolean(regexMatches(str(0), str(1)));
    case Function::NormalizeSpace:
      return Value::string(normalizeSpace(a.empty() ? context.self().toString() : str(0)));
    case Function::Coalesce:
      for (const auto& v : a) {
        if (!v.toString().empty()) return Value::string(v.toString());
      }
      return Value();
    default:
      break;
  }
  throw EvalError("internal: not a text function");
}

Value callSelect(Function function, const std::vector<Value>& a, const EvalContext& context) {
  auto names = splitSelected(a[0].toString());
  switch (function) {
    case Function::Selected: {
      std::string wanted = normalizeSpace(a[1].toString());
      return Value::boolean(std::find(names.begin(), names.end(), wanted) != names.end());
    }
    case Function::CountSelected:
      return Value::number(static_cast<double>(names.size()));
    case Function::SelectedAt: {
      double index = a[1].toNumber();
      if (std::isnan(index) || index < 0 || index >= static_cast<double>(names.size()))
        return Value();
      return Value::string(names[static_cast<std::size_t>(index)]);
    }
    case Function::ChoiceName: {
      std::string choice = a[0].toString();
      if (choice.empty()) return Value();
      return Value::string(context.choiceLabel(choiceFieldName(a[1].toString()), choice));
    }
    default:
      break;
  }
  throw EvalError("internal: not a select function");
}

Value callNumeric(Function function, const std::vector<Value>& a, const EvalContext& context) {
  auto num = [&](std::size_t i) { return a[i].toNumber(); };
  switch (function) {
    case Function::Count:
      return Value::number(
          a[0].type() == Value::Type::NodeSet ? static_cast<double>(a[0].nodes().size()) : 1.0);
    case Function::Sum: {
      double total = 0;
      for (double n : numbersOf(a)) total += n;
      return Value::number(total);
    }
    case Function::Min:
      return Value::number(extreme(a, false));
    case Function::Max:
      return Value::number(extreme(a, true));
    case Function::Position:
      return Value::number(context.position());
    case Function::Int:
      return Value::number(std::trunc(num(0)));
    case Function::Round:
      return Value::number(roundHalfUp(num(0), a.size() > 1 ? num(1) : 0));
    case Function::Floor:
      return Value::number(std::floor(num(0)));
    case Function::Ceiling:
      return Value::number(std::ceil(num(0)));
    case Function::Abs:
      return Value::number(std::fabs(num(0)));
    case Function::Pow:
      return Value::number(std::pow(num(0), num(1)));
    case Function::Number:
      return Value::number(a.empty() ? context.self().toNumber() : num(0));
    default:
      break;
  }
  throw EvalError("internal: not a numeric function");
}

Value callDate(Function function, const std::vector<Value>& a, const EvalContext& context) {
  const double nowDays = static_cast<double>(context.nowMillis()) / kMillisPerDay;
  switch (function) {
    case Function::Today:
      return Value::date(std::floor(nowDays + context.utcOffsetMinutes() / 1440.0));
    case Function::Now:
      return Value::dateTime(nowDays, context.utcOffsetMinutes());
    case Function::Date:
      return toDate(a[0], context);
    case Function::DecimalDateTime:
      return Value::number(a[0].toNumber());
    case Function::FormatDate: {
      double days = localDays(a[0], context);
      if (std::isnan(days)) return Value();
      return Value::string(formatDatePattern(days, a[1].toString()));
    }
    default:
      break;
  }
  throw EvalError("internal: not a date function");
}

}  // namespace

Value callFunction(const Expr& call, const EvalContext& context) {
  switch (call.function) {  // functions that must not evaluate all their arguments first
    case Function::If:
      return evaluate(evaluateBoolean(call.args[0], context) ? call.args[1] : call.args[2],
                      context);
    case Function::True:
      return Value::boolean(true);
    case Function::False:
      return Value::boolean(false);
    case Function::Not:
      return Value::boolean(!evaluateBoolean(call.args[0], context));
    case Function::Boolean:
      return Value::boolean(evaluateBoolean(call.args[0], context));
    case Function::Position:
      return Value::number(context.position());
    case Function::Once: {
      Value current = context.self();
      return current.toString().empty() ? evaluate(call.args[0], context) : current;
    }
    case Function::String:
      return Value::string(call.args.empty() ? context.self().toString()
                                             : evaluate(call.args[0], context).toString());
    default:
      break;
  }
  std::vector<Value> args;
  args.reserve(call.args.size());
  for (const auto& arg : call.args) args.push_back(evaluate(arg, context));
  switch (call.function) {
    case Function::Concat:
    case Function::StringLength:
    case Function::Contains:
    case Function::StartsWith:
    case Function::EndsWith:
    case Function::Substr:
    case Function::Regex:
    case Function::NormalizeSpace:
    case Function::Coalesce:
      return callText(call.function, args, context);
    case Function::Selected:
    case Function::CountSelected:
    case Function::SelectedAt:
    case Function::ChoiceName:
      return callSelect(call.function, args, context);
    case Function::Today:
    case Function::Now:
    case Function::Date:
    case Function::DecimalDateTime:
    case Function::FormatDate:
      return callDate(call.function, args, context);
    default:
      return callNumeric(call.function, args, context);
  }
}

}  // namespace phum::forms::expr
