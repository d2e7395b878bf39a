// bench_reports: every report on a big server, SQLite and PostgreSQL (with PGHOST). Generates N
// approved household records (tests/tools/household.h templates, about 4 members each) straight
// into the server's storage through the storage adapter, then measures through the real HTTP API
// of a real phum-server: the time until the summary tables have caught up (the server extracts in
// the background; the first report waits for the rest), then each report's median of 5 requests,
// and the server's peak RSS. Baseline, measured in the same run: reading the review queue's first
// row through the adapter in this process (a database round trip without any report work).
// Prints one table. Usage: bench_reports [--records N] [--backend sqlite|postgres|both]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_server.h"
#include "phum_processes.h"
#include "services/reports/report.h"
#include "storage_backend.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace storage = phum::server::storage;
namespace tools = phum::tools;

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Row {
  std::string backend;
  int records = 0;
  double generateS = 0, catchUpS = 0, baselineMs = 0, rssMiB = 0;
  std::vector<std::pair<std::string, double>> reports;  // key, median ms
};

Row measure(const std::string& backend, int count, const tools::TempDir& dir) {
  Row row{backend, count};
  tools::BenchServer bench(PHUM_SERVER_BIN, backend, dir);
  auto& db = bench.db();
  const auto& console = bench.console();
  auto start = Clock::now();
  tools::generateHouseholds(db, count, true);
  row.generateS = msSince(start) / 1000.0;

  // Whatever the background refresh has not read yet is read by this first request.
  start = Clock::now();
  console.onceMs("/reports/table-2.1?lang=en", 3600);
  row.catchUpS = msSince(start) / 1000.0;
  start = Clock::now();
  for (int i = 0; i < 5; ++i) {
    storage::read(db, [](storage::Transaction& tx) {
      storage::QueueQuery query;
      query.limit = 1;
      return tx.reviews().queue(query);
    });
  }
  row.baselineMs = msSince(start) / 5;
  for (const auto& key : phum::server::reports::reportKeys()) {
    row.reports.emplace_back(key, console.medianMs("/reports/" + key + "?lang=en"));
  }
  row.reports.emplace_back("table-2.3 (csv)", console.medianMs("/reports/table-2.3?format=csv"));
  row.rssMiB = tools::peakRssMiB(bench.process().process().pid());
  return row;
}

void print(const std::vector<Row>& rows) {
  if (rows.empty()) return;
  std::printf("\n| backend | records | generate s | summary tables catch up s |");
  for (const auto& [key, ms] : rows[0].reports) std::printf(" %s ms |", key.c_str());
  std::printf(" baseline: one queue row ms | server peak RSS MiB |\n|---|---|---|---|");
  for (std::size_t i = 0; i < rows[0].reports.size(); ++i) std::printf("---|");
  std::printf("---|---|\n");
  for (const auto& r : rows) {
    std::printf("| %s | %d | %.1f | %.1f |", r.backend.c_str(), r.records, r.generateS, r.catchUpS);
    for (const auto& [key, ms] : r.reports) std::printf(" %.1f |", ms);
    std::printf(" %.1f | %.0f |\n", r.baselineMs, r.rssMiB);
  }
  std::printf("\nAim: every report under 1,000 ms at 1,000,000 records.\n");
}

}  // namespace

int main(int argc, char** argv) {
  int count = 100000;
  std::string backends = "both";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    if (option == "--records")
      count = std::stoi(argv[i + 1]);
    else if (option == "--backend")
      backends = argv[i + 1];
    else {
      std::cerr << "usage: bench_reports [--records N] [--backend sqlite|postgres|both]\n";
      return 2;
    }
  }
  try {
    tools::TempDir dir("phum-bench-reports");
    std::vector<Row> rows;
    if (backends != "postgres") {
      setenv("PHUM_TEST_BACKEND", "sqlite", 1);
      rows.push_back(measure("sqlite", count, dir));
    }
    if (backends != "sqlite") {
      if (!tools::postgresUnavailableReason().empty()) {
        std::cerr << "PostgreSQL skipped: " << tools::postgresUnavailableReason() << "\n";
      } else {
        setenv("PHUM_TEST_BACKEND", "postgres", 1);
        rows.push_back(measure("postgres", count, dir));
      }
    }
    print(rows);
  } catch (const std::exception& e) {
    std::cerr << "bench_reports: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
