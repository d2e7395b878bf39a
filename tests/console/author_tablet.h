#pragma once
// The tablet of a record's author, for tests that follow a review from the console to the tablet:
// a real LocalStore, enrolled and signed in through the real SyncClient.
#include <memory>
#include <string>

#include "phum/v1/record.pb.h"
#include "phum/v1/sync.pb.h"
#include "phum_processes.h"
#include "store/local_store.h"
#include "sync/sync_client.h"

namespace phum::testing {

struct AuthorTablet {
  std::unique_ptr<store::LocalStore> store;
  sync::SyncConfig config;

  // How many of the author's records carry `outcome` (as the app's list finds them).
  int withOutcome(phum::v1::ReviewOutcome outcome) const;
};

// Restarts `server` in secure mode (what it published and received stays), adds `sent`'s author
// as an enumerator of `province`, enrols a tablet with a code from phum-admin, signs the author in
// and stores `sent` on it as already sent (revision 1). Throws std::runtime_error on a failed step.
AuthorTablet enrolAuthorTablet(std::unique_ptr<tools::ServerProcess>& server,
                               const phum::v1::Record& sent, const std::string& province,
                               const std::string& storePath);

}  // namespace phum::testing
