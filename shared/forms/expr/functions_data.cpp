// uuid(), digest() and base64-decode() of ODK's XPath.
#include <openssl/evp.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/uuid.h"
#include "forms/expr/functions_internal.h"

namespace phum::forms::expr::detail {
namespace {

// uuid(n) makes a random string; more than this is a form mistake, not an identifier.
constexpr double kLongestRandomString = 10000;

std::string randomString(double length) {
  if (std::isnan(length) || length < 0 || length > kLongestRandomString) {
    throw EvalError("uuid() makes random strings of 0 to 10000 characters, not " +
                    formatNumber(length));
  }
  static constexpr char kAlphabet[] =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  thread_local std::mt19937_64 generator{std::random_device{}()};
  std::uniform_int_distribution<std::size_t> pick(0, sizeof kAlphabet - 2);
  std::string out(static_cast<std::size_t>(length), '0');
  for (char& c : out) c = kAlphabet[pick(generator)];
  return out;
}

std::string canonicalAlgorithm(std::string_view name) {
  std::string key;
  for (char c : name) {
    if (c != '-' && c != '_') key.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c));
  }
  return key;
}

const EVP_MD* digestAlgorithm(std::string_view name) {
  const std::string key = canonicalAlgorithm(name);
  if (key == "MD5") return EVP_md5();
  if (key == "SHA1") return EVP_sha1();
  if (key == "SHA256") return EVP_sha256();
  if (key == "SHA384") return EVP_sha384();
  if (key == "SHA512") return EVP_sha512();
  return nullptr;
}

std::string toHex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[bytes[i] >> 4]);
    out.push_back(kDigits[bytes[i] & 0x0F]);
  }
  return out;
}

std::string toBase64(const unsigned char* bytes, std::size_t size) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < size; i += 3) {
    const unsigned n = (bytes[i] << 16) | (i + 1 < size ? bytes[i + 1] << 8 : 0) |
                       (i + 2 < size ? bytes[i + 2] : 0);
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(i + 1 < size ? kAlphabet[(n >> 6) & 63] : '=');
    out.push_back(i + 2 < size ? kAlphabet[n & 63] : '=');
  }
  return out;
}

std::string digest(const std::string& data, const std::string& algorithm,
                   const std::string& encoding) {
  const EVP_MD* md = digestAlgorithm(algorithm);
  if (md == nullptr) {
    throw EvalError("digest() knows MD5, SHA-1, SHA-256, SHA-384 and SHA-512, not '" + algorithm +
                    "'");
  }
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), hash, &size, md, nullptr) != 1) {
    throw EvalError("digest() failed to compute " + algorithm);
  }
  const std::string wanted = canonicalAlgorithm(encoding);
  if (wanted == "HEX") return toHex(hash, size);
  if (wanted == "BASE64") return toBase64(hash, size);
  throw EvalError("digest() encodes as 'base64' or 'hex', not '" + encoding + "'");
}

int base64Digit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

// Strict UTF-8 (no overlong forms, no surrogates), as protobuf requires of string fields.
bool validUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (c < 0x80) {
      length = 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if (k == 1 ? (next < low || next > high) : (next & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

// The text that base64 `encoded` stands for; "" when it is not base64. Answers must stay UTF-8,
// so bytes that are not text are refused.
std::string base64Decode(std::string_view encoded) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : encoded) {
    if (c == '=' || c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    const int digit = base64Digit(c);
    if (digit < 0) return "";
    buffer = (buffer << 6) | static_cast<unsigned>(digit);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  if (!validUtf8(out)) throw EvalError("base64-decode() found bytes that are not UTF-8 text");
  return out;
}

}  // namespace

Value callData(Function function, const Args& a) {
  switch (function) {
    case Function::Uuid:
      return Value::string(a.empty() ? phum::Uuid::generate().toString()
                                     : randomString(std::trunc(a[0].toNumber())));
    case Function::Digest:
      return Value::string(
          digest(a[0].toString(), a[1].toString(), a.size() > 2 ? a[2].toString() : "base64"));
    case Function::Base64Decode:
      return Value::string(base64Decode(a[0].toString()));
    default:
      break;
  }
  throw EvalError("internal: not a data function");
}

}  // namespace phum::forms::expr::detail
