// phum-server: the central sync server. Prints "listening on http://HOST:PORT" (https:// with
// --tls-cert) once ready.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "common/json_log.h"
#include "common/redaction.h"
#include "common/sealing_keys.h"
#include "common/secrets.h"
#include "http/http_server.h"
#include "http/tls_context.h"
#include "server_options.h"
#include "services/sealing_key_feed.h"
#include "services/services.h"
#include "storage/open_database.h"

namespace {

// The server's sealing keys, or nothing when it has no key file (sensitive answers then stay as
// the tablets send them). Throws KeyFileError: the server must not start with a key file others
// can read, or one it cannot open.
std::optional<phum::server::SealingKeyring> loadSealingKeys(
    const phum::server::ServerOptions& options) {
  using namespace phum::server;
  std::string path = options.sealingKeyFile;
  if (path.empty()) {
    path = (std::filesystem::path(options.dataDir) / "sealing.keys").string();
    if (!std::filesystem::exists(path)) return std::nullopt;
  }
  std::optional<std::string> passphrase;
  if (!options.keyPassphraseFile.empty()) {
    passphrase = readPassphraseFile(options.keyPassphraseFile);
  } else if (const char* env = std::getenv("PHUM_KEY_PASSPHRASE"); env && *env) {
    passphrase = env;
  }
  return SealingKeyring::load(path, passphrase);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace phum::server;
  ServerOptions options;
  try {
    bool help = false;
    options = parseServerOptions(std::vector<std::string>(argv + 1, argv + argc), help);
    if (help) {
      std::cout << serverUsage();
      return 0;
    }
  } catch (const std::invalid_argument& e) {
    std::cerr << "phum-server: " << redactSecrets(e.what()) << "\n" << serverUsage();
    return 2;
  }
  rememberSecretsOf(options.databaseUrl);
  try {
    initSecrets();
    if (!options.tlsCertFile.empty()) {
      options.serverKeyPin = publicKeyPinOfCertificate(options.tlsCertFile);
    }
    const auto sealingKeys = loadSealingKeys(options);  // before any port is opened
    // Every pushed record is validated against the published form it names, whichever database
    // holds them; forms are read on each cache miss, so a form published by another instance or
    // phum-admin on the same database is found at once.
    Services services(storage::openDatabase({options.dataDir, options.databaseUrl}),
                      {options.acceptUnpublishedForms});
    services.reports().refreshInBackground(std::chrono::seconds(10));
    if (sealingKeys) {
      installSealingKeys(std::make_shared<const SealingKeyring>(*sealingKeys));
      publishSealingKeys(services.catalog(), *sealingKeys);
      logEvent("info", "sealing_keys", {{"current", sealingKeys->current().keyId}});
    }
    return runHttpServer(options, services, [&](unsigned short port) {
      const char* scheme = options.tlsCertFile.empty() ? "http" : "https";
      std::cout << "listening on " << scheme << "://" << options.host << ":" << port << std::endl;
    });
  } catch (const std::exception& e) {
    logEvent("error", "fatal", {{"error", e.what()}});  // logEvent redacts, like every log line
    std::cerr << "phum-server: " << redactSecrets(e.what()) << "\n";
    return 1;
  }
}
