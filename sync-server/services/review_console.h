#pragma once
// The review console's rules, once for every backend: who may sign in to the console, what each
// role and geographic scope may list, open and decide, the review states, and what a decision
// must carry. The API (api/console_api.cpp) only translates HTTP and JSON to these calls.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "services/account_service.h"
#include "services/audit_log.h"
#include "services/catalog_service.h"
#include "services/record_export.h"
#include "services/record_view.h"
#include "storage/database.h"

namespace phum::server {

using storage::StoredRecordSummary;

// The device id of console sessions in the sessions table: a session made by the console can
// never authenticate a tablet (whose id is random), nor a tablet's session the console.
inline constexpr const char* kConsoleDeviceId = "web-console";

enum class ReviewState { New, Returned, Corrected, Approved, Rejected };
std::string reviewStateName(ReviewState state);
// The state of a record whose newest revision is `newestRevision`.
ReviewState reviewState(const std::optional<storage::LastDecision>& last,
                        std::uint32_t newestRevision);
std::optional<storage::QueueState> parseQueueState(const std::string& text);

// Whether an account of `scope` ("national" or a NIS prefix) may see a record located at
// `locationCode`.
bool scopeCovers(const std::string& scope, const std::string& locationCode);
// The NIS prefix of `scope` narrowed by a chosen `place` ("" = anywhere); nothing when the two do
// not overlap.
std::optional<std::string> narrowedPlace(const std::string& scope, const std::string& place);
// Roles allowed in the console, and what they may do there.
bool mayUseConsole(phum::v1::Role role);
bool mayReview(phum::v1::Role role);
bool mayReadSensitive(phum::v1::Role role);
std::string roleName(phum::v1::Role role);
std::optional<phum::v1::Role> parseRole(const std::string& text);

// A refusal whose message is safe to show: the account's role may not do this.
class RoleNotAllowed : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ConsoleSession {
  phum::v1::Account account;
  std::string token;  // only in the answer to a sign-in
  std::int64_t expiresAtMs = 0;
};

struct QueueItem {
  storage::QueueRow row;
  ReviewState state = ReviewState::New;
  std::string formTitle;
  std::string placeName;
};

struct QueuePage {
  std::vector<QueueItem> items;
  std::optional<storage::QueueKey> next;  // the last row's key when a further page may exist
};

struct Place {
  std::string code;
  std::string name;
  std::string level;
};

struct ReviewView {
  storage::ReviewRow row;
  std::vector<std::string> noteLabels;  // aligned with row.notes
};

struct RecordView {
  StoredRecordSummary summary;
  std::int64_t createdAtMs = 0;
  std::uint32_t newestRevision = 0;
  ReviewState state = ReviewState::New;
  std::string formTitle;
  std::string placeName;
  bool canReview = false;
  std::vector<ViewItem> items;
  std::vector<std::pair<StoredRecordSummary, std::int64_t>> revisions;
  std::vector<ReviewView> reviews;
};

struct DecisionRequest {
  std::uint32_t revision = 0;
  std::string decision;  // "approve", "return", "reject"
  std::string comment;
  std::string reason;
  std::vector<storage::ReviewNote> notes;
};

enum class DecisionOutcome { Stored, NotFound, StaleRevision, Invalid };

struct DecisionResult {
  DecisionOutcome outcome = DecisionOutcome::Stored;
  std::string problem;  // Invalid, StaleRevision: what to fix, in words
  storage::ReviewRow review;
  ReviewState state = ReviewState::New;
};

struct AttachmentReply {
  // Unopened: a sealed photo that none of the server's keys opens.
  enum class Outcome { Found, NotFound, Sensitive, NotUploaded, Unopened };
  Outcome outcome = Outcome::NotFound;
  std::string bytes;
};

class ReviewConsole {
 public:
  // Sealed answers are opened with `keys` for the roles that may read them.
  ReviewConsole(storage::Database& db, AccountService& accounts, CatalogService& catalog,
                SealingKeys& keys);

  // Throws AuthError (wrong name or password, disabled) or RoleNotAllowed (a field role: its
  // session is ended at once). Audited as console_sign_in (and console_sign_out) by `origin`, in
  // the session's transactions.
  ConsoleSession signIn(const std::string& username, const std::string& password,
                        std::int64_t lifetimeMs, const AuditOrigin& origin = {});
  // A live console session of an enabled account that may still use the console.
  std::optional<SessionInfo> session(const std::string& token);
  // Audited as console_sign_out by `origin`, in the same transaction.
  void signOut(const std::string& token, const AuditOrigin& origin = {});

  // `place` narrows the caller's scope; a place outside it gives an empty page.
  QueuePage queue(const phum::v1::Account& caller, storage::QueueQuery query,
                  const std::string& language);
  // Nothing when the record does not exist or is outside the caller's scope.
  std::optional<RecordView> record(const phum::v1::Account& caller, const std::string& uuid,
                                   std::optional<std::uint32_t> revision,
                                   const std::string& language);
  std::optional<std::vector<AnswerChange>> diff(const phum::v1::Account& caller,
                                                const std::string& uuid, std::uint32_t from,
                                                std::uint32_t to, const std::string& language);
  // Stores the decision as a review of its own and sends a return to the author's tablets on the
  // change feed (the comment and each note as a ReviewDecision), with its audit entry (from
  // `origin`), in one transaction.
  DecisionResult decide(const phum::v1::Account& caller, const std::string& uuid,
                        const DecisionRequest& request, const AuditOrigin& origin = {});
  // The file `name` that an answer of some revision of the record holds (console_attachment.cpp):
  // NotFound when the record is outside the caller's scope or no answer names the file;
  // Sensitive when the question is sensitive and the caller's role may not see it. A sealed photo
  // is served opened; a reader allowed sensitive answers is audited (`origin`) in the transaction
  // that reads the file.
  AttachmentReply attachment(const phum::v1::Account& caller, const std::string& uuid,
                             const std::string& name, const AuditOrigin& origin = {});
  // The queue's records as CSV in a ZIP (record_export.h), within the caller's scope; sensitive
  // answers only when asked for and the role may read them (else RoleNotAllowed). Throws
  // std::invalid_argument for a form never published.
  std::unique_ptr<RecordExport> exportRecords(const phum::v1::Account& caller,
                                              const storage::QueueQuery& query,
                                              bool includeSensitive, const std::string& language);
  // The same for phum-admin, which runs with the server's own rights.
  std::unique_ptr<RecordExport> exportRecords(ExportRequest request);
  // Provinces (parent ""), or the districts / communes under `parent`, within the caller's scope.
  std::vector<Place> places(const phum::v1::Account& caller, const std::string& parent,
                            const std::string& language);
  // A place's name in `language` (English when it has no name in it), from the gazetteer
  // reference data; the code itself when the gazetteer does not hold it.
  std::string placeLabel(const std::string& code, const std::string& language);

 private:
  std::shared_ptr<const phum::forms::engine::FormModel> form(const std::string& formId,
                                                             const std::string& version);
  std::string placeName(const std::string& code, const std::string& language);
  void loadGazetteer();

  storage::Database& db_;
  AccountService& accounts_;
  CatalogService& catalog_;
  SealingKeys& keys_;
  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>,
           std::shared_ptr<const phum::forms::engine::FormModel>>
      forms_;
  struct GazetteerEntry {
    std::string level, parent, nameEn, nameKm;
  };
  std::map<std::string, GazetteerEntry> gazetteer_;
  std::uint64_t gazetteerSeq_ = UINT64_MAX;
};

}  // namespace phum::server
