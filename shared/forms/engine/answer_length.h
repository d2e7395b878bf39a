#pragma once
// The length limit of answers, checked by the shared validation on the tablet and on the server:
// a text question's max-length (XLSForm parameters column), otherwise forms/answer_limits.h's
// default for every answer a person or a device typed (calculations are the form's own).
#include <cstddef>
#include <string>
#include <string_view>

#include "phum/v1/form.pb.h"

namespace phum::forms::engine {

// Most characters an answer to `field` may have.
std::size_t maxAnswerLength(const phum::v1::Field& field);

// Unicode code points in UTF-8 `text` (a Khmer letter with its vowel sign counts as two).
std::size_t characterCount(std::string_view text);

// Why `text` is too long for `field`, in `language` ("km" Khmer, otherwise English); "" when it
// fits or the field is a calculation. Cheap for answers that fit: no counting below the limit
// in bytes.
std::string lengthProblem(const phum::v1::Field& field, std::string_view text,
                          std::string_view language);

}  // namespace phum::forms::engine
