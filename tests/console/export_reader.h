#pragma once
// Reading the console's exports back in tests: the ZIP through libzip (an implementation
// independent of the server's writer) and its CSV files by RFC 4180.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace phum::testing {

using Table = std::vector<std::vector<std::string>>;

// Every file of the archive by name (a test failure when it is not a valid ZIP or a CRC fails).
std::map<std::string, std::string> unzip(const std::string& archive);
// The rows of a CSV file, after its UTF-8 BOM.
Table parseCsv(std::string_view text);

}  // namespace phum::testing
