#pragma once
// Lower-case hex of raw bytes: key ids, public keys and wrapped keys kept as text.
#include <string>
#include <string_view>

namespace phum {

std::string hexOf(std::string_view raw);

}  // namespace phum
