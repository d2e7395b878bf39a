#pragma once
// A realistic household-survey record for fault tests and benchmarks: 30 answers at the top
// level and a "members" repeat with 3 people, as an enumerator in Prey Veng would capture it.
#include <string>

#include "phum/v1/record.pb.h"

namespace phum::tools {

// `index` varies names, ages and places so records are not identical. uuid and revision are left
// empty (LocalStore::saveRecord fills them in) unless `withIdentity` is set.
phum::v1::Record makeHouseholdRecord(int index, bool withIdentity = false);

// The same record as an ODK Collect OpenRosa submission: multipart/form-data with the XML
// instance as "xml_submission_file", the way ODK Central receives it. Headers included.
std::string renderOpenRosaSubmission(const phum::v1::Record& record);

}  // namespace phum::tools
