#pragma once
// What makes a new account or an enrolment acceptable, the same for every storage backend.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "phum/v1/account.pb.h"

namespace phum::server {

// Throws std::invalid_argument naming what to fix: empty user name, no role, a scope that is not
// "national" or a NIS code of 2, 4, 6 or 8 digits, a password shorter than 8 characters.
void checkNewAccount(const phum::v1::Account& account, const std::string& password);

// An enrolment code as the server holds it.
struct EnrollmentCodeState {
  std::int64_t expiresAtMs = 0;
  bool used = false;
};

// Why a tablet cannot enrol with a code in `state` (nullopt: no such code) at `nowMs`, in words
// shown on the tablet; nullopt when it can.
std::optional<std::string> enrollmentCodeProblem(const std::optional<EnrollmentCodeState>& state,
                                                 std::int64_t nowMs);

// False for typed text that cannot be a code this server issued (after normalizeEnrollmentCode:
// not 12 letters and digits of the code alphabet). Such a code is refused like an unknown one,
// without looking it up.
bool plausibleEnrollmentCode(std::string_view typed);

}  // namespace phum::server
