#include "admin/admin_args.h"

#include <pwd.h>
#include <unistd.h>

#include <charconv>

#include "storage/open_database.h"

namespace phum::admin {

AdminArgs::AdminArgs(const std::vector<std::string>& args, const std::set<std::string>& valued,
                     const std::set<std::string>& flags) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (valued.count(arg) || arg == "--data" || arg == "--db") {
      if (i + 1 >= args.size()) throw UsageError(arg + " needs a value");
      values_[arg] = args[++i];
    } else if (flags.count(arg)) {
      flags_.insert(arg);
    } else if (arg.starts_with("--")) {
      throw UsageError("unknown option '" + arg + "'");
    } else {
      positional_.push_back(arg);
    }
  }
}

std::optional<std::string> AdminArgs::value(const std::string& name) const {
  const auto found = values_.find(name);
  if (found == values_.end()) return std::nullopt;
  return found->second;
}

std::string AdminArgs::required(const std::string& name) const {
  auto found = value(name);
  if (!found || found->empty()) throw UsageError(name + " is required");
  return *found;
}

int AdminArgs::number(const std::string& name, int fallback) const {
  const auto text = value(name);
  if (!text) return fallback;
  int result = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), result);
  if (error != std::errc() || end != text->data() + text->size() || result < 0) {
    throw UsageError(name + " needs a whole number, not '" + *text + "'");
  }
  return result;
}

std::unique_ptr<server::Services> openServices(const AdminArgs& options, bool mustExist) {
  auto db = server::storage::openDatabase(
      {options.dataDir(), options.databaseUrl()},
      mustExist ? server::storage::OpenMode::MustExist : server::storage::OpenMode::Create);
  return std::make_unique<server::Services>(std::move(db), server::FormValidatorOptions{});
}

server::AuditOrigin adminOrigin() {
  const passwd* user = getpwuid(geteuid());
  return {std::string("phum-admin (") +
              (user != nullptr ? user->pw_name : "uid " + std::to_string(geteuid())) + ")",
          "", "local"};
}

void auditAdmin(server::Services& server, server::AuditEvent event) {
  const server::AuditOrigin origin = adminOrigin();
  event.actor = origin.actor;
  event.remoteAddress = origin.remoteAddress;
  server.audit().record(event);
}

}  // namespace phum::admin
