#pragma once
// Records a reviewer confirmed as one person, counted once however they were paired: confirmed
// pairs that share a record join one group (A-C and B-C confirmed make A, B and C one person even
// though A-B was never a pair). The reports count each group's representative, its smallest uuid,
// and leave out the rest (storage/duplicate_storage.h, CountedAs).
#include <string>
#include <utility>
#include <vector>

#include "storage/database.h"

namespace phum::server::reports {

// Every record of a group but its representative, by uuid: union-find over the confirmed pairs.
std::vector<storage::CountedAs> groupsOf(
    const std::vector<std::pair<std::string, std::string>>& confirmedPairs);

// Brings the stored groups in line with the confirmed pairs, in `tx` (a decision's transaction,
// or the summary refresh's first run, which fills them for pairs confirmed before groups were
// kept). Writes only what changed.
void regroupConfirmedDuplicates(storage::Transaction& tx);

}  // namespace phum::server::reports
