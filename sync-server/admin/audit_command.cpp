// phum-admin audit verify | list: checks the audit log's hash chain (services/audit_log.h) and
// shows its entries.
#include <iostream>

#include "admin/admin_args.h"
#include "admin/commands.h"
#include "api/console_api.h"
#include "core/clock.h"

namespace phum::admin {
namespace {

int verify(const std::vector<std::string>& args) {
  const AdminArgs options(args, {}, {});
  auto server = openServices(options, true);
  const auto check = server->audit().verify();
  if (check.brokenAt) {
    std::cout << "audit log BROKEN at entry " << *check.brokenAt << ": " << check.problem << " ("
              << check.entries << " entries before it are intact)\n";
    return 1;
  }
  std::cout << "audit log intact: " << check.entries << " entries, last hash " << check.lastHash
            << "\nKeep the last hash elsewhere: a later verify that does not reach it means "
               "entries were removed from the end.\n";
  return 0;
}

std::int64_t dayOption(const AdminArgs& options, const std::string& name, std::int64_t add) {
  const auto text = options.value(name);
  if (!text) return 0;
  const auto midnight = server::cambodianMidnightMs(*text);
  if (!midnight) throw UsageError(name + " must be a date YYYY-MM-DD");
  return *midnight + add;
}

int list(const std::vector<std::string>& args) {
  const AdminArgs options(args, {"--actor", "--action", "--from", "--to", "--after", "--limit"},
                          {});
  server::storage::AuditFilter filter;
  filter.actor = options.value("--actor").value_or("");
  filter.action = options.value("--action").value_or("");
  filter.fromMs = dayOption(options, "--from", 0);
  filter.beforeMs = dayOption(options, "--to", 24LL * 3600 * 1000);
  filter.afterSeq = options.number("--after", 0);
  filter.limit = options.number("--limit", 100);
  auto server = openServices(options, true);
  std::cout << "seq\ttime (UTC)\taction\tactor\tdevice\tsubject\tfrom\tdetail\n";
  for (const auto& row : server->audit().list(filter)) {
    std::cout << row.seq << '\t' << formatIsoUtc(row.atMs) << '\t' << row.action << '\t'
              << row.actor << '\t' << row.deviceId << '\t' << row.subject << '\t'
              << row.remoteAddress << '\t' << row.detail << '\n';
  }
  return 0;
}

}  // namespace

int runAuditCommand(const std::vector<std::string>& args) {
  const std::string command = args.empty() ? "" : args[0];
  const std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
  if (command == "verify") return verify(rest);
  if (command == "list") return list(rest);
  throw UsageError("audit needs 'verify' or 'list [--actor U] [--action A] [--from D] [--to D]'");
}

}  // namespace phum::admin
