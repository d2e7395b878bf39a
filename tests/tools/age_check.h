#pragma once
// The small "age_check" form the catalogue tests publish (an integer with a constraint and a
// village chosen from the gazetteer), its records and the gazetteer rows it chooses from. Shared
// by the in-process catalogue tests and the phum-server processes on PostgreSQL.
#include <cstdint>
#include <initializer_list>
#include <string>

#include "phum/v1/changes.pb.h"
#include "phum/v1/form.pb.h"
#include "phum/v1/record.pb.h"

namespace phum::tools {

// "age_check" at `version`: age must be 0..120, village one of the gazetteer's keys.
phum::v1::FormDefinition ageForm(const std::string& version);

// A new record (fresh uuid, revision 1) of "age_check" at `version` with these answers.
phum::v1::Record ageRecord(const std::string& version, std::int64_t age,
                           const std::string& village);

// Upserts of the gazetteer villages `codes` (level "village", an English name).
phum::v1::ReferenceDelta villages(std::initializer_list<const char*> codes);

}  // namespace phum::tools
