#pragma once
// Shared steps of the fault tests: fill a tablet's outbox, sync it until done, and check that the
// server holds every record exactly once while the tablet holds nothing unsent.
#include <chrono>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <utility>

#include "store/local_store.h"
#include "sync/sync_client.h"

namespace phum::faults {

using RecordKey = std::pair<std::string, std::uint32_t>;  // uuid text, revision

// Saves `count` household records (each in its own transaction, as the app does).
void fillOutbox(const std::string& tabletPath, int count, int firstIndex = 0);

// What the tablet holds: every record's key.
std::set<RecordKey> tabletKeys(const std::string& tabletPath);

struct ServerContents {
  std::int64_t rows = 0;       // rows in the records table
  std::set<RecordKey> keys;    // distinct (uuid, revision)
  std::int64_t conflicts = 0;  // rows in the conflicts table
};
// Reads <dataDir>/phum-server.sqlite read-only (the server may be running), or under
// PHUM_TEST_BACKEND=postgres the folder's PostgreSQL schema.
ServerContents serverContents(const std::string& serverDataDir);

sync::SyncConfig testSyncConfig(const std::string& serverUrl);

// Calls syncNow() until the outbox is complete, pausing `pause` between rounds. Gives up after
// `maxRounds` and returns false (the caller's assertion then names what is left).
// `betweenRounds` (optional) runs after each incomplete round, e.g. to stop at once if the server
// crashed.
bool syncUntilComplete(store::LocalStore& store, const sync::SyncConfig& config, int maxRounds,
                       std::chrono::milliseconds pause = std::chrono::milliseconds(20),
                       const std::function<void()>& betweenRounds = {});

}  // namespace phum::faults
