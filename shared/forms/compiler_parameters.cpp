// The survey `parameters` column: type-specific options written as key=value pairs separated by
// spaces or commas, as in pyxform ("max-length=20000", "value=code"). The text stays in
// Field.parameters as written; the options Phum acts on are checked here and compiled into
// their own fields.
#include <charconv>

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

}  // namespace

void readParameters(const SheetColumns& columns, const SheetRow& row, phum::v1::Field& field,
                    Diagnostics& diagnostics) {
  field.set_parameters(columns.cell(row, "parameters"));
  const Location at = columns.at(row, "parameters");
  for (const std::string& item : splitParameters(field.parameters())) {
    const auto equals = item.find('=');
    const std::string key = toLowerAscii(item.substr(0, equals));
    const std::string value = equals == std::string::npos ? "" : item.substr(equals + 1);
    if (key == "max-length") {
      readMaxLength(value, at, field, diagnostics);
    } else if (key == "maxlength" || key == "max_length" || key == "max-len") {
      diagnostics.error(at, "'" + key + "' is not a parameter; write max-length=" +
                                (value.empty() ? std::string("N") : value));
    }
  }
}

}  // namespace phum::forms::detail
