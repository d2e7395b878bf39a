#pragma once
// The short label shown for a record in lists: the respondent's or household's name when the form
// has one of the usual name fields, otherwise the form id.
#include <string>

#include "phum/v1/record.pb.h"

namespace phum::store {

std::string deriveTitle(const phum::v1::Record& record);

}  // namespace phum::store
