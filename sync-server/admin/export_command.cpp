// phum-admin records export: the console's export (services/record_export.h) to a file, with the
// queue's filters and the server's own rights (every place; sensitive answers with --sensitive).
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "admin/admin_args.h"
#include "admin/commands.h"
#include "api/console_api.h"
#include "common/sealing_keys.h"

namespace phum::admin {

namespace {

server::storage::QueueQuery exportFilters(const AdminArgs& options) {
  server::storage::QueueQuery query;
  query.formId = options.value("--form").value_or("");
  query.placePrefix = options.value("--place").value_or("");
  query.author = options.value("--author").value_or("");
  const auto state = server::parseQueueState(options.value("--state").value_or(""));
  if (!state) throw UsageError("--state must be new, returned, corrected, approved or rejected");
  query.state = *state;
  if (const auto from = options.value("--from")) {
    const auto ms = server::cambodianMidnightMs(*from);
    if (!ms) throw UsageError("--from must be a date YYYY-MM-DD");
    query.receivedFromMs = *ms;
  }
  if (const auto to = options.value("--to")) {
    const auto ms = server::cambodianMidnightMs(*to);
    if (!ms) throw UsageError("--to must be a date YYYY-MM-DD");
    query.receivedBeforeMs = *ms + 24LL * 3600 * 1000;  // the whole "to" day
  }
  return query;
}

// Sealed sensitive answers open with the server's key file (DATA/sealing.keys, its passphrase in
// PHUM_KEY_PASSPHRASE), when there is one.
void loadKeyFile(const AdminArgs& options, server::Services& services) {
  const auto path = std::filesystem::path(options.dataDir()) / "sealing.keys";
  if (!std::filesystem::exists(path)) return;
  services.sealingKeys().load({path.string(), []() -> std::optional<std::string> {
                                 if (const char* env = std::getenv("PHUM_KEY_PASSPHRASE");
                                     env && *env)
                                   return std::string(env);
                                 return std::nullopt;
                               }});
}

// The command line after "export", for the audit log.
std::string exportDetail(const std::vector<std::string>& args) {
  std::string detail;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--db" || args[i] == "--data") {  // storage, and a --db may carry a password
      ++i;
      continue;
    }
    detail += (detail.empty() ? "" : " ") + args[i];
  }
  return detail;
}

}  // namespace

int runRecordsExport(const std::vector<std::string>& args) {
  const AdminArgs options(
      args, {"--out", "--form", "--place", "--author", "--state", "--from", "--to", "--lang"},
      {"--sensitive"});
  const std::filesystem::path out = options.required("--out");
  server::ExportRequest request;
  request.query = exportFilters(options);
  request.scope = "national";
  request.includeSensitive = options.flag("--sensitive");
  request.language = options.value("--lang").value_or("km") == "en" ? "en" : "km";
  auto server = openServices(options, true);
  if (request.includeSensitive) loadKeyFile(options, *server);
  std::unique_ptr<server::RecordExport> exporter;
  try {
    exporter = server->console().exportRecords(std::move(request));
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  // Written next to the target and renamed at the end: an interrupted export leaves no file
  // that looks complete.
  const std::filesystem::path partial = out.string() + ".part";
  std::ofstream file(partial, std::ios::binary | std::ios::trunc);
  if (!file) {
    throw std::runtime_error("cannot write " + partial.string() + ": " + std::strerror(errno));
  }
  while (const auto piece = exporter->next()) {
    file.write(piece->data(), static_cast<std::streamsize>(piece->size()));
    if (!file) throw std::runtime_error("writing " + partial.string() + " failed (disk full?)");
  }
  file.close();
  if (!file) throw std::runtime_error("writing " + partial.string() + " failed (disk full?)");
  std::filesystem::rename(partial, out);
  auditAdmin(*server, {.action = "export", .detail = exportDetail(args)});
  std::cout << "exported " << exporter->records() << " record(s) to " << out.string() << "\n";
  return 0;
}

}  // namespace phum::admin
