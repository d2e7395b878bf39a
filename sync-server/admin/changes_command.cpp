// phum-admin changes prune: drop old entries of the change feed. Tablets whose cursor is older
// get 412 and pull everything retained again.
#include <iostream>

#include "admin/admin_args.h"
#include "admin/commands.h"

namespace phum::admin {

int runChangesCommand(const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "prune") {
    std::cerr << "usage: phum-admin changes prune --through SEQ [--data DIR|--db URL]\n";
    return 2;
  }
  const AdminArgs options({args.begin() + 1, args.end()}, {"--through"}, {});
  const int through = options.number("--through", -1);
  if (through < 0) throw UsageError("--through SEQ is required");
  auto server = openServices(options, true);
  server->feed().prune(static_cast<std::uint64_t>(through));
  std::cout << "pruned changes up to " << through << "\n";
  return 0;
}

}  // namespace phum::admin
