// phum-admin: the administrator's command line for the sync server's data folder.
#include <iostream>
#include <string>
#include <vector>

#include "admin/admin_args.h"
#include "admin/commands.h"
#include "common/redaction.h"

namespace {

void printUsage() {
  std::cerr
      << "usage: phum-admin <group> <command> [options]\n"
         "  storage (as phum-server was started): --data DIR  the server's data folder (default\n"
         "  ./phum-data, its SQLite database), or --db URL  a PostgreSQL database\n"
         "  (postgresql://..., or \"postgres\" for the PG* environment variables)\n"
         "  records list [--limit N] [--json]              records stored on the server\n"
         "  records review UUID --revision N --approve|--return|--comment TEXT --reviewer R\n"
         "  records export --out FILE.zip [--form F] [--place CODE] [--state S] [--sensitive]\n"
         "                                                CSV of the records in a ZIP\n"
         "  devices enroll-code --name NAME [--qr-svg F] | revoke ID | list   tablets\n"
         "  users add --username U --role R --scope CODE | disable U | list   accounts\n"
         "  forms check FILE | convert IN OUT | compile FILE OUT.pb          XLSForms\n"
         "  forms publish FILE... | list                    forms the tablets download\n"
         "  refdata import DIR | list                       gazetteer, agencies, crossings...\n"
         "  audit verify | list [--actor U] [--action A] [--from D] [--to D] [--limit N]\n"
         "                                                check / show the audit log\n"
         "  keys create | rotate | list [--key-file F] [--passphrase-file F | --passphrase-stdin]\n"
         "                                                keys for sealed sensitive answers\n"
         "  changes prune --through SEQ                     trim the change feed\n"
         "  attachments prune [--older-than-days N]         drop abandoned unfinished uploads\n"
         "  reports table-2.1|table-2.2|table-2.3|table-2.4|returnees|trafficking|complaints\n"
         "    [--from YYYY-MM-DD] [--to ..] [--province NN] [--district ..] [--commune ..]\n"
         "    [--lang en|km]                               a report of approved records, as CSV\n"
         "  demo generate [--records N] [--seed S]        synthetic approved records for the "
         "reports\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    printUsage();
    return 2;
  }
  const std::string group = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  // A --db connection string may carry a password: no message printed below may show it.
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--db") phum::server::rememberSecretsOf(args[i + 1]);
  }
  try {
    if (group == "records") return phum::admin::runRecordsCommand(args);
    if (group == "forms") return phum::admin::runFormsCommand(args);
    if (group == "devices") return phum::admin::runDevicesCommand(args);
    if (group == "users") return phum::admin::runUsersCommand(args);
    if (group == "changes") return phum::admin::runChangesCommand(args);
    if (group == "refdata") return phum::admin::runRefdataCommand(args);
    if (group == "attachments") return phum::admin::runAttachmentsCommand(args);
    if (group == "reports") return phum::admin::runReportsCommand(args);
    if (group == "demo") return phum::admin::runDemoCommand(args);
    if (group == "audit") return phum::admin::runAuditCommand(args);
    if (group == "keys") return phum::admin::runKeysCommand(args);
  } catch (const phum::admin::UsageError& e) {
    std::cerr << "phum-admin: " << phum::server::redactSecrets(e.what()) << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "phum-admin: " << phum::server::redactSecrets(e.what()) << "\n";
    return 1;
  }
  if (group != "-h" && group != "--help")
    std::cerr << "phum-admin: unknown group '" << group << "'\n";
  printUsage();
  return 2;
}
