#include "services/review_console.h"

#include "common/sealing_keys.h"
#include "common/secrets.h"
#include "core/clock.h"
#include "core/uuid.h"
#include "services/feed_service.h"

namespace phum::server {

namespace {

constexpr std::size_t kMaxCommentBytes = 4000;
constexpr int kMaxQueuePage = 200;

const std::pair<phum::v1::Role, const char*> kRoleNames[] = {
    {phum::v1::ROLE_ENUMERATOR, "enumerator"},
    {phum::v1::ROLE_OUTREACH_WORKER, "outreach_worker"},
    {phum::v1::ROLE_COUNSELLOR, "counsellor"},
    {phum::v1::ROLE_REVIEWER, "reviewer"},
    {phum::v1::ROLE_ADMINISTRATOR, "administrator"},
};

std::optional<std::string> checkDecision(const DecisionRequest& request,
                                         const phum::forms::engine::FormModel& form) {
  if (request.decision != "approve" && request.decision != "return" &&
      request.decision != "reject") {
    return "decision must be approve, return or reject, not '" + request.decision + "'";
  }
  if (request.decision == "return" && request.comment.empty() && request.notes.empty()) {
    return "a record returned for correction needs a comment or a note on a question";
  }
  if (request.decision == "reject" && request.reason.empty()) {
    return "a rejection needs a reason";
  }
  if (request.comment.size() > kMaxCommentBytes || request.reason.size() > kMaxCommentBytes) {
    return "a comment or reason may be at most " + std::to_string(kMaxCommentBytes) + " bytes";
  }
  for (const auto& note : request.notes) {
    if (form.indexOf(note.field) < 0) {
      return "the form has no question '" + note.field + "' to attach a note to";
    }
    if (note.text.empty() || note.text.size() > kMaxCommentBytes) {
      return "the note on '" + note.field + "' must have 1 to " + std::to_string(kMaxCommentBytes) +
             " bytes of text";
    }
  }
  return std::nullopt;
}

// What the author's tablets receive for a return: the comment, and each note with its question.
void sendReturn(storage::Transaction& tx, const storage::ReviewRow& review,
                const std::string& author) {
  phum::v1::ReviewDecision decision;
  decision.set_record_uuid(review.uuid);
  decision.set_revision(review.revision);
  decision.set_outcome(phum::v1::REVIEW_OUTCOME_RETURNED);
  decision.set_reviewer(review.reviewer);
  decision.set_decided_at_ms(review.decidedAtMs);
  phum::v1::Change change;
  if (!review.comment.empty() || review.notes.empty()) {
    decision.set_comment(review.comment);
    *change.mutable_review() = decision;
    appendChange(tx, change, author);
  }
  for (const auto& note : review.notes) {
    decision.set_comment(note.text);
    decision.set_field(note.field);
    *change.mutable_review() = decision;
    appendChange(tx, change, author);
  }
}

// An approval, or a rejection with its reason: one decision on the author's tablets.
void sendOutcome(storage::Transaction& tx, const storage::ReviewRow& review,
                 const std::string& author) {
  phum::v1::Change change;
  auto& decision = *change.mutable_review();
  decision.set_record_uuid(review.uuid);
  decision.set_revision(review.revision);
  const bool rejected = review.decision == "reject";
  decision.set_outcome(rejected ? phum::v1::REVIEW_OUTCOME_REJECTED
                                : phum::v1::REVIEW_OUTCOME_APPROVED);
  if (rejected) decision.set_comment(review.reason);
  decision.set_reviewer(review.reviewer);
  decision.set_decided_at_ms(review.decidedAtMs);
  appendChange(tx, change, author);
}

}  // namespace

std::string reviewStateName(ReviewState state) {
  switch (state) {
    case ReviewState::New:
      return "new";
    case ReviewState::Returned:
      return "returned";
    case ReviewState::Corrected:
      return "corrected";
    case ReviewState::Approved:
      return "approved";
    case ReviewState::Rejected:
      return "rejected";
  }
  return "new";
}

// A decision holds for the revision it was taken on: a later revision after a return is a
// correction to look at; after an approval or rejection it is new work.
ReviewState reviewState(const std::optional<storage::LastDecision>& last,
                        std::uint32_t newestRevision) {
  if (!last) return ReviewState::New;
  const bool later = newestRevision > last->revision;
  if (last->decision == "return") return later ? ReviewState::Corrected : ReviewState::Returned;
  if (later) return ReviewState::New;
  return last->decision == "approve" ? ReviewState::Approved : ReviewState::Rejected;
}

std::optional<storage::QueueState> parseQueueState(const std::string& text) {
  using storage::QueueState;
  if (text.empty()) return QueueState::Any;
  if (text == "new") return QueueState::New;
  if (text == "returned") return QueueState::Returned;
  if (text == "corrected") return QueueState::Corrected;
  if (text == "approved") return QueueState::Approved;
  if (text == "rejected") return QueueState::Rejected;
  return std::nullopt;
}

std::optional<std::string> narrowedPlace(const std::string& scope, const std::string& place) {
  const std::string base = scope == "national" ? "" : scope;
  if (place.empty() || place.starts_with(base)) return place.empty() ? base : place;
  if (base.starts_with(place)) return base;
  return std::nullopt;
}

bool scopeCovers(const std::string& scope, const std::string& locationCode) {
  return scope == "national" || (!scope.empty() && locationCode.starts_with(scope));
}

bool mayUseConsole(phum::v1::Role role) {
  return role == phum::v1::ROLE_REVIEWER || role == phum::v1::ROLE_ADMINISTRATOR;
}

bool mayReview(phum::v1::Role role) {
  return role == phum::v1::ROLE_REVIEWER || role == phum::v1::ROLE_ADMINISTRATOR;
}

// Reviewers check what the field worker wrote, names and narratives included; an administrator
// manages the system and has no need to read them (DOMAIN.md, protection rules).
bool mayReadSensitive(phum::v1::Role role) { return role == phum::v1::ROLE_REVIEWER; }

std::string roleName(phum::v1::Role role) {
  for (const auto& [value, name] : kRoleNames) {
    if (value == role) return name;
  }
  return "unspecified";
}

std::optional<phum::v1::Role> parseRole(const std::string& text) {
  for (const auto& [value, name] : kRoleNames) {
    if (text == name) return value;
  }
  return std::nullopt;
}

ReviewConsole::ReviewConsole(storage::Database& db, AccountService& accounts,
                             CatalogService& catalog, SealingKeys& keys)
    : db_(db), accounts_(accounts), catalog_(catalog), keys_(keys) {}

ConsoleSession ReviewConsole::signIn(const std::string& username, const std::string& password,
                                     std::int64_t lifetimeMs, const AuditOrigin& origin) {
  const auto response = accounts_.signIn(username, password, kConsoleDeviceId, lifetimeMs, false,
                                         origin, "console_sign_in");
  if (!mayUseConsole(response.account().role())) {
    AuditOrigin user = origin;
    user.actor = username;
    signOut(response.session_token(), user);
    throw RoleNotAllowed("the console is for reviewers and administrators; a " +
                         roleName(response.account().role()) + " works on the tablet");
  }
  return {response.account(), response.session_token(), response.expires_at_ms()};
}

std::optional<SessionInfo> ReviewConsole::session(const std::string& token) {
  if (token.empty()) return std::nullopt;
  auto found = accounts_.findSession(token);
  if (!found || found->deviceId != kConsoleDeviceId || !mayUseConsole(found->account.role())) {
    return std::nullopt;
  }
  return found;
}

void ReviewConsole::signOut(const std::string& token, const AuditOrigin& origin) {
  accounts_.signOut(token, origin, "console_sign_out");
}

std::shared_ptr<const phum::forms::engine::FormModel> ReviewConsole::form(
    const std::string& formId, const std::string& version) {
  {
    std::lock_guard lock(mutex_);
    const auto cached = forms_.find({formId, version});
    if (cached != forms_.end()) return cached->second;
  }
  auto definition = catalog_.findForm(formId, version);
  if (!definition) return nullptr;
  // A published version never changes, so its model is kept.
  auto model = std::make_shared<const phum::forms::engine::FormModel>(std::move(*definition));
  std::lock_guard lock(mutex_);
  return forms_.emplace(std::make_pair(formId, version), std::move(model)).first->second;
}

void ReviewConsole::loadGazetteer() {
  std::uint64_t seq = 0;
  for (const auto& dataset : catalog_.listReferenceDatasets()) {
    if (dataset.name == "gazetteer") seq = dataset.lastChangeSeq;
  }
  {
    std::lock_guard lock(mutex_);
    if (seq == gazetteerSeq_) return;
  }
  std::map<std::string, GazetteerEntry> entries;
  for (const auto& row : catalog_.referenceRows("gazetteer")) {
    const auto column = [&](const char* name) {
      const auto found = row.columns().find(name);
      return found == row.columns().end() ? std::string() : found->second;
    };
    entries[row.key()] = {column("level"), column("parent"), column("name_en"), column("name_km")};
  }
  std::lock_guard lock(mutex_);
  gazetteer_ = std::move(entries);
  gazetteerSeq_ = seq;
}

std::string ReviewConsole::placeName(const std::string& code, const std::string& language) {
  std::lock_guard lock(mutex_);
  const auto found = gazetteer_.find(code);
  if (found == gazetteer_.end()) return code;
  const auto& entry = found->second;
  const std::string& name = language == "en" ? entry.nameEn : entry.nameKm;
  return name.empty() ? entry.nameEn : name;
}

std::string ReviewConsole::placeLabel(const std::string& code, const std::string& language) {
  loadGazetteer();
  return placeName(code, language);
}

QueuePage ReviewConsole::queue(const phum::v1::Account& caller, storage::QueueQuery query,
                               const std::string& language) {
  QueuePage page;
  const auto place = narrowedPlace(caller.scope_code(), query.placePrefix);
  if (!place) return page;
  query.placePrefix = *place;
  query.limit = std::clamp(query.limit, 1, kMaxQueuePage);
  auto rows =
      storage::read(db_, [&](storage::Transaction& tx) { return tx.reviews().queue(query); });
  loadGazetteer();
  for (auto& row : rows) {
    QueueItem item;
    item.state = reviewState(row.last, row.record.revision);
    const auto model = form(row.record.formId, row.record.formVersion);
    item.formTitle = model ? model->definition().title() : row.record.formId;
    item.placeName = placeName(row.record.locationCode, language);
    item.row = std::move(row);
    page.items.push_back(std::move(item));
  }
  if (static_cast<int>(page.items.size()) == query.limit) {
    const auto& last = page.items.back().row.record;
    page.next = storage::QueueKey{last.receivedAtMs, last.serverSeq};
  }
  return page;
}

std::optional<RecordView> ReviewConsole::record(const phum::v1::Account& caller,
                                                const std::string& uuid,
                                                std::optional<std::uint32_t> revision,
                                                const std::string& language) {
  struct Loaded {
    std::vector<std::pair<StoredRecordSummary, std::int64_t>> revisions;
    std::optional<phum::v1::Record> record;
    std::vector<storage::ReviewRow> reviews;
    std::optional<storage::LastDecision> last;
  };
  auto loaded = storage::snapshot(db_, [&](storage::Transaction& tx) {
    Loaded result;
    result.revisions = tx.reviews().revisions(uuid);
    if (result.revisions.empty()) return result;
    const std::uint32_t wanted = revision.value_or(result.revisions.back().first.revision);
    result.record = tx.records().find(uuid, wanted);
    result.reviews = tx.reviews().reviews(uuid);
    result.last = tx.reviews().lastDecision(uuid);
    return result;
  });
  // Scope is judged on the newest revision, as for a decision: a record that moved out of the
  // caller's area is out of it with all its history.
  if (!loaded.record ||
      !scopeCovers(caller.scope_code(), loaded.revisions.back().first.locationCode)) {
    return std::nullopt;
  }
  RecordView view;
  for (const auto& [summary, created] : loaded.revisions) {
    if (summary.revision == loaded.record->revision()) {
      view.summary = summary;
      view.createdAtMs = created;
    }
  }
  view.newestRevision = loaded.revisions.back().first.revision;
  view.state = reviewState(loaded.last, view.newestRevision);
  view.canReview = mayReview(caller.role());
  loadGazetteer();
  view.placeName = placeName(view.summary.locationCode, language);
  const auto model = form(view.summary.formId, view.summary.formVersion);
  view.formTitle = model ? model->definition().title() : view.summary.formId;
  // Only for a role that may read them; the others never get them opened.
  if (mayReadSensitive(caller.role())) keys_.open(*loaded.record);
  if (model) {
    // Places chosen from the gazetteer read as names; other reference lists keep their codes.
    const FileChoiceLabel places = [&](const std::string& file, const std::string& value) {
      if (file != "gazetteer.csv") return std::string();
      std::string name = placeName(value, language);
      return name == value ? std::string() : name;
    };
    view.items = viewRecord(*model, loaded.record->answers(), language,
                            mayReadSensitive(caller.role()), places);
  }
  for (auto& review : loaded.reviews) {
    ReviewView shown{std::move(review), {}};
    for (const auto& note : shown.row.notes) {
      shown.noteLabels.push_back(model ? fieldLabel(*model, note.field, language) : note.field);
    }
    view.reviews.push_back(std::move(shown));
  }
  view.revisions = std::move(loaded.revisions);
  return view;
}

std::optional<std::vector<AnswerChange>> ReviewConsole::diff(const phum::v1::Account& caller,
                                                             const std::string& uuid,
                                                             std::uint32_t from, std::uint32_t to,
                                                             const std::string& language) {
  struct Loaded {
    std::optional<phum::v1::Record> before, after, newest;
  };
  auto loaded = storage::snapshot(db_, [&](storage::Transaction& tx) {
    Loaded result;
    const auto revisions = tx.reviews().revisions(uuid);
    if (revisions.empty()) return result;
    result.newest = tx.records().find(uuid, revisions.back().first.revision);
    result.before = tx.records().find(uuid, from);
    result.after = tx.records().find(uuid, to);
    return result;
  });
  if (!loaded.newest || !loaded.before || !loaded.after ||
      !scopeCovers(caller.scope_code(), loaded.newest->location_code())) {
    return std::nullopt;
  }
  const auto model = form(loaded.after->form_id(), loaded.after->form_version());
  if (!model) return std::vector<AnswerChange>{};
  if (mayReadSensitive(caller.role())) {
    keys_.open(*loaded.before);
    keys_.open(*loaded.after);
  }
  return diffAnswers(*model, loaded.before->answers(), loaded.after->answers(), language,
                     mayReadSensitive(caller.role()));
}

DecisionResult ReviewConsole::decide(const phum::v1::Account& caller, const std::string& uuid,
                                     const DecisionRequest& request, const AuditOrigin& origin) {
  if (!mayReview(caller.role())) {
    throw RoleNotAllowed("a " + roleName(caller.role()) + " may not review records");
  }
  // The form's model is read before the write transaction (the catalogue reads on its own).
  const auto before =
      storage::read(db_, [&](storage::Transaction& tx) { return tx.reviews().revisions(uuid); });
  const auto model =
      before.empty() ? nullptr : form(before.back().first.formId, before.back().first.formVersion);
  return storage::write(db_, [&](storage::Transaction& tx) {
    DecisionResult result;
    const auto revisions = tx.reviews().revisions(uuid);
    if (revisions.empty() ||
        !scopeCovers(caller.scope_code(), revisions.back().first.locationCode)) {
      result.outcome = DecisionOutcome::NotFound;
      return result;
    }
    const auto& newest = revisions.back().first;
    if (request.revision != newest.revision) {
      result.outcome = DecisionOutcome::StaleRevision;
      result.problem = "revision " + std::to_string(request.revision) +
                       " is not the newest; revision " + std::to_string(newest.revision) +
                       " arrived since: look at it before deciding";
      return result;
    }
    if (!model || model->definition().form_id() != newest.formId ||
        model->definition().version() != newest.formVersion) {
      result.outcome = DecisionOutcome::Invalid;
      result.problem = "the server has not published form " + newest.formId + " version " +
                       newest.formVersion + ", so its questions cannot be checked";
      return result;
    }
    if (auto problem = checkDecision(request, *model)) {
      result.outcome = DecisionOutcome::Invalid;
      result.problem = *problem;
      return result;
    }
    storage::ReviewRow review{0,
                              uuid,
                              request.revision,
                              request.decision,
                              caller.username(),
                              request.comment,
                              request.reason,
                              nowMillis(),
                              request.notes};
    review.id = tx.reviews().insertReview(review);
    if (review.decision == "return" && !newest.author.empty()) {
      sendReturn(tx, review, newest.author);
    } else if ((review.decision == "approve" || review.decision == "reject") &&
               !newest.author.empty()) {
      sendOutcome(tx, review, newest.author);
    }
    result.state =
        reviewState(storage::LastDecision{review.decision, review.revision}, newest.revision);
    const auto recordUuid = Uuid::fromBytes(uuid);
    AuditLog::append(
        tx, origin.event("review", recordUuid ? recordUuid->toString() : "",
                         review.decision + " revision " + std::to_string(review.revision)));
    result.review = std::move(review);
    return result;
  });
}

std::vector<Place> ReviewConsole::places(const phum::v1::Account& caller, const std::string& parent,
                                         const std::string& language) {
  loadGazetteer();
  const std::string scope = caller.scope_code() == "national" ? "" : caller.scope_code();
  std::vector<Place> result;
  std::lock_guard lock(mutex_);
  for (const auto& [code, entry] : gazetteer_) {
    if (entry.parent != parent || entry.level == "village") continue;
    // Within the scope, or on the way down to it (the province of a district reviewer).
    if (!code.starts_with(scope) && !scope.starts_with(code)) continue;
    const std::string& name = language == "en" ? entry.nameEn : entry.nameKm;
    result.push_back({code, name.empty() ? entry.nameEn : name, entry.level});
  }
  return result;
}

}  // namespace phum::server
