// /v1/console/duplicates (GET: likely duplicate pairs in the caller's area) and
// /v1/console/duplicates/{id}/decision (POST {"decision": "confirm" | "dismiss"}). The console
// shows the two records side by side through /v1/console/records/{uuid}. docs/console-api.md.
#include <nlohmann/json.hpp>

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

json pairJson(const storage::DuplicatePair& pair) {
  return {{"id", pair.id},
          {"formId", pair.formId},
          {"first",
           {{"uuid", uuidText(pair.uuidA)},
            {"revision", pair.revisionA},
            {"locationCode", pair.locationA}}},
          {"second",
           {{"uuid", uuidText(pair.uuidB)},
            {"revision", pair.revisionB},
            {"locationCode", pair.locationB}}},
          {"score", pair.score},
          {"rules", splitRules(pair.rules)},
          {"state", pair.state},
          {"reviewer", pair.reviewer},
          {"foundAtMs", pair.foundAtMs},
          {"decidedAtMs", pair.decidedAtMs}};
}

std::int64_t pairId(const std::string& text) {
  std::int64_t id = 0;
  for (const char c : text) {
    if (c < '0' || c > '9' || id > (INT64_MAX - 9) / 10) {
      throw BadRequest("'" + text + "' is not the number of a pair");
    }
    id = id * 10 + (c - '0');
  }
  if (text.empty()) throw BadRequest("the pair's number is missing");
  return id;
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
      json pairs = json::array();
      for (const auto& pair : reports::listDuplicates(db, account, listQuery)) {
        pairs.push_back(pairJson(pair));
      }
      return jsonReply({{"pairs", std::move(pairs)}});
    }
    const std::string prefix = "/duplicates/", suffix = "/decision";
    if (method == http::verb::post && path.starts_with(prefix) && path.ends_with(suffix) &&
        path.size() > prefix.size() + suffix.size()) {
      const std::int64_t id =
          pairId(path.substr(prefix.size(), path.size() - prefix.size() - suffix.size()));
      const std::string decision = field(parseBody(request), "decision", true);
      const auto pair = reports::decideDuplicate(db, account, id, decision, nowMillis(),
                                                 auditOrigin(request, caller));
      if (!pair) {
        return errorReply(request, http::status::not_found, "not_found",
                          "there is no such pair in your area", false);
      }
      return jsonReply({{"pair", pairJson(*pair)}});
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
