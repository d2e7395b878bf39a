// /v1/console/duplicates (GET: likely duplicate pairs in the caller's area) and
// /v1/console/duplicates/{id}/decision (POST {"decision": "confirm" | "dismiss"}). The console
// shows the two records side by side through /v1/console/records/{uuid}. docs/console-api.md.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "api/console_api.h"
#include "api/console_json.h"
#include "core/clock.h"
#include "core/uuid.h"
#include "services/reports/duplicate_review.h"
#include "services/reports/report_service.h"
#include "services/review_console.h"

namespace phum::server {

namespace http = boost::beast::http;
using nlohmann::json;

namespace {

std::string uuidText(const std::string& bytes) {
  const auto uuid = Uuid::fromBytes(bytes);
  return uuid ? uuid->toString() : std::string();
}

std::vector<std::string> splitRules(const std::string& rules) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < rules.size()) {
    const std::size_t comma = rules.find(',', start);
    out.push_back(rules.substr(start, comma == std::string::npos ? comma : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// One record of a pair: its place by name when the gazetteer has it (the code otherwise).
json sideJson(const std::string& uuid, std::uint32_t revision, std::uint32_t current,
              const std::string& location, ReviewConsole& console, const std::string& lang) {
  return {{"uuid", uuidText(uuid)},
          {"revision", revision},
          {"currentRevision", current},
          {"locationCode", location},
          {"placeName", console.placeLabel(location, lang)}};
}

json pairJson(const storage::DuplicatePair& pair, ReviewConsole& console, const std::string& lang) {
  return {
      {"id", pair.id},
      {"formId", pair.formId},
      {"first",
       sideJson(pair.uuidA, pair.revisionA, pair.currentRevisionA, pair.locationA, console, lang)},
      {"second",
       sideJson(pair.uuidB, pair.revisionB, pair.currentRevisionB, pair.locationB, console, lang)},
      {"score", pair.score},
      {"rules", splitRules(pair.rules)},
      {"state", pair.state},
      {"reviewer", pair.reviewer},
      {"foundAtMs", pair.foundAtMs},
      {"decidedAtMs", pair.decidedAtMs},
      // A record got a newer revision after the pair was decided: worth another look.
      {"changedSinceDecision", pair.state != "open" && (pair.currentRevisionA > pair.revisionA ||
                                                        pair.currentRevisionB > pair.revisionB)}};
}

// A whole number in a path or query: the pair's number, a page bound or size.
std::int64_t numberIn(const std::string& text, const std::string& what) {
  std::int64_t number = 0;
  for (const char c : text) {
    if (c < '0' || c > '9' || number > (INT64_MAX - 9) / 10) {
      throw BadRequest("'" + text + "' is not a number (" + what + ")");
    }
    number = number * 10 + (c - '0');
  }
  if (text.empty()) throw BadRequest(what + " is missing");
  return number;
}

std::int64_t optionalNumber(const HttpRequest& request, const char* name, std::int64_t otherwise) {
  const std::string text = query(request, name);
  return text.empty() ? otherwise : numberIn(text, std::string("'") + name + "'");
}

json boundJson(const std::optional<std::int64_t>& bound) {
  return bound ? json(*bound) : json(nullptr);
}

}  // namespace

Reply SyncApi::consoleDuplicatesCall(const HttpRequest& request, const Caller& caller,
                                     const std::string& path) {
  const auto method = request.method();
  const auto& account = caller.session->account;
  auto& db = services_.database();
  try {
    if (path == "/duplicates" && method == http::verb::get) {
      // The pairs of the records pushed since the last background refresh too.
      if (mayReadSensitive(account.role())) services_.reports().refresh();
      reports::DuplicateListQuery listQuery;
      // Open pairs unless asked otherwise; "all" for every state.
      const std::string state = query(request, "state");
      listQuery.state = state.empty() ? "open" : state == "all" ? "" : state;
      listQuery.place = query(request, "place");
      listQuery.page.beforeId = optionalNumber(request, "before", 0);
      listQuery.page.afterId = optionalNumber(request, "after", 0);
      // A huge number is refused as any other size outside the page's range.
      listQuery.page.limit = static_cast<int>(
          std::min<std::int64_t>(optionalNumber(request, "limit", 100), INT32_MAX));
      const auto list = reports::listDuplicates(db, account, listQuery);
      const std::string lang = language(request);
      json pairs = json::array();
      for (const auto& pair : list.pairs)
        pairs.push_back(pairJson(pair, services_.console(), lang));
      return jsonReply({{"pairs", std::move(pairs)},
                        {"next", boundJson(list.next)},
                        {"previous", boundJson(list.previous)}});
    }
    const std::string prefix = "/duplicates/", suffix = "/decision";
    if (method == http::verb::post && path.starts_with(prefix) && path.ends_with(suffix) &&
        path.size() > prefix.size() + suffix.size()) {
      const std::int64_t id = numberIn(
          path.substr(prefix.size(), path.size() - prefix.size() - suffix.size()), "the pair");
      const std::string decision = field(parseBody(request), "decision", true);
      const auto pair = reports::decideDuplicate(db, account, id, decision, nowMillis(),
                                                 auditOrigin(request, caller));
      if (!pair) {
        return errorReply(request, http::status::not_found, "not_found",
                          "there is no such pair in your area", false);
      }
      return jsonReply({{"pair", pairJson(*pair, services_.console(), language(request))}});
    }
  } catch (const std::invalid_argument& e) {
    return errorReply(request, http::status::bad_request, "bad_request", e.what(), false);
  }
  return errorReply(request, http::status::not_found, "not_found",
                    "there is no console endpoint " + std::string(http::to_string(method)) + " " +
                        std::string(pathOf(request)),
                    false);
}

}  // namespace phum::server
