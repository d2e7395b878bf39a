#pragma once
// Stores a demo set: generated records (demo_data.h) pushed through the ingest service (so every
// one is validated against its published form, as a tablet's would be), then approved, then read
// into the report tables. For `phum-admin demo generate`, tests and bench_reports.
#include <functional>
#include <string>

#include "services/reports/demo_data.h"

namespace phum::server {
class Services;
}

namespace phum::server::reports {

struct DemoCounts {
  std::int64_t households = 0;
  std::int64_t members = 0;
  std::int64_t migrants = 0;
  std::int64_t returnees = 0;
  std::int64_t traffickingCases = 0;
  std::int64_t complaints = 0;
};

// `records`: how many records in all (4 in 5 household surveys, the rest returnees, with a
// trafficking case report and an agency complaint in every 50 records). Throws with
// the server's reason when a generated record is refused.
DemoCounts loadDemo(Services& services, std::int64_t records, DemoOptions options,
                    const std::function<void(std::int64_t done)>& progress = {});

}  // namespace phum::server::reports
