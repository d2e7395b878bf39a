// phum-admin refdata: reference data (gazetteer, agencies, crossing points, referral directory)
// imported from CSV. Only what changed goes on the change feed, as one delta per dataset, so
// devices on 2G download a few rows instead of the whole gazetteer.
#include <iostream>

#include "admin/admin_args.h"
#include "admin/commands.h"
#include "services/reference_import.h"

namespace phum::admin {

namespace {

void printRefdataUsage() {
  std::cerr << "usage: phum-admin refdata import DIR [--data DATA|--db URL]\n"
               "         DIR: gazetteer.csv, agencies.csv, crossing_points.csv,\n"
               "              referral_directory.csv\n"
               "       phum-admin refdata list [--data DATA|--db URL]\n";
}

int importDirectory(const std::vector<std::string>& args) {
  const AdminArgs options(args, {}, {});
  if (options.positional().size() != 1) throw UsageError("refdata import needs one folder");
  const std::string directory = options.positional()[0];
  std::vector<refdata::ImportResult> results;
  try {
    results = refdata::importReferenceDirectory(directory);
  } catch (const refdata::CsvError& e) {
    std::cerr << "phum-admin refdata import: " << e.what() << "\n";
    return 1;
  }
  std::size_t issues = 0;
  for (const auto& result : results) {
    for (const auto& issue : result.issues) std::cerr << issue.toString() << "\n";
    issues += result.issues.size();
  }
  if (issues > 0) {
    std::cerr << directory << ": " << issues
              << " problem(s); nothing was imported. Fix the files and import again.\n";
    return 1;
  }
  auto server = openServices(options, false);
  for (const auto& result : results) {
    std::cout << server::importReferenceDataset(server->catalog(), result.dataset, adminOrigin())
                     .summary()
              << "\n";
  }
  return 0;
}

int list(const std::vector<std::string>& args) {
  const AdminArgs options(args, {}, {});
  auto server = openServices(options, true);
  const auto datasets = server->catalog().listReferenceDatasets();
  for (const auto& dataset : datasets) {
    std::cout << dataset.name << "  " << dataset.rows << " rows  last change "
              << dataset.lastChangeSeq << "\n";
  }
  std::cout << datasets.size() << " dataset(s)\n";
  return 0;
}

}  // namespace

int runRefdataCommand(const std::vector<std::string>& args) {
  const std::string command = args.empty() ? "" : args[0];
  const std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
  if (command == "import") return importDirectory(rest);
  if (command == "list") return list(rest);
  printRefdataUsage();
  return 2;
}

}  // namespace phum::admin
