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

// Where the server's sealing keys are, or nothing when it has no key file (sensitive answers then
// stay as the tablets send them). The passphrase is read from its file (or the environment) each
// time the key file is read, so it is not kept in memory between reads.
std::optional<phum::server::SealingKeySource> sealingKeySource(
    const phum::server::ServerOptions& options) {
  using namespace phum::server;
  std::string path = options.sealingKeyFile;
  if (path.empty()) {
    path = (std::filesystem::path(options.dataDir) / "sealing.keys").string();
    if (!std::filesystem::exists(path)) return std::nullopt;
  }
  const std::string passphraseFile = options.keyPassphraseFile;
  return SealingKeySource{path, [passphraseFile]() -> std::optional<std::string> {
                            if (!passphraseFile.empty()) return readPassphraseFile(passphraseFile);
                            if (const char* env = std::getenv("PHUM_KEY_PASSPHRASE"); env && *env)
                              return std::string(env);
                            return std::nullopt;
                          }};
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
    // Every pushed record is validated against the published form it names, whichever database
    // holds them; forms are read on each cache miss, so a form published by another instance or
    // phum-admin on the same database is found at once.
    Services services(storage::openDatabase({options.dataDir, options.databaseUrl}),
                      {options.acceptUnpublishedForms});
    services.reports().refreshInBackground(std::chrono::seconds(10));
    // Throws KeyFileError before any port is opened: the server must not start with a key file
    // others can read, or one it cannot open.
    if (const auto source = sealingKeySource(options)) {
      services.sealingKeys().load(*source);
      const auto ring = services.sealingKeys().ring();
      publishSealingKeys(services.catalog(), *ring);
      logEvent("info", "sealing_keys", {{"current", ring->current().keyId}});
      // Escrow keys kept in clear by an older server, or before the key file existed.
      if (const auto sealed = services.accounts().sealClearEscrowKeys(); sealed > 0) {
        logEvent("info", "escrow_keys_sealed", {{"devices", std::to_string(sealed)}});
      }
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
