#include "forms/expr/function_names.h"

#include <algorithm>
#include <array>
#include <vector>

namespace phum::forms::expr::detail {

constexpr std::array kFunctions{
    FunctionInfo{"if", Function::If, 3, 3},
    FunctionInfo{"coalesce", Function::Coalesce, 2, -1},
    FunctionInfo{"concat", Function::Concat, 0, -1},
    FunctionInfo{"string-length", Function::StringLength, 0, 1},
    FunctionInfo{"contains", Function::Contains, 2, 2},
    FunctionInfo{"starts-with", Function::StartsWith, 2, 2},
    FunctionInfo{"ends-with", Function::EndsWith, 2, 2},
    FunctionInfo{"substr", Function::Substr, 2, 3},
    FunctionInfo{"regex", Function::Regex, 2, 2},
    FunctionInfo{"selected", Function::Selected, 2, 2},
    FunctionInfo{"is-selected", Function::Selected, 2, 2},
    FunctionInfo{"count-selected", Function::CountSelected, 1, 1},
    FunctionInfo{"selected-at", Function::SelectedAt, 2, 2},
    FunctionInfo{"jr:choice-name", Function::ChoiceName, 2, 2},
    FunctionInfo{"count", Function::Count, 1, 1},
    FunctionInfo{"sum", Function::Sum, 1, 1},
    FunctionInfo{"min", Function::Min, 1, -1},
    FunctionInfo{"max", Function::Max, 1, -1},
    FunctionInfo{"position", Function::Position, 0, 1},
    FunctionInfo{"int", Function::Int, 1, 1},
    FunctionInfo{"round", Function::Round, 1, 2},
    FunctionInfo{"floor", Function::Floor, 1, 1},
    FunctionInfo{"ceiling", Function::Ceiling, 1, 1},
    FunctionInfo{"abs", Function::Abs, 1, 1},
    FunctionInfo{"pow", Function::Pow, 2, 2},
    FunctionInfo{"number", Function::Number, 0, 1},
    FunctionInfo{"string", Function::String, 0, 1},
    FunctionInfo{"boolean", Function::Boolean, 1, 1},
    FunctionInfo{"true", Function::True, 0, 0},
    FunctionInfo{"false", Function::False, 0, 0},
    FunctionInfo{"not", Function::Not, 1, 1},
    FunctionInfo{"today", Function::Today, 0, 0},
    FunctionInfo{"now", Function::Now, 0, 0},
    FunctionInfo{"date", Function::Date, 1, 1},
    FunctionInfo{"decimal-date-time", Function::DecimalDateTime, 1, 1},
    FunctionInfo{"format-date", Function::FormatDate, 2, 2},
    FunctionInfo{"once", Function::Once, 1, 1},
    FunctionInfo{"normalize-space", Function::NormalizeSpace, 0, 1},
    FunctionInfo{"join", Function::Join, 1, -1},
    FunctionInfo{"substring-before", Function::SubstringBefore, 2, 2},
    FunctionInfo{"substring-after", Function::SubstringAfter, 2, 2},
    FunctionInfo{"translate", Function::Translate, 3, 3},
    FunctionInfo{"boolean-from-string", Function::BooleanFromString, 1, 1},
    FunctionInfo{"uuid", Function::Uuid, 0, 1},
    FunctionInfo{"digest", Function::Digest, 2, 3},
    FunctionInfo{"base64-decode", Function::Base64Decode, 1, 1},
    FunctionInfo{"pulldata", Function::Pulldata, 4, 4},
    FunctionInfo{"version", Function::Version, 0, 0},
    FunctionInfo{"sqrt", Function::Sqrt, 1, 1},
    FunctionInfo{"exp", Function::Exp, 1, 1},
    FunctionInfo{"exp10", Function::Exp10, 1, 1},
    FunctionInfo{"log", Function::Log, 1, 1},
    FunctionInfo{"log10", Function::Log10, 1, 1},
    FunctionInfo{"sin", Function::Sin, 1, 1},
    FunctionInfo{"cos", Function::Cos, 1, 1},
    FunctionInfo{"tan", Function::Tan, 1, 1},
    FunctionInfo{"asin", Function::Asin, 1, 1},
    FunctionInfo{"acos", Function::Acos, 1, 1},
    FunctionInfo{"atan", Function::Atan, 1, 1},
    FunctionInfo{"atan2", Function::Atan2, 2, 2},
    FunctionInfo{"pi", Function::Pi, 0, 0},
    FunctionInfo{"random", Function::Random, 0, 0},
    FunctionInfo{"checklist", Function::Checklist, 2, -1},
    FunctionInfo{"weighted-checklist", Function::WeightedChecklist, 2, -1},
    FunctionInfo{"count-non-empty", Function::CountNonEmpty, 1, 1},
    FunctionInfo{"format-date-time", Function::FormatDateTime, 2, 2},
    FunctionInfo{"decimal-time", Function::DecimalTime, 1, 1},
    FunctionInfo{"date-time", Function::DateTime, 1, 1},
    FunctionInfo{"indexed-repeat", Function::IndexedRepeat, 3, 7},
    FunctionInfo{"area", Function::Area, 1, 1},
    FunctionInfo{"enclosed-area", Function::Area, 1, 1},
    FunctionInfo{"distance", Function::Distance, 1, -1},
    FunctionInfo{"geofence", Function::Geofence, 2, 2},
};

constexpr std::array kUnsupportedFunctions{
    UnsupportedInfo{"instance",
                    "lookups in secondary instances are not supported; for a value "
                    "from a CSV file use pulldata('file', 'column', 'key_column', "
                    "${key}), for a choice's label jr:choice-name()"},
    UnsupportedInfo{"current",
                    "it only has a meaning inside instance() lookups, which are not "
                    "supported; in a choice_filter name the choice's columns by "
                    "bare name and answers as ${name}"},
    UnsupportedInfo{"randomize",
                    "it shuffles instance() node-sets; to shuffle a select's "
                    "choices write randomize=true in the parameters column"},
    UnsupportedInfo{"jr:itext", "XLSForm translations are written as label::language columns"},
    UnsupportedInfo{"extract-signed", "signed secondary data is not supported"},
    UnsupportedInfo{"property",
                    "device properties are not available; use the deviceid or "
                    "username question types"},
    UnsupportedInfo{"last",
                    "XPath node positions are not supported; use position(..) in a "
                    "repeat or count(${repeat})"},
    UnsupportedInfo{"local-name", "XPath node names are not available"},
    UnsupportedInfo{"name", "XPath node names are not available"},
    UnsupportedInfo{"namespace-uri", "XPath node names are not available"},
    UnsupportedInfo{"lang", "the session language is not available to expressions"},
    UnsupportedInfo{"id", "XML ids are not available"},
    UnsupportedInfo{"depend", "it is a JavaRosa internal; write the first argument alone"},
};

namespace {

std::size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      current[j] = std::min(
          {previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

}  // namespace

const FunctionInfo* findFunction(std::string_view name) {
  for (const auto& info : kFunctions) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

const UnsupportedInfo* findUnsupported(std::string_view name) {
  for (const auto& info : kUnsupportedFunctions) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

std::string_view suggestFunction(std::string_view name) {
  std::string_view best;
  std::size_t bestDistance = std::max<std::size_t>(1, name.size() / 3) + 1;
  for (const auto& info : kFunctions) {
    const std::size_t distance = editDistance(name, info.name);
    if (distance < bestDistance) bestDistance = distance, best = info.name;
  }
  return best;
}

}  // namespace phum::forms::expr::detail

namespace phum::forms::expr {

using detail::kFunctions;
using detail::kUnsupportedFunctions;

std::string_view functionName(Function function) {
  for (const auto& info : kFunctions) {
    if (info.function == function) return info.name;
  }
  return "?";
}

std::vector<std::string_view> knownFunctionNames() {
  std::vector<std::string_view> names;
  for (const auto& info : kFunctions) names.push_back(info.name);
  return names;
}

std::vector<std::string_view> unsupportedFunctionNames() {
  std::vector<std::string_view> names;
  for (const auto& info : kUnsupportedFunctions) names.push_back(info.name);
  return names;
}

}  // namespace phum::forms::expr
