// phum-admin reports KEY: a report of approved records as CSV (the console's download), with the
// same suppression of small counts. An administrator's command: the national scope.
#include <iostream>

#include "admin/admin_args.h"
#include "admin/commands.h"
#include "services/reports/demo_loader.h"

namespace phum::admin {

int runReportsCommand(const std::vector<std::string>& args) {
  const AdminArgs options(
      args, {"--from", "--to", "--province", "--district", "--commune", "--lang"}, {});
  if (options.positional().size() != 1) {
    std::string keys;
    for (const auto& key : server::reports::reportKeys()) keys += " " + key;
    throw UsageError("reports needs one report:" + keys);
  }
  server::reports::ReportFilter filter;
  filter.from = options.value("--from").value_or("");
  filter.to = options.value("--to").value_or("");
  filter.province = options.value("--province").value_or("");
  filter.district = options.value("--district").value_or("");
  filter.commune = options.value("--commune").value_or("");
  const std::string language = options.value("--lang").value_or("en");
  if (language != "en" && language != "km") throw UsageError("--lang is en or km");
  auto server = openServices(options, true);
  try {
    const auto report =
        server->reports().build(options.positional()[0], filter, "national", language);
    std::cout << server::reports::reportCsv(report);
  } catch (const server::reports::ReportRequestError& e) {
    throw UsageError(e.what());
  }
  return 0;
}

// phum-admin demo generate --records N: synthetic, approved records (demo_data.h) for a newcomer
// to see full reports at once.
int runDemoCommand(const std::vector<std::string>& args) {
  const AdminArgs options(args, {"--records", "--seed", "--days"}, {});
  if (options.positional() != std::vector<std::string>{"generate"}) {
    throw UsageError("demo generate --records N [--seed S] [--days D]");
  }
  const int records = options.number("--records", 5000);
  if (records < 1) throw UsageError("--records must be 1 or more");
  server::reports::DemoOptions demo;
  demo.seed = static_cast<std::uint32_t>(options.number("--seed", 2014));
  demo.days = options.number("--days", 120);
  if (demo.days < 45) throw UsageError("--days must be 45 or more (the surge is 30 days ago)");
  auto server = openServices(options, true);
  const auto counts = server::reports::loadDemo(*server, records, demo, [](std::int64_t done) {
    if (done % 10000 == 0) std::cerr << "demo: " << done << " records stored\n";
  });
  std::cout << "demo: stored and approved " << counts.households << " household surveys ("
            << counts.members << " members, " << counts.migrants << " migrants) and "
            << counts.returnees
            << " returnee registrations (a mass return at Poipet 30 to 24 days ago), "
            << counts.traffickingCases << " trafficking case reports and " << counts.complaints
            << " agency complaints\n";
  return 0;
}

}  // namespace phum::admin
