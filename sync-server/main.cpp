// phum-server: the central sync server. Prints "listening on http://HOST:PORT" once ready.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "core/errors.h"
#include "services/form_validator.h"
#include "http/http_server.h"
#include "common/json_log.h"
#include "storage/server_store.h"
#include "common/redaction.h"
#include "common/secrets.h"
#include "server_options.h"

#ifdef PHUM_WITH_POSTGRES
#include "storage/postgres/postgres_database.h"
#endif

namespace {

// Every pushed record is validated against the published form it names (form_validator.h),
// whichever backend holds them. The validator reads forms through the store on each cache miss,
// so a form published by another instance or phum-admin on the same database is found at once.
std::unique_ptr<phum::server::ServerStore> openStore(
    const phum::server::ServerOptions& options, phum::server::PublishedFormValidator& validator) {
  std::unique_ptr<phum::server::ServerStore> store;
#ifdef PHUM_WITH_POSTGRES
  if (!options.databaseUrl.empty()) {
    store = phum::server::openPostgresStore(options.databaseUrl, validator.hook());
  }
#endif
  if (!store) store = phum::server::openSqliteStore(options.dataDir, validator.hook());
  validator.attach(store.get());
  return store;
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
#ifndef PHUM_WITH_POSTGRES
  if (!options.databaseUrl.empty()) {
    std::cerr << "phum-server: --db " << redactSecrets(options.databaseUrl)
              << ": this build has no PostgreSQL storage; use --data DIR\n";
    return 2;
  }
#endif
  try {
    initSecrets();
    PublishedFormValidator validator({options.acceptUnpublishedForms});
    auto store = openStore(options, validator);
    return runHttpServer(options, *store, [&](unsigned short port) {
      std::cout << "listening on http://" << options.host << ":" << port << std::endl;
    });
  } catch (const std::exception& e) {
    logEvent("error", "fatal", {{"error", e.what()}});  // logEvent redacts, like every log line
    std::cerr << "phum-server: " << redactSecrets(e.what()) << "\n";
    return 1;
  }
}
