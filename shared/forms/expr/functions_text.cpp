// String functions of ODK's XPath (and pulldata / version, which answer with text).
#include <algorithm>
#include <cmath>
#include <limits>

#include "forms/expr/functions_internal.h"
#include "forms/expr/regex_match.h"

namespace phum::forms::expr::detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

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

// The code points of UTF-8 text, each as its bytes.
std::vector<std::string_view> characters(std::string_view text) {
  std::vector<std::string_view> out;
  const auto starts = codePointStarts(text);
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t end = i + 1 < starts.size() ? starts[i + 1] : text.size();
    out.push_back(text.substr(starts[i], end - starts[i]));
  }
  return out;
}

// XPath translate(): each character of `from` becomes the one at the same place in `to`, or is
// removed when `to` is shorter. Works on characters, so Khmer letters map one for one.
std::string translate(std::string_view text, std::string_view from, std::string_view to) {
  const auto fromChars = characters(from);
  const auto toChars = characters(to);
  std::string out;
  for (std::string_view c : characters(text)) {
    const auto found = std::find(fromChars.begin(), fromChars.end(), c);
    if (found == fromChars.end()) {
      out.append(c);
    } else if (const auto index = static_cast<std::size_t>(found - fromChars.begin());
               index < toChars.size()) {
      out.append(toChars[index]);
    }
  }
  return out;
}

std::string join(const std::string& separator, const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

Value searchFunction(Function function, const std::string& text, const std::string& part) {
  const std::size_t at = text.find(part);
  switch (function) {
    case Function::Contains:
      return Value::boolean(at != std::string::npos);
    case Function::StartsWith:
      return Value::boolean(text.starts_with(part));
    case Function::EndsWith:
      return Value::boolean(text.ends_with(part));
    case Function::SubstringBefore:
      return Value::string(at == std::string::npos ? "" : text.substr(0, at));
    default:  // SubstringAfter
      return Value::string(at == std::string::npos ? "" : text.substr(at + part.size()));
  }
}

}  // namespace

Value callText(Function function, const Args& a, const EvalContext& context) {
  auto str = [&](std::size_t i) { return a[i].toString(); };
  switch (function) {
    case Function::Concat:
      return Value::string(join("", flattenStrings(a)));
    case Function::Join:
      return Value::string(join(str(0), flattenStrings(a, 1)));
    case Function::StringLength:
      return Value::number(static_cast<double>(
          codePointStarts(a.empty() ? context.self().toString() : str(0)).size()));
    case Function::Contains:
    case Function::StartsWith:
    case Function::EndsWith:
    case Function::SubstringBefore:
    case Function::SubstringAfter:
      return searchFunction(function, str(0), str(1));
    case Function::Substr:
      return Value::string(substr(str(0), a[1].toNumber(), a.size() > 2 ? a[2].toNumber() : kNaN));
    case Function::Translate:
      return Value::string(translate(str(0), str(1), str(2)));
    case Function::Regex:
      return Value::boolean(regexMatches(str(0), str(1)));
    case Function::NormalizeSpace:
      return Value::string(normalizeSpace(a.empty() ? context.self().toString() : str(0)));
    case Function::BooleanFromString: {
      const std::string text = str(0);
      return Value::boolean(text == "1" || (text.size() == 4 && (text[0] | 0x20) == 't' &&
                                            (text[1] | 0x20) == 'r' && (text[2] | 0x20) == 'u' &&
                                            (text[3] | 0x20) == 'e'));
    }
    case Function::Coalesce:
      for (const auto& v : a) {
        if (!v.toString().empty()) return Value::string(v.toString());
      }
      return Value();
    case Function::Pulldata:
      return Value::string(context.pulldata(str(0), str(1), str(2), str(3)));
    case Function::Version:
      return Value::string(context.formVersion());
    default:
      break;
  }
  throw EvalError("internal: not a text function");
}

}  // namespace phum::forms::expr::detail
