// phum-admin: the administrator's command line for the sync server's data folder.
#include <iostream>
#include <string>
#include <vector>

#include "admin/commands.h"

namespace {

void printUsage() {
  std::cerr << "usage: phum-admin <group> <command> [options]\n"
               "  records list  [--data DIR] [--limit N]   records stored on the server\n"
               "  forms check FILE                          compile an XLSForm and report errors\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    printUsage();
    return 2;
  }
  const std::string group = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (group == "records") return phum::admin::runRecordsCommand(args);
    if (group == "forms") return phum::admin::runFormsCommand(args);
  } catch (const std::exception& e) {
    std::cerr << "phum-admin: " << e.what() << "\n";
    return 1;
  }
  if (group != "-h" && group != "--help") std::cerr << "phum-admin: unknown group '" << group << "'\n";
  printUsage();
  return 2;
}
