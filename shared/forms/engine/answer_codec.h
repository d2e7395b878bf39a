#pragma once
// Answers as the engine holds them: one canonical text per field, the way XPath sees the value
// ("12", "3.5", "2026-11-28", "a b" for select_multiple, "lat lon alt acc" for geopoints).
// Conversion to and from phum.v1.Value, with the type checks of each XLSForm question type.
#include <string>
#include <string_view>

#include "forms/expr/value.h"
#include "phum/v1/form.pb.h"
#include "phum/v1/record.pb.h"

namespace phum::forms::engine {

struct DecodedAnswer {
  std::string text;   // canonical text; "" when the answer was unusable
  std::string error;  // why the answer does not fit the question type; "" when it does
};

// A value received in a Record, checked against the field's type.
DecodedAnswer decodeAnswer(const phum::v1::Field& field, const phum::v1::Value& value);
// Text typed or chosen on the tablet. Khmer digits in numeric answers become ASCII digits.
DecodedAnswer decodeText(const phum::v1::Field& field, std::string_view text);
// Canonical text back to the wire form, for saving a session's answers in a Record.
phum::v1::Value encodeAnswer(const phum::v1::Field& field, std::string_view text);
// Canonical text as an XPath value of the right type (numbers, dates) for expressions.
expr::Value typedValue(phum::v1::FieldType type, const std::string& text);

// Whether a field type holds an answer at all (groups, repeats and notes do not).
bool holdsAnswer(phum::v1::FieldType type);

}  // namespace phum::forms::engine
