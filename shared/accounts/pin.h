#pragma once
// PIN hashing and the lockout policy. Private to phum_accounts.
#include <cstdint>
#include <optional>
#include <string>

namespace phum::accounts {

// The digits of a typed PIN (ASCII or Khmer digits, spaces ignored) as ASCII; nullopt if anything
// else was typed. No length or strength rules: unlock() must accept PINs chosen under older rules.
std::optional<std::string> pinDigits(const std::string& typed);

// Argon2id (libsodium crypto_pwhash_str, interactive limits): about 0.1 s and 64 MiB per hash,
// affordable on a 2 GB tablet at each unlock, costly for someone guessing from a copied file.
std::string hashPin(const std::string& normalisedPin);
bool pinMatches(const std::string& storedHash, const std::string& normalisedPin);
// True when `storedHash` was made with other limits than today's (rehash after a good unlock).
bool pinHashOutdated(const std::string& storedHash);

// How long the account stays locked after its `lockouts`-th lockout (0 = first): one minute,
// doubling, at most one hour.
std::int64_t lockoutWaitMs(int lockouts);

// "Try again in 3 minutes" style wording for a wait.
std::string describeWait(std::int64_t waitMs);

}  // namespace phum::accounts
