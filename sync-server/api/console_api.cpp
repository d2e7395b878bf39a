// /v1/console/...: the review console's JSON API (docs/console-api.md) over the ReviewConsole
// service. This file translates HTTP and JSON only; who may see and decide what is the service's.
#include "api/console_api.h"

#include <nlohmann/json.hpp>

#include "api/console_json.h"
#include "api/reports_api.h"
#include "api/storage_pool.h"
#include "api/sync_api.h"
#include "common/secrets.h"
#include "core/clock.h"
#include "core/uuid.h"

namespace phum::server {

namespace http = boost::beast::http;
using boost::asio::awaitable;
using nlohmann::json;

namespace {

constexpr std::string_view kPrefix = "/v1/console";
std::string uuidBytes(std::string_view text) {
  const auto uuid = Uuid::parse(text);
  if (!uuid) throw BadRequest("'" + std::string(text) + "' is not a record id (a UUID)");
  return uuid->toBytes();
}

std::uint32_t revisionParameter(const std::string& text, const char* name) {
  try {
    std::size_t used = 0;
    const unsigned long value = std::stoul(text, &used);
    if (used == text.size() && value >= 1 && value <= UINT32_MAX) {
      return static_cast<std::uint32_t>(value);
    }
  } catch (const std::exception&) {
  }
  throw BadRequest(std::string("'") + name + "' must be a revision number (1 or more)");
}

json answerJson(const AnswerView& answer, const std::string& uuid) {
  json item = {{"name", answer.name}, {"label", answer.label}, {"type", answer.type}};
  if (answer.hidden) {
    item["hidden"] = true;
    return item;
  }
  item["display"] = answer.display;
  if (!answer.attachment.empty()) {
    item["attachment"] = {
        {"url", "/v1/console/records/" + uuid + "/attachments/" + answer.attachment},
        {"contentType", attachmentContentType(answer.attachment)}};
  }
  if (answer.geopoint) {
    item["geopoint"] = {{"latitude", answer.geopoint->latitude()},
                        {"longitude", answer.geopoint->longitude()},
                        {"accuracyM", answer.geopoint->accuracy_m()}};
  }
  return item;
}

json itemsJson(const std::vector<ViewItem>& items, const std::string& uuid) {
  json out = json::array();
  for (const auto& item : items) {
    if (item.kind == ViewItem::Kind::Group) {
      out.push_back({{"kind", "group"}, {"name", item.answer.name}, {"label", item.answer.label}});
    } else if (item.kind == ViewItem::Kind::Answer) {
      json answer = answerJson(item.answer, uuid);
      answer["kind"] = "answer";
      out.push_back(std::move(answer));
    } else {
      json columns = json::array();
      for (const auto& column : item.columns) {
        columns.push_back({{"name", column.name}, {"label", column.label}});
      }
      json rows = json::array();
      for (const auto& row : item.rows) {
        json cells = json::array();
        for (const auto& cell : row) cells.push_back(answerJson(cell, uuid));
        rows.push_back(std::move(cells));
      }
      out.push_back({{"kind", "repeat"},
                     {"name", item.answer.name},
                     {"label", item.answer.label},
                     {"columns", std::move(columns)},
                     {"rows", std::move(rows)}});
    }
  }
  return out;
}

json reviewJson(const storage::ReviewRow& review, const std::vector<std::string>& noteLabels) {
  json notes = json::array();
  for (std::size_t i = 0; i < review.notes.size(); ++i) {
    notes.push_back({{"field", review.notes[i].field},
                     {"label", i < noteLabels.size() ? noteLabels[i] : review.notes[i].field},
                     {"text", review.notes[i].text}});
  }
  return {{"id", std::to_string(review.id)},   {"revision", review.revision},
          {"decision", review.decision},       {"reviewer", review.reviewer},
          {"decidedAtMs", review.decidedAtMs}, {"comment", review.comment},
          {"reason", review.reason},           {"notes", std::move(notes)}};
}

json recordJson(const RecordView& view) {
  json revisions = json::array();
  for (const auto& [summary, created] : view.revisions) {
    revisions.push_back({{"revision", summary.revision},
                         {"author", summary.author},
                         {"receivedAtMs", summary.receivedAtMs},
                         {"createdAtMs", created}});
  }
  json reviews = json::array();
  for (const auto& review : view.reviews)
    reviews.push_back(reviewJson(review.row, review.noteLabels));
  return {{"uuid", view.summary.uuid},
          {"revision", view.summary.revision},
          {"newestRevision", view.newestRevision},
          {"formId", view.summary.formId},
          {"formVersion", view.summary.formVersion},
          {"formTitle", view.formTitle},
          {"author", view.summary.author},
          {"deviceId", view.summary.deviceId},
          {"locationCode", view.summary.locationCode},
          {"placeName", view.placeName},
          {"createdAtMs", view.createdAtMs},
          {"receivedAtMs", view.summary.receivedAtMs},
          {"state", reviewStateName(view.state)},
          {"canReview", view.canReview},
          {"items", itemsJson(view.items, view.summary.uuid)},
          {"revisions", std::move(revisions)},
          {"reviews", std::move(reviews)}};
}

storage::QueueQuery queueQuery(const HttpRequest& request) {
  storage::QueueQuery q;
  q.formId = query(request, "form");
  q.placePrefix = query(request, "place");
  q.author = query(request, "author");
  const auto state = parseQueueState(query(request, "state"));
  if (!state) throw BadRequest("state must be new, returned, corrected, approved or rejected");
  q.state = *state;
  for (const char* name : {"from", "to"}) {
    const std::string text = query(request, name);
    if (text.empty()) continue;
    const auto midnight = cambodianMidnightMs(text);
    if (!midnight) throw BadRequest(std::string("'") + name + "' must be a date YYYY-MM-DD");
    if (std::string_view(name) == "from")
      q.receivedFromMs = *midnight;
    else
      q.receivedBeforeMs = *midnight + 24LL * 3600 * 1000;  // the whole "to" day
  }
  if (const std::string after = query(request, "after"); !after.empty()) {
    q.after = decodeQueueCursor(after);
    if (!q.after) throw BadRequest("'after' is not a cursor this server gave");
  }
  if (const std::string limit = query(request, "limit"); !limit.empty()) {
    q.limit = static_cast<int>(revisionParameter(limit, "limit"));
  }
  return q;
}

// A reader allowed to see sensitive answers opened a record.
AuditEvent sensitiveView(const RecordView& view) {
  return {.action = "sensitive_view",
          .subject = view.summary.uuid,
          .detail = "revision " + std::to_string(view.summary.revision)};
}

std::string setCookie(const std::string& token, std::int64_t maxAgeSeconds) {
  return std::string(kConsoleCookie) + "=" + token +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(maxAgeSeconds);
}

}  // namespace

awaitable<SyncApi::Admission> SyncApi::admitConsole(const HttpRequest& header) {
  Admission admission;
  admission.handler = &SyncApi::console;
  admission.bodyKind = BodyKind::Small;
  admission.bodyLimit = kMaxSmallBodyBytes;
  admission.refusal = notAnEndpoint(header);
  if (admission.refusal) co_return admission;
  const auto method = header.method();
  if (pathOf(header) == "/v1/console/session" && method == http::verb::post) co_return admission;
  const std::string token = consoleCookieToken(header[http::field::cookie]);
  std::function<std::optional<SessionInfo>()> work = [this, token] {
    return services_.console().session(token);
  };
  auto session = co_await onStoragePool(pool_, work);
  if (!session) {
    admission.refusal =
        errorReply(header, http::status::unauthorized, "sign_in_required",
                   "you are not signed in, or your session has ended; sign in again", false);
    co_return admission;
  }
  if (method != http::verb::get) {
    // SameSite=Strict keeps other sites' requests from carrying the cookie; the header, which
    // only the console's own scripts can read and send, is the second lock.
    const std::string host(header[http::field::host]);
    const std::string_view origin = header[http::field::origin];
    const bool sameOrigin =
        origin.empty() || origin == "http://" + host || origin == "https://" + host;
    if (!sameOrigin || !sameHash(header["X-Phum-CSRF"], consoleCsrfToken(token))) {
      admission.refusal = errorReply(
          header, http::status::forbidden, "csrf_failed",
          "this change was not sent by the console page; reload it and try again", false);
      co_return admission;
    }
  }
  const std::string_view path = pathOf(header).substr(kPrefix.size());
  if (isConsoleUpload(method, path) && session->account.role() == phum::v1::ROLE_ADMINISTRATOR) {
    admission.bodyLimit = kMaxConsoleUploadBytes;
  }
  admission.caller.session = std::move(session);
  admission.caller.consoleToken = token;
  co_return admission;
}

awaitable<Reply> SyncApi::console(const HttpRequest& request, const Caller& caller) {
  std::function<Reply()> work = [this, &request, &caller]() -> Reply {
    try {
      return consoleCall(request, caller);
    } catch (const BadRequest& e) {
      return errorReply(request, http::status::bad_request, "bad_request", e.what(), false);
    } catch (const RoleNotAllowed& e) {
      return errorReply(request, http::status::forbidden, "role_not_allowed", e.what(), false);
    } catch (const AuthError& e) {
      return errorReply(request, http::status::unauthorized, "sign_in_failed", e.what(), false);
    }
  };
  co_return co_await onStoragePool(pool_, work);
}

Reply SyncApi::consoleCall(const HttpRequest& request, const Caller& caller) {
  const std::string path(pathOf(request).substr(kPrefix.size()));
  const auto method = request.method();
  auto& console = services_.console();
  if (path == "/session") {
    if (method == http::verb::post) {
      const json body = parseBody(request);
      const std::string username = field(body, "username", true);
      if (auto refusal = tooManySignIns(request, username)) return std::move(*refusal);
      const std::int64_t lifetimeMs = options_.consoleSessionLifetimeMs;
      ConsoleSession session;
      try {
        session = console.signIn(username, field(body, "password", true), lifetimeMs,
                                 auditOrigin(request, caller));
      } catch (const AuthError&) {
        signInAttempt(request, caller, username, false, "console_sign_in");
        throw;
      }
      signInAttempt(request, caller, username, true, "console_sign_in");
      Reply reply = jsonReply({{"user", userJson(session.account)},
                               {"csrfToken", consoleCsrfToken(session.token)},
                               {"expiresAtMs", session.expiresAtMs}});
      reply.headers.emplace_back("Set-Cookie", setCookie(session.token, lifetimeMs / 1000));
      return reply;
    }
    if (method == http::verb::get) {
      return jsonReply({{"user", userJson(caller.session->account)},
                        {"csrfToken", consoleCsrfToken(caller.consoleToken)},
                        {"expiresAtMs", caller.session->expiresAtMs}});
    }
    if (method == http::verb::delete_) {
      console.signOut(caller.consoleToken, auditOrigin(request, caller));
      Reply reply = jsonReply(nullptr, http::status::no_content);
      reply.body.clear();
      reply.headers.emplace_back("Set-Cookie", setCookie("", 0));
      return reply;
    }
  }
  const auto& account = caller.session->account;
  if (method == http::verb::get && path == "/forms") {
    json forms = json::array();
    for (const auto& form : services_.catalog().listForms()) {
      forms.push_back({{"formId", form.formId},
                       {"version", form.version},
                       {"title", form.title},
                       {"publishedAtMs", form.publishedAtMs}});
    }
    return jsonReply({{"forms", std::move(forms)}});
  }
  if (method == http::verb::get && path == "/places") {
    json places = json::array();
    for (const auto& place : console.places(account, query(request, "parent"), language(request))) {
      places.push_back({{"code", place.code}, {"name", place.name}, {"level", place.level}});
    }
    return jsonReply({{"places", std::move(places)}});
  }
  if (method == http::verb::get && path == "/records") {
    const auto page = console.queue(account, queueQuery(request), language(request));
    json records = json::array();
    for (const auto& item : page.items) {
      const auto& r = item.row.record;
      records.push_back({{"uuid", r.uuid},
                         {"revision", r.revision},
                         {"formId", r.formId},
                         {"formVersion", r.formVersion},
                         {"formTitle", item.formTitle},
                         {"author", r.author},
                         {"locationCode", r.locationCode},
                         {"placeName", item.placeName},
                         {"createdAtMs", item.row.createdAtMs},
                         {"receivedAtMs", r.receivedAtMs},
                         {"state", reviewStateName(item.state)}});
    }
    return jsonReply({{"records", std::move(records)},
                      {"next", page.next ? json(encodeQueueCursor(*page.next)) : json(nullptr)}});
  }
  if (auto exported = consoleExportCall(request, caller, path)) return std::move(*exported);
  if (path.starts_with("/records/")) return consoleRecordCall(request, caller, path);
  if (path.starts_with("/reports")) return reportsCall(services_, request, account, path);
  if (path == "/duplicates" || path.starts_with("/duplicates/")) {
    return consoleDuplicatesCall(request, caller, path);
  }
  if (isConsoleAdminCall(method, path)) return consoleAdminCall(request, caller, path);
  return errorReply(request, http::status::not_found, "not_found",
                    "there is no console endpoint " + std::string(http::to_string(method)) + " " +
                        std::string(pathOf(request)),
                    false);
}

Reply SyncApi::consoleRecordCall(const HttpRequest& request, const Caller& caller,
                                 const std::string& path) {
  // /records/{uuid}[/diff | /reviews]
  const std::string rest = path.substr(std::string("/records/").size());
  const auto slash = rest.find('/');
  const std::string uuid = uuidBytes(rest.substr(0, slash));
  const std::string action = slash == std::string::npos ? "" : rest.substr(slash);
  const auto method = request.method();
  const auto& account = caller.session->account;
  auto& console = services_.console();
  const auto notFound = [&] {
    return errorReply(request, http::status::not_found, "not_found",
                      "there is no such record or revision in your area", false);
  };
  if (method == http::verb::get && action.empty()) {
    const std::string revisionText = query(request, "revision");
    std::optional<std::uint32_t> revision;
    if (!revisionText.empty()) revision = revisionParameter(revisionText, "revision");
    const auto view = console.record(account, uuid, revision, language(request));
    if (view && mayReadSensitive(account.role())) audit(request, caller, sensitiveView(*view));
    return view ? jsonReply(recordJson(*view)) : notFound();
  }
  if (method == http::verb::get && action == "/diff") {
    const auto changes =
        console.diff(account, uuid, revisionParameter(query(request, "from"), "from"),
                     revisionParameter(query(request, "to"), "to"), language(request));
    if (!changes) return notFound();
    if (mayReadSensitive(account.role())) {
      audit(request, caller,
            {.action = "sensitive_view", .subject = rest.substr(0, slash), .detail = "diff"});
    }
    json out = json::array();
    for (const auto& change : *changes) {
      out.push_back({{"name", change.name},
                     {"label", change.label},
                     {"before", change.before},
                     {"after", change.after}});
    }
    return jsonReply({{"changes", std::move(out)}});
  }
  if (method == http::verb::post && action == "/reviews") {
    const json body = parseBody(request);
    DecisionRequest decision;
    if (!body.contains("revision") || !body["revision"].is_number_unsigned()) {
      throw BadRequest("'revision' must be the revision number you reviewed");
    }
    decision.revision = body["revision"].get<std::uint32_t>();
    decision.decision = field(body, "decision", true);
    decision.comment = field(body, "comment");
    decision.reason = field(body, "reason");
    if (body.contains("notes")) {
      if (!body["notes"].is_array()) throw BadRequest("'notes' must be a list");
      for (const auto& note : body["notes"]) {
        if (!note.is_object()) throw BadRequest("each note must be {field, text}");
        decision.notes.push_back({field(note, "field", true), field(note, "text", true)});
      }
    }
    const auto result = console.decide(account, uuid, decision, auditOrigin(request, caller));
    switch (result.outcome) {
      case DecisionOutcome::NotFound:
        return notFound();
      case DecisionOutcome::StaleRevision:
        return errorReply(request, http::status::conflict, "stale_revision", result.problem, false);
      case DecisionOutcome::Invalid:
        return errorReply(request, http::status::bad_request, "bad_request", result.problem, false);
      case DecisionOutcome::Stored:
        break;
    }
    return jsonReply(
        {{"review", reviewJson(result.review, {})}, {"state", reviewStateName(result.state)}},
        http::status::created);
  }
  return errorReply(request, http::status::not_found, "not_found",
                    "there is no console endpoint " + std::string(pathOf(request)), false);
}

std::string consoleQueryParameter(const HttpRequest& request, std::string_view name) {
  return query(request, name);
}

storage::QueueQuery consoleQueueQuery(const HttpRequest& request) { return queueQuery(request); }

}  // namespace phum::server
