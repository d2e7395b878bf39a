#pragma once
// Option parsing shared by the phum-admin subcommands: "--name value" pairs and bare flags.
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "services/services.h"

namespace phum::admin {

// A mistake in how the command was called (exit code 2).
class UsageError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

class AdminArgs {
 public:
  // `valued`: options that take a value; `flags`: options that do not. Anything else not starting
  // with "--" is a positional argument. The storage options --data and --db are always accepted.
  AdminArgs(const std::vector<std::string>& args, const std::set<std::string>& valued,
            const std::set<std::string>& flags);

  std::optional<std::string> value(const std::string& name) const;
  std::string required(const std::string& name) const;
  bool flag(const std::string& name) const { return flags_.count(name) > 0; }
  int number(const std::string& name, int fallback) const;
  const std::vector<std::string>& positional() const { return positional_; }
  // The server's data folder (files; also the SQLite database unless --db is given).
  std::string dataDir() const { return value("--data").value_or("./phum-data"); }
  // --db: a PostgreSQL URL or key=value string, or "postgres" for the PG* environment variables.
  // Empty: the SQLite database in the data folder.
  std::string databaseUrl() const { return value("--db").value_or(""); }

 private:
  std::map<std::string, std::string> values_;
  std::set<std::string> flags_;
  std::vector<std::string> positional_;
};

// The server's services on the database the options name (storage/open_database.h: PostgreSQL
// with --db, else the SQLite file in the --data folder). With mustExist, a missing SQLite
// database is an error (a typo in --data must not silently show an empty server).
std::unique_ptr<server::Services> openServices(const AdminArgs& options, bool mustExist);

// Appends `event` to the server's audit log as done by phum-admin, by this operating-system user,
// on this machine.
void auditAdmin(server::Services& server, server::AuditEvent event);
// The same who and where, for the services that audit an action in its own transaction.
server::AuditOrigin adminOrigin();
}  // namespace phum::admin
