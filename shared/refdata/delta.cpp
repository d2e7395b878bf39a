#include "refdata/delta.h"

#include <stdexcept>

namespace phum::refdata {
namespace {

void addRow(phum::v1::ReferenceDelta& delta, const std::string& key, const RowColumns& columns) {
  phum::v1::ReferenceRow* row = delta.add_rows();
  row->set_key(key);
  for (const auto& [name, value] : columns) (*row->mutable_columns())[name] = value;
}

}  // namespace

DatasetDiff diffDatasets(const Dataset& before, const Dataset& after) {
  DatasetDiff diff;
  for (const auto& [key, columns] : after.rows) {
    const RowColumns* old = before.find(key);
    if (old == nullptr) {
      diff.added.push_back(key);
    } else if (*old != columns) {
      diff.changed.push_back(key);
    }
  }
  for (const auto& [key, columns] : before.rows) {
    if (after.find(key) == nullptr) diff.deleted.push_back(key);
  }
  return diff;
}

phum::v1::ReferenceDelta makeDelta(const Dataset& before, const Dataset& after) {
  phum::v1::ReferenceDelta delta;
  delta.set_dataset(after.name.empty() ? before.name : after.name);
  // Walk both ordered maps together so the delta comes out sorted by key.
  auto oldIt = before.rows.begin();
  auto newIt = after.rows.begin();
  while (oldIt != before.rows.end() || newIt != after.rows.end()) {
    if (newIt == after.rows.end() || (oldIt != before.rows.end() && oldIt->first < newIt->first)) {
      phum::v1::ReferenceRow* row = delta.add_rows();
      row->set_key(oldIt->first);
      row->set_deleted(true);
      ++oldIt;
    } else if (oldIt == before.rows.end() || newIt->first < oldIt->first) {
      addRow(delta, newIt->first, newIt->second);
      ++newIt;
    } else {
      if (oldIt->second != newIt->second) addRow(delta, newIt->first, newIt->second);
      ++oldIt;
      ++newIt;
    }
  }
  return delta;
}

phum::v1::ReferenceDelta makeFullDelta(const Dataset& dataset) {
  Dataset empty;
  empty.name = dataset.name;
  return makeDelta(empty, dataset);
}

void applyDelta(Dataset& dataset, const phum::v1::ReferenceDelta& delta) {
  if (!dataset.name.empty() && delta.dataset() != dataset.name) {
    throw std::invalid_argument("a delta for dataset '" + delta.dataset() +
                                "' cannot be applied to dataset '" + dataset.name + "'");
  }
  dataset.name = delta.dataset();
  for (const phum::v1::ReferenceRow& row : delta.rows()) {
    if (row.deleted()) {
      dataset.rows.erase(row.key());
      continue;
    }
    RowColumns columns(row.columns().begin(), row.columns().end());
    dataset.rows[row.key()] = std::move(columns);
  }
}

}  // namespace phum::refdata
