#pragma once
// Body compression for the sync protocol: zstd for requests, zstd or gzip for responses. Inflating
// is bounded so a hostile or broken answer cannot exhaust a 2 GB tablet's memory.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace phum::sync {

inline constexpr std::size_t kMaxInflatedBytes = 64u << 20;

std::string zstdCompress(std::string_view data, int level = 3);
// nullopt if the data is not valid for `encoding` ("zstd", "gzip", "identity" or empty) or would
// inflate past `limit`; an unknown encoding is also nullopt.
std::optional<std::string> decodeBody(std::string_view encoding, std::string_view data,
                                      std::size_t limit = kMaxInflatedBytes);

}  // namespace phum::sync
