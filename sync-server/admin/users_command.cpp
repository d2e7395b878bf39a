// phum-admin users: accounts that sign in on the tablets.
#include <iostream>

#include "admin/admin_args.h"
#include "admin/commands.h"

namespace phum::admin {

namespace {

phum::v1::Role parseRole(const std::string& text) {
  if (text == "enumerator") return phum::v1::ROLE_ENUMERATOR;
  if (text == "outreach_worker") return phum::v1::ROLE_OUTREACH_WORKER;
  if (text == "counsellor") return phum::v1::ROLE_COUNSELLOR;
  if (text == "reviewer") return phum::v1::ROLE_REVIEWER;
  if (text == "administrator") return phum::v1::ROLE_ADMINISTRATOR;
  throw UsageError("unknown role '" + text +
                   "' (enumerator, outreach_worker, counsellor, reviewer, administrator)");
}

const char* roleName(phum::v1::Role role) {
  switch (role) {
    case phum::v1::ROLE_ENUMERATOR:
      return "enumerator";
    case phum::v1::ROLE_OUTREACH_WORKER:
      return "outreach_worker";
    case phum::v1::ROLE_COUNSELLOR:
      return "counsellor";
    case phum::v1::ROLE_REVIEWER:
      return "reviewer";
    case phum::v1::ROLE_ADMINISTRATOR:
      return "administrator";
    default:
      return "unspecified";
  }
}

int add(const std::vector<std::string>& args) {
  const AdminArgs options(args, {"--username", "--role", "--scope", "--display-name", "--password"},
                          {});
  phum::v1::Account account;
  account.set_username(options.required("--username"));
  account.set_role(parseRole(options.required("--role")));
  account.set_scope_code(options.required("--scope"));
  account.set_display_name(options.value("--display-name").value_or(account.username()));
  std::string password;
  if (auto given = options.value("--password")) {
    password = *given;
  } else {
    // From stdin, so the password stays out of the shell history and the process list.
    std::cerr << "password for " << account.username() << ": ";
    if (!std::getline(std::cin, password)) throw UsageError("no password given on stdin");
  }
  auto server = openServices(options, false);
  try {
    server->accounts().addAccount(account, password, adminOrigin());
  } catch (const std::invalid_argument& e) {
    std::cerr << "phum-admin: " << e.what() << "\n";
    return 1;
  }
  std::cout << "added " << account.username() << " (" << roleName(account.role()) << ", "
            << account.scope_code() << ")\n";
  return 0;
}

int list(const std::vector<std::string>& args) {
  const AdminArgs options(args, {}, {});
  auto server = openServices(options, true);
  const auto accounts = server->accounts().listAccounts();
  for (const auto& a : accounts) {
    std::cout << a.account.username() << "  " << roleName(a.account.role()) << "  "
              << a.account.scope_code() << "  " << a.account.display_name()
              << (a.disabled ? "  DISABLED" : "") << "\n";
  }
  std::cout << accounts.size() << " user(s)\n";
  return 0;
}

// Revokes an account: its sessions end at once (401), it cannot sign in again, and devices learn
// of it from the change feed so they can lock the account locally.
int disable(const std::vector<std::string>& args) {
  const AdminArgs options(args, {}, {});
  if (options.positional().size() != 1) throw UsageError("users disable needs one user name");
  const std::string& username = options.positional()[0];
  auto server = openServices(options, true);
  if (!server->accounts().disableAccount(username, adminOrigin())) {
    std::cerr << "phum-admin: no user '" << username << "' (see phum-admin users list)\n";
    return 1;
  }
  std::cout << "disabled " << username << "; the tablets are told on their next sync\n";
  return 0;
}

}  // namespace

int runUsersCommand(const std::vector<std::string>& args) {
  const std::string command = args.empty() ? "" : args[0];
  const std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
  if (command == "add") return add(rest);
  if (command == "list") return list(rest);
  if (command == "disable") return disable(rest);
  std::cerr << "usage: phum-admin users add --username U --role ROLE --scope CODE"
               " [--display-name NAME] [--password P | password on stdin] [--data DIR|--db URL]\n"
               "       phum-admin users list [--data DIR|--db URL]\n"
               "       phum-admin users disable U [--data DIR|--db URL]\n";
  return 2;
}

}  // namespace phum::admin
