#pragma once
// What makes a new account acceptable, the same for every storage backend.
#include <string>

#include "phum/v1/account.pb.h"

namespace phum::server {

// Throws std::invalid_argument naming what to fix: empty user name, no role, a scope that is not
// "national" or a NIS code of 2, 4, 6 or 8 digits, a password shorter than 8 characters.
void checkNewAccount(const phum::v1::Account& account, const std::string& password);

}  // namespace phum::server
