#pragma once
// Runs the likely-duplicate rules (duplicate_rules.h) over stored returnee and trafficking
// registrations, as the reports' summary refresh reads each record. Names are read from the
// record's opened sealed answers for the comparison only: what is stored is the pair of record
// uuids, a score and the rules that matched (storage/duplicate_storage.h).
#include <cstdint>
#include <optional>

#include "common/sealing_keys.h"
#include "phum/v1/record.pb.h"
#include "services/reports/duplicate_rules.h"
#include "storage/database.h"

namespace phum::server::reports {

// The person a returnee or trafficking registration describes, from a record whose sealed
// answers are already open; nothing for the other forms.
std::optional<PersonSketch> sketchOf(const phum::v1::Record& record);

// Stores the record's search key, compares the record with the registrations near it and records
// each likely pair, in `tx` (the refresh's transaction). For a newer revision of a record read
// before, the record's open pairs that no longer match are dropped (confirmed and dismissed pairs
// are kept). A record whose sealed answers cannot be opened (its key is not loaded) is keyed but
// not compared, and its pairs are left as they are: without names no pair is likely.
void findLikelyDuplicates(storage::Transaction& tx, const phum::v1::Record& record,
                          SealingKeys& keys, std::int64_t nowMs, const DuplicateRules& rules = {});

}  // namespace phum::server::reports
