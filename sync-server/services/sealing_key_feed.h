#pragma once
// How tablets learn the server's public keys for sealed answers: the reference dataset
// sealing::kSealingKeysDataset on the change feed (one row per key: key_id, public_key in hex,
// current "1" for the key to seal to), so a rotation reaches every tablet at its next sync like any
// reference data, with no new message on the wire.
#include "common/sealing_keys.h"
#include "services/catalog_service.h"

namespace phum::server {

// Appends the dataset's rows to the feed when they differ from `keyring`'s public keys. True when
// it published a change.
bool publishSealingKeys(CatalogService& catalog, const SealingKeyring& keyring);

}  // namespace phum::server
