#pragma once
// Deltas between two versions of a reference dataset, so devices on 2G download only the rows
// that changed instead of the whole gazetteer.
#include <string>
#include <vector>

#include "phum/v1/changes.pb.h"
#include "refdata/dataset.h"

namespace phum::refdata {

struct DatasetDiff {
  std::vector<std::string> added;    // keys, sorted
  std::vector<std::string> changed;  // keys whose columns differ, sorted
  std::vector<std::string> deleted;  // keys, sorted

  bool empty() const { return added.empty() && changed.empty() && deleted.empty(); }
};

// Compares by key; a row counts as changed when any column value differs (including a column
// that was added or removed).
DatasetDiff diffDatasets(const Dataset& before, const Dataset& after);

// The delta that turns `before` into `after`: added and changed rows carry all their columns,
// deleted rows only their key and deleted = true. Rows are ordered by key.
phum::v1::ReferenceDelta makeDelta(const Dataset& before, const Dataset& after);

// Every row of `dataset`, for a device that has none of it yet.
phum::v1::ReferenceDelta makeFullDelta(const Dataset& dataset);

// Applies a delta the way a device does (upsert or delete by key). Throws std::invalid_argument
// if the delta is for another dataset.
void applyDelta(Dataset& dataset, const phum::v1::ReferenceDelta& delta);

}  // namespace phum::refdata
