// phum-admin keys create | rotate | list: the server's key file for sealed sensitive answers
// (common/sealing_keys.h). Create and rotate also publish the public keys to the tablets
// (services/sealing_key_feed.h); a running phum-server reads the file again when a record sealed
// to a key it has not read arrives.
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "admin/admin_args.h"
#include "admin/commands.h"
#include "common/sealing_keys.h"
#include "services/sealing_key_feed.h"
#include "storage/sqlite/private_files.h"

namespace phum::admin {
namespace {

std::string keyFile(const AdminArgs& options) {
  return options.value("--key-file")
      .value_or((std::filesystem::path(options.dataDir()) / "sealing.keys").string());
}

// --passphrase-file F, --passphrase-stdin, or PHUM_KEY_PASSPHRASE; nothing without any.
std::optional<std::string> passphrase(const AdminArgs& options) {
  if (const auto file = options.value("--passphrase-file")) {
    return server::readPassphraseFile(*file);
  }
  if (options.flag("--passphrase-stdin")) {
    std::string line;
    if (!std::getline(std::cin, line) || line.empty()) {
      throw UsageError("--passphrase-stdin: no passphrase on standard input");
    }
    return line;
  }
  if (const char* env = std::getenv("PHUM_KEY_PASSPHRASE"); env != nullptr && *env != '\0') {
    return std::string(env);
  }
  return std::nullopt;
}

void publish(const AdminArgs& options, const std::string& path,
             const std::optional<std::string>& secret) {
  const auto ring = server::SealingKeyring::load(path, secret);
  auto server = openServices(options, false);
  server::publishSealingKeys(server->catalog(), ring);
  // Escrow keys kept in clear (stored before there was a key file) are sealed now.
  server->sealingKeys().load({path, [&] { return secret; }});
  const std::size_t sealed = server->accounts().sealClearEscrowKeys();
  if (sealed > 0) std::cout << "sealed the escrow keys of " << sealed << " tablet(s)\n";
  auditAdmin(*server, {.action = "sealing_key_added", .subject = ring.current().keyId});
  std::cout << "sealing key " << ring.current().keyId << " is now the one tablets seal to ("
            << ring.keys().size() << " key(s) in " << path
            << "); tablets receive it at their next sync, and a running phum-server reads it with "
               "the first "
               "record sealed to it\n";
}

}  // namespace

int runKeysCommand(const std::vector<std::string>& args) {
  const std::string command = args.empty() ? "" : args[0];
  const std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
  const AdminArgs options(rest, {"--key-file", "--passphrase-file"}, {"--passphrase-stdin"});
  const std::string path = keyFile(options);
  if (command == "create" || command == "rotate") {
    const bool exists = std::filesystem::exists(path);
    if (command == "create" && exists) {
      throw UsageError(path + " already exists; use 'keys rotate' to add a new key");
    }
    if (command == "rotate" && !exists) {
      throw UsageError(path + " does not exist; use 'keys create' first");
    }
    const auto secret = passphrase(options);
    // The data folder may not exist yet: made as the server makes it, for its user only.
    const auto folder = std::filesystem::path(path).parent_path();
    if (!folder.empty()) server::createPrivateFolders(folder);
    // The passphrase must open the keys already there: one passphrase for the whole file.
    if (exists) server::SealingKeyring::load(path, secret);
    server::addSealingKey(path, secret);
    publish(options, path, secret);
    return 0;
  }
  if (command == "list") {
    const auto ring = server::SealingKeyring::load(path, passphrase(options));
    for (const auto& key : ring.keys()) {
      std::cout << key.keyId << (&key == &ring.current() ? "  current" : "") << "\n";
    }
    return 0;
  }
  throw UsageError(
      "keys needs 'create', 'rotate' or 'list' [--key-file F] [--passphrase-file F | "
      "--passphrase-stdin]");
}

}  // namespace phum::admin
