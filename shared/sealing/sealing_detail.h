#pragma once
// What sealing.cpp (sealing a record's answers) and sealed_envelope.cpp (reading and extending
// envelopes) share; not for callers outside shared/sealing.
#include <set>
#include <string>
#include <string_view>

#include "phum/v1/record.pb.h"
#include "phum/v1/sealed.pb.h"

namespace phum::sealing::detail {

inline constexpr std::string_view kMagicV1 = "phum-sealed-v1";
inline constexpr std::string_view kMagicV2 = "phum-sealed-v2";

void initSodium();  // throws SealingError

// Moves the sensitive answers of `from` into `to`, keeping repeat names and instance positions.
// True when anything moved.
bool moveSensitive(phum::v1::AnswerSet& from, phum::v1::AnswerSet& to,
                   const std::set<std::string>& sensitive);

}  // namespace phum::sealing::detail
