#pragma once
// Content-Encoding of request and response bodies (docs/sync-protocol.md "Transport").
// Decompression is bounded so a small compressed body cannot expand into an out-of-memory.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace phum::server {

enum class Encoding { Identity, Zstd, Gzip };

// nullopt for an encoding the server does not speak (-> 415 unsupported_encoding).
std::optional<Encoding> parseContentEncoding(std::string_view header);
// The first encoding of an Accept-Encoding header the server supports, in the client's order.
Encoding chooseResponseEncoding(std::string_view acceptEncoding);
const char* encodingName(Encoding encoding);

struct DecodeError {
  enum Kind { TooLarge, Corrupt } kind;
  std::string message;
};

// Decodes `body`; on failure fills `error` and returns nullopt.
std::optional<std::string> decodeBody(Encoding encoding, std::string_view body,
                                      std::size_t maxBytes, DecodeError& error);
std::string encodeBody(Encoding encoding, std::string_view body);

}  // namespace phum::server
