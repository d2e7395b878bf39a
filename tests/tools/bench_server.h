#pragma once
// What bench_console and bench_reports share: a real phum-server with a national reviewer signed
// in to the console, household records generated straight into its storage in bulk, the console
// timed through its HTTP API, and the server's peak resident memory.
#include <sys/types.h>

#include <memory>
#include <string>

#include "phum_processes.h"
#include "storage/database.h"

namespace phum::tools {

// Peak resident memory (VmHWM) of a process, in MiB; -1 when it cannot be read.
double peakRssMiB(pid_t pid);

// The console of a running server as the bench reviewer sees it.
struct BenchConsole {
  std::string url;
  std::string cookie;  // "phum_session=…"
  // One GET of /v1/console{path}, in ms; throws unless it answers 200 within `timeoutSeconds`.
  double onceMs(const std::string& path, long timeoutSeconds = 60) const;
  // The median of 5 such GETs.
  double medianMs(const std::string& path) const;
};

// A phum-server for one backend ("sqlite" or "postgres", PHUM_TEST_BACKEND must say the same),
// started with the mission forms and reference data, a national reviewer "bench" signed in, and
// the storage adapter open on the same database for generating and reading records.
class BenchServer {
 public:
  BenchServer(const std::string& serverBinary, const std::string& backend, const TempDir& dir);
  ServerProcess& process() { return server_; }
  server::storage::Database& db() { return *db_; }
  const BenchConsole& console() const { return console_; }

 private:
  ServerProcess server_;
  std::unique_ptr<server::storage::Database> db_;
  BenchConsole console_;
};

// The received time of the first generated record (2026-01-01); the others follow a second apart.
inline constexpr std::int64_t kFirstGeneratedMs = 1767225600000;

// `count` household records (household.h, from 1,000 templates, about 4 members each) written
// straight into `db` through the storage adapter, each with its own uuid, in transactions of 5,000
// rows. With `approved`, each also gets an approval by "bench", in the same transaction.
void generateHouseholds(server::storage::Database& db, int count, bool approved);

}  // namespace phum::tools
