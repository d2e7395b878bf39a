// phum-server: the central sync server. Prints "listening on http://HOST:PORT" (https:// with
// --tls-cert) once ready.
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "common/json_log.h"
#include "common/redaction.h"
#include "common/secrets.h"
#include "http/http_server.h"
#include "http/tls_context.h"
#include "server_options.h"
#include "services/services.h"
#include "storage/open_database.h"

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
