#include "services/sealing_key_feed.h"

#include <algorithm>

#include "core/hex.h"

namespace phum::server {

bool publishSealingKeys(CatalogService& catalog, const SealingKeyring& keyring) {
  phum::v1::ReferenceDelta delta;
  delta.set_dataset(sealing::kSealingKeysDataset);
  for (const auto& key : keyring.keys()) {
    auto* row = delta.add_rows();
    row->set_key(key.keyId);
    (*row->mutable_columns())["key_id"] = key.keyId;
    (*row->mutable_columns())["public_key"] = hexOf(key.publicKey);
    // assign(count, char): GCC 12 misreports -Wrestrict for a conditional char literal here.
    (*row->mutable_columns())["current"].assign(1, &key == &keyring.current() ? '1' : '0');
  }
  auto stored = catalog.referenceRows(sealing::kSealingKeysDataset);
  bool same = static_cast<int>(stored.size()) == delta.rows_size();
  for (int i = 0; same && i < delta.rows_size(); ++i) {
    const auto& wanted = delta.rows(i);
    const auto found = std::find_if(stored.begin(), stored.end(),
                                    [&](const auto& row) { return row.key() == wanted.key(); });
    same = found != stored.end() && found->columns().size() == wanted.columns().size();
    for (const auto& [name, value] : wanted.columns()) {
      same = same && found->columns().count(name) && found->columns().at(name) == value;
    }
  }
  if (same) return false;
  // A key no longer in the key file (replaced, lost) is withdrawn: tablets must not seal to it.
  for (const auto& row : stored) {
    const bool kept = std::any_of(keyring.keys().begin(), keyring.keys().end(),
                                  [&](const auto& key) { return key.keyId == row.key(); });
    if (kept) continue;
    auto* gone = delta.add_rows();
    gone->set_key(row.key());
    gone->set_deleted(true);
  }
  catalog.applyReferenceDelta(delta);
  return true;
}

}  // namespace phum::server
