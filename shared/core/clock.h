#pragma once
#include <cstdint>
#include <string>

namespace phum {

// Wall-clock time in Unix epoch milliseconds (the unit of Record timestamps).
std::int64_t nowMillis();
// "2026-11-28T08:56:51.123Z"
std::string formatIsoUtc(std::int64_t epochMillis);

}  // namespace phum
