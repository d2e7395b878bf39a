#include "services/account_service.h"

#include <algorithm>
#include <stdexcept>

#include "common/secrets.h"

namespace phum::server {
namespace {

bool validScope(const std::string& scope) {
  if (scope == "national") return true;
  const bool digits =
      std::all_of(scope.begin(), scope.end(), [](char c) { return c >= '0' && c <= '9'; });
  return digits &&
         (scope.size() == 2 || scope.size() == 4 || scope.size() == 6 || scope.size() == 8);
}

}  // namespace

void checkNewAccount(const phum::v1::Account& account, const std::string& password) {
  if (account.username().empty()) throw std::invalid_argument("the user name is empty");
  if (account.role() == phum::v1::ROLE_UNSPECIFIED) {
    throw std::invalid_argument("user '" + account.username() + "' needs a role");
  }
  if (!validScope(account.scope_code())) {
    throw std::invalid_argument("scope '" + account.scope_code() +
                                "' is not 'national' or a NIS code of 2, 4, 6 or 8 digits");
  }
  if (password.size() < 8) {
    throw std::invalid_argument("the password for '" + account.username() +
                                "' must have at least 8 characters");
  }
}

std::optional<std::string> enrollmentCodeProblem(const std::optional<EnrollmentCodeState>& state,
                                                 std::int64_t nowMs) {
  if (!state) {
    return "this enrolment code is not known: check it, or ask the administrator for a new one";
  }
  if (state->used) {
    return "this enrolment code was already used; ask the administrator for a new one";
  }
  if (state->expiresAtMs < nowMs) {
    return "this enrolment code has expired; ask the administrator for a new one";
  }
  return std::nullopt;
}

bool plausibleEnrollmentCode(std::string_view typed) {
  if (typed.size() > 64) return false;  // a code is 14 characters with its dashes
  const std::string code = normalizeEnrollmentCode(typed);
  return code.size() == kEnrollmentCodeLength && std::all_of(code.begin(), code.end(), [](char c) {
           return std::string_view(kEnrollmentCodeAlphabet).find(c) != std::string_view::npos;
         });
}

}  // namespace phum::server
