#include "accounts/pin.h"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "accounts/device_accounts.h"

namespace phum::accounts {
namespace {

constexpr std::size_t kMinPinDigits = 4;
constexpr std::size_t kMaxPinDigits = 8;
constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kMaxWaitMs = 60 * kMinuteMs;

void ensureSodium() {
  if (sodium_init() < 0) {
    throw std::runtime_error("The PIN cannot be checked: libsodium could not initialise.");
  }
}

// Khmer digits ០ (U+17E0) to ៩ (U+17E9) are E1 9F A0..A9 in UTF-8.
bool khmerDigitAt(const std::string& text, std::size_t i, char& digit) {
  if (i + 2 >= text.size()) return false;
  const auto b0 = static_cast<unsigned char>(text[i]);
  const auto b1 = static_cast<unsigned char>(text[i + 1]);
  const auto b2 = static_cast<unsigned char>(text[i + 2]);
  if (b0 != 0xE1 || b1 != 0x9F || b2 < 0xA0 || b2 > 0xA9) return false;
  digit = static_cast<char>('0' + (b2 - 0xA0));
  return true;
}

// All one digit, or a run up or down by one (1234, 9876): the first guesses anyone tries.
bool tooEasy(const std::string& digits) {
  const bool same =
      std::all_of(digits.begin(), digits.end(), [&](char c) { return c == digits[0]; });
  bool up = true;
  bool down = true;
  for (std::size_t i = 1; i < digits.size(); ++i) {
    up = up && digits[i] == digits[i - 1] + 1;
    down = down && digits[i] == digits[i - 1] - 1;
  }
  return same || up || down;
}

}  // namespace

std::optional<std::string> pinDigits(const std::string& typed) {
  std::string digits;
  for (std::size_t i = 0; i < typed.size();) {
    const char c = typed[i];
    char khmer = 0;
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
      ++i;
    } else if (c == ' ') {
      ++i;
    } else if (khmerDigitAt(typed, i, khmer)) {
      digits.push_back(khmer);
      i += 3;
    } else {
      return std::nullopt;
    }
  }
  return digits;
}

std::string normalisePin(const std::string& typed) {
  const auto read = pinDigits(typed);
  if (!read) throw AccountError("The PIN may contain only digits (0-9 or \u17E0-\u17E9).");
  const std::string& digits = *read;
  if (digits.size() < kMinPinDigits || digits.size() > kMaxPinDigits) {
    throw AccountError("The PIN must be 4 to 8 digits; this one has " +
                       std::to_string(digits.size()) + ".");
  }
  if (tooEasy(digits)) {
    throw AccountError(
        "This PIN is too easy to guess (one digit repeated, or a run like 1234). Choose another.");
  }
  return digits;
}

std::string hashPin(const std::string& normalisedPin) {
  ensureSodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), normalisedPin.data(), normalisedPin.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error(
        "The PIN could not be protected: the tablet is out of memory. Close other apps and try "
        "again.");
  }
  return std::string(out.data());
}

bool pinMatches(const std::string& storedHash, const std::string& normalisedPin) {
  ensureSodium();
  return crypto_pwhash_str_verify(storedHash.c_str(), normalisedPin.data(), normalisedPin.size()) ==
         0;
}

bool pinHashOutdated(const std::string& storedHash) {
  ensureSodium();
  return crypto_pwhash_str_needs_rehash(storedHash.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

std::int64_t lockoutWaitMs(int lockouts) {
  const int doublings = std::clamp(lockouts, 0, 6);  // 2^6 minutes already passes the cap
  return std::min(kMinuteMs << doublings, kMaxWaitMs);
}

std::string describeWait(std::int64_t waitMs) {
  if (waitMs < kMinuteMs) {
    const std::int64_t seconds = std::max<std::int64_t>(1, (waitMs + 999) / 1000);
    return std::to_string(seconds) + (seconds == 1 ? " second" : " seconds");
  }
  const std::int64_t minutes = (waitMs + kMinuteMs - 1) / kMinuteMs;
  return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

}  // namespace phum::accounts
