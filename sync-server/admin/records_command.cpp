// phum-admin records list: what the server has stored, newest first.
#include <iomanip>
#include <iostream>

#include "admin/admin_args.h"
#include "admin/commands.h"
#include "common/json_log.h"
#include "core/clock.h"

namespace phum::admin {

namespace {

void printJson(const std::vector<server::StoredRecordSummary>& records) {
  using server::jsonEscape;
  std::cout << "[";
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& r = records[i];
    std::cout << (i ? ",\n " : "\n ") << "{\"server_seq\":" << r.serverSeq
              << ",\"uuid\":" << jsonEscape(r.uuid) << ",\"form_id\":" << jsonEscape(r.formId)
              << ",\"form_version\":" << jsonEscape(r.formVersion) << ",\"revision\":" << r.revision
              << ",\"author\":" << jsonEscape(r.author)
              << ",\"device_id\":" << jsonEscape(r.deviceId)
              << ",\"location_code\":" << jsonEscape(r.locationCode)
              << ",\"received_at\":" << jsonEscape(formatIsoUtc(r.receivedAtMs)) << "}";
  }
  std::cout << (records.empty() ? "]\n" : "\n]\n");
}

void printTable(const std::vector<server::StoredRecordSummary>& records) {
  std::cout << std::left << std::setw(37) << "UUID" << std::setw(24) << "FORM" << std::setw(10)
            << "VERSION" << std::setw(5) << "REV" << std::setw(16) << "AUTHOR" << std::setw(10)
            << "LOCATION"
            << "RECEIVED\n";
  for (const auto& r : records) {
    std::cout << std::left << std::setw(37) << r.uuid << std::setw(24) << r.formId << std::setw(10)
              << r.formVersion << std::setw(5) << r.revision << std::setw(16) << r.author
              << std::setw(10) << r.locationCode << formatIsoUtc(r.receivedAtMs) << "\n";
  }
  std::cout << records.size() << " record(s)\n";
}

}  // namespace

int runRecordsCommand(const std::vector<std::string>& args) {
  if (!args.empty() && args[0] == "review") return runRecordReview({args.begin() + 1, args.end()});
  if (!args.empty() && args[0] == "export") return runRecordsExport({args.begin() + 1, args.end()});
  if (args.empty() || args[0] != "list") {
    std::cerr
        << "usage: phum-admin records list [--data DIR|--db URL] [--limit N] [--json]\n"
           "       phum-admin records review UUID --revision N"
           " --approve|--return|--comment TEXT [--field F] --reviewer R [--data DIR|--db URL]\n"
           "       phum-admin records export --out FILE.zip [--form F] [--place CODE]"
           " [--author U] [--state S] [--from DATE] [--to DATE] [--lang km|en] [--sensitive]\n";
    return 2;
  }
  const AdminArgs options({args.begin() + 1, args.end()}, {"--limit"}, {"--json"});
  auto server = openServices(options, true);
  const auto records = server->review().listRecords(options.number("--limit", -1));
  if (options.flag("--json")) {
    printJson(records);
  } else {
    printTable(records);
  }
  return 0;
}

}  // namespace phum::admin
