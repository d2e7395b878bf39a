// The survey `parameters` column: type-specific options written as key=value pairs separated by
// spaces or commas, as in pyxform ("max-length=20000", "start=0 end=10 step=2"). The text stays
// in Field.parameters as written; the options Phum acts on are checked here and compiled into
// their own fields.
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "forms/answer_limits.h"
#include "forms/compiler_internal.h"

namespace phum::forms::detail {
namespace {

std::vector<std::string> splitParameters(std::string_view text) {
  std::vector<std::string> items;
  std::string current;
  for (char c : text) {
    if (c == ' ' || c == ',' || c == ';' || c == '\t') {
      if (!current.empty()) items.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) items.push_back(std::move(current));
  return items;
}

void readMaxLength(const std::string& value, const Location& at, phum::v1::Field& field,
                   Diagnostics& diagnostics) {
  const std::string largest = std::to_string(kLargestMaxAnswerLength);
  if (field.type() != phum::v1::FIELD_TYPE_TEXT) {
    diagnostics.error(
        at, "max-length only applies to text questions; remove it from '" + field.name() + "'");
    return;
  }
  std::size_t length = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), length);
  if (error != std::errc() || end != value.data() + value.size() || length == 0 ||
      length > kLargestMaxAnswerLength) {
    diagnostics.error(at, "max-length must be a whole number of characters from 1 to " + largest +
                              ", not '" + value + "' (for example max-length=20000)");
    return;
  }
  field.set_max_length(static_cast<std::uint32_t>(length));
}

// image: the long side, in pixels, a photo is scaled down to on the tablet.
void readMaxPixels(const std::string& value, const Location& at, const phum::v1::Field& field,
                   Diagnostics& diagnostics) {
  if (field.type() != phum::v1::FIELD_TYPE_IMAGE) {
    diagnostics.error(
        at, "max-pixels only applies to image questions; remove it from '" + field.name() + "'");
    return;
  }
  int pixels = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), pixels);
  if (error != std::errc() || end != value.data() + value.size() || pixels <= 0) {
    diagnostics.error(at, "max-pixels must be a positive whole number of pixels, not '" + value +
                              "' (for example max-pixels=1600)");
  }
}

std::optional<double> finiteNumber(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

// geopoint: how close, in metres, a reading must be before the tablet takes it.
void readAccuracyThreshold(const std::string& value, const Location& at,
                           const phum::v1::Field& field, Diagnostics& diagnostics) {
  if (field.type() != phum::v1::FIELD_TYPE_GEOPOINT) {
    diagnostics.error(at, "accuracyThreshold only applies to geopoint questions; remove it from '" +
                              field.name() + "'");
    return;
  }
  // Digits and a point only: the tablet reads no sign or exponent.
  const auto metres = value.find_first_not_of("0123456789.") == std::string::npos
                          ? finiteNumber(value)
                          : std::nullopt;
  if (!metres || *metres <= 0) {
    diagnostics.error(at, "accuracyThreshold must be a positive number of metres, not '" + value +
                              "' (for example accuracyThreshold=5)");
  }
}

// Whether `value` lies on the scale's steps counted from start (to a millionth of a step).
bool onStep(double value, double start, double step) {
  const double steps = (value - start) / step;
  return std::fabs(steps - std::round(steps)) < 1e-6;
}

// range: start, end and step (pyxform's defaults 1, 10, 1) and the checks pyxform makes.
void readRange(const std::map<std::string, std::string>& parameters, const Location& at,
               phum::v1::Field& field, Diagnostics& diagnostics) {
  auto number = [&](const char* key, double fallback) -> std::optional<double> {
    const auto found = parameters.find(key);
    if (found == parameters.end()) return fallback;
    auto value = finiteNumber(found->second);
    if (!value) {
      diagnostics.error(at, std::string("range parameter ") + key + " must be a number, not '" +
                                found->second + "'");
    }
    return value;
  };
  const auto start = number("start", 1), end = number("end", 10), step = number("step", 1);
  if (!start || !end || !step) return;
  const double width = std::fabs(*end - *start);
  if (*step <= 0 || *step > width) {
    diagnostics.error(at,
                      "range step must be above 0 and at most the distance from start to end (" +
                          std::to_string(width) + "); write e.g. step=1");
    return;
  }
  if (const auto tick = number("tick_interval", *step); tick && !onStep(*tick, 0, *step)) {
    diagnostics.error(at, "range tick_interval must be a multiple of step");
  }
  if (auto placeholder = parameters.find("placeholder"); placeholder != parameters.end()) {
    const auto value = finiteNumber(placeholder->second);
    if (!value || *value < std::min(*start, *end) || *value > std::max(*start, *end) ||
        !onStep(*value, *start, *step)) {
      diagnostics.error(at,
                        "range placeholder must be a value of the scale (from start to end, "
                        "on a step)");
    }
  }
  phum::v1::RangeScale* scale = field.mutable_range();
  scale->set_start(*start);
  scale->set_end(*end);
  scale->set_step(*step);
}

}  // namespace

std::map<std::string, std::string> parameterMap(std::string_view text) {
  std::map<std::string, std::string> out;
  for (const std::string& item : splitParameters(text)) {
    const auto equals = item.find('=');
    out[toLowerAscii(item.substr(0, equals))] =
        equals == std::string::npos ? "" : item.substr(equals + 1);
  }
  return out;
}

void readParameters(const SheetColumns& columns, const SheetRow& row, phum::v1::Field& field,
                    Diagnostics& diagnostics) {
  field.set_parameters(columns.cell(row, "parameters"));
  const Location at = columns.at(row, "parameters");
  const auto parameters = parameterMap(field.parameters());
  for (const auto& [key, value] : parameters) {
    if (key == "max-length") {
      readMaxLength(value, at, field, diagnostics);
    } else if (key == "max-pixels") {
      readMaxPixels(value, at, field, diagnostics);
    } else if (key == "accuracythreshold") {
      readAccuracyThreshold(value, at, field, diagnostics);
    } else if (key == "maxlength" || key == "max_length" || key == "max-len") {
      diagnostics.error(at, "'" + key + "' is not a parameter; write max-length=" +
                                (value.empty() ? std::string("N") : value));
    }
  }
  if (field.type() == phum::v1::FIELD_TYPE_RANGE) readRange(parameters, at, field, diagnostics);
}

}  // namespace phum::forms::detail
