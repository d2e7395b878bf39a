#include "author_tablet.h"

#include <csignal>
#include <stdexcept>

#include "console_fixture.h"
#include "core/uuid.h"

namespace phum::testing {

int AuthorTablet::withOutcome(phum::v1::ReviewOutcome outcome) const {
  store::RecordQuery query;
  query.author = config.author;
  query.reviewOutcome = outcome;
  return store->countRecords(query);
}

AuthorTablet enrolAuthorTablet(std::unique_ptr<tools::ServerProcess>& server,
                               const phum::v1::Record& sent, const std::string& province,
                               const std::string& storePath) {
  const std::string data = server->dataDir();
  server->kill(SIGTERM);
  server = std::make_unique<tools::ServerProcess>(
      tools::phumServerBinary(), data, std::vector<std::string>{}, tools::ServerMode::AsGiven);
  server->start();
  const std::string author = sent.author();
  const auto added = tools::runAdmin(
      data, {"users", "add", "--username", author, "--role", "enumerator", "--scope", province},
      kConsolePassword + "\n");
  if (added.exitCode != 0) throw std::runtime_error("users add: " + added.err);
  const auto code = tools::runAdmin(data, {"devices", "enroll-code", "--name", "author's tablet"});
  if (code.exitCode != 0) throw std::runtime_error("devices enroll-code: " + code.err);
  AuthorTablet tablet;
  tablet.store = store::LocalStore::open(storePath);
  tablet.config.serverUrl = server->url();
  tablet.config.connectTimeout = std::chrono::milliseconds(5000);
  tablet.config.requestTimeout = std::chrono::milliseconds(30000);
  sync::SyncClient client(*tablet.store, tablet.config);
  const auto enrolled =
      client.enrollDevice(code.out.substr(0, code.out.find('\n')), "author's tablet");
  tablet.config.deviceId = enrolled.device_id();
  tablet.config.deviceSecret = enrolled.device_secret();
  tablet.config.sessionToken = client.signIn(author, kConsolePassword).session_token();
  tablet.config.author = author;
  auto first = sent;
  first.set_revision(0);  // the store numbers revisions
  const auto saved = tablet.store->saveRecord(first);
  tablet.store->markSent(*Uuid::fromBytes(saved.uuid()), saved.revision());
  return tablet;
}

}  // namespace phum::testing
