#include "core/clock.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace phum {

std::int64_t nowMillis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string formatIsoUtc(std::int64_t epochMillis) {
  std::time_t seconds = static_cast<std::time_t>(epochMillis / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(epochMillis % 1000));
  return buf;
}

}  // namespace phum
