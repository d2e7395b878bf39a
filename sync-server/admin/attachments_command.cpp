// phum-admin attachments prune: removes attachment uploads that no tablet advanced for a long
// time, with their bytes. The server does the same on its own (--abandoned-upload-age); this is
// for freeing space now. Complete attachments are never removed.
#include <iostream>

#include "admin/admin_args.h"
#include "admin/commands.h"
#include "core/clock.h"

namespace phum::admin {
namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
// Same default as phum-server: a tablet offline for weeks must still be able to resume.
constexpr int kDefaultDays = 30;

int prune(const std::vector<std::string>& args) {
  const AdminArgs options(args, {"--data", "--older-than-days"}, {});
  if (!options.positional().empty()) {
    throw UsageError("attachments prune takes no arguments besides its options");
  }
  const int days = options.number("--older-than-days", kDefaultDays);
  auto server = openServices(options, true);
  const auto pruned = server->attachments().pruneAbandoned(nowMillis() - days * kDayMs);
  std::cout << "removed " << pruned.uploads << " unfinished upload(s) not advanced for " << days
            << " day(s), " << pruned.bytes << " bytes; complete attachments are kept\n";
  return 0;
}

}  // namespace

int runAttachmentsCommand(const std::vector<std::string>& args) {
  const std::string command = args.empty() ? "" : args[0];
  if (command == "prune") return prune({args.begin() + 1, args.end()});
  std::cerr << "usage: phum-admin attachments prune [--older-than-days N] [--data DIR]\n"
               "  removes unfinished uploads not advanced for N days (default "
            << kDefaultDays << "); a tablet resuming one starts again from 0\n";
  return 2;
}

}  // namespace phum::admin
