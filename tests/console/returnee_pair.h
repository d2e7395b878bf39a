#pragma once
// Returnee registrations for the likely-duplicate tests: made by the demo generator (valid against
// the mission form) and a second registration of the same person as another worker would type it.
#include <string>
#include <vector>

#include "phum/v1/record.pb.h"

namespace phum::testing {

// `count` distinct returnees who gave their name, all registered on `day` (YYYY-MM-DD), placed
// inside `province` when `inside`, else outside it.
std::vector<phum::v1::Record> makeReturnees(int count, const std::string& province, bool inside,
                                            const std::string& day);

// The same person registered again at another crossing, by another worker: the Khmer name typed
// without its space, the Latin spelling family name last, a year older.
phum::v1::Record registeredAgain(const phum::v1::Record& first);

phum::v1::Value* answerValue(phum::v1::Record& record, const std::string& name);
std::string answerText(const phum::v1::Record& record, const std::string& name);

}  // namespace phum::testing
