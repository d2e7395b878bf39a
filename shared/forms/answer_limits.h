#pragma once
// How long an answer may be, shared by the XLSForm compiler (which checks a form's max-length)
// and the validation engine (which checks answers on the tablet and on the server).
#include <cstddef>

namespace phum::forms {

// Characters (Unicode code points, so Khmer counts per character, not per byte) an answer may
// have unless its text question sets `max-length` in the parameters column. 10,000 characters
// are about four typed pages: room for a long trafficking narrative typed during an interview,
// while a batch of records stays far below the server's 16 MiB request limit.
inline constexpr std::size_t kDefaultMaxAnswerLength = 10'000;

// The largest max-length a form may set: about 400 pages, or up to 4 MB of UTF-8.
inline constexpr std::size_t kLargestMaxAnswerLength = 1'000'000;

}  // namespace phum::forms
