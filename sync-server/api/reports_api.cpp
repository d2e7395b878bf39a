#include "api/reports_api.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "http/client_address.h"
#include "services/reports/htcds_export.h"
#include "services/reports/report_labels.h"
#include "services/reports/report_service.h"

namespace phum::server {

namespace http = boost::beast::http;
using nlohmann::json;

namespace {

// Chart.js comes from Debian's libjs-chart.js (scripts/setup.sh), read from where the package
// installs it: security updates of the package reach the console without rebuilding phum-server,
// and the server's binary stays free of a 200 KB third-party file.
constexpr const char* kChartJsPaths[] = {"/usr/share/javascript/chart.js/chart.min.js",
                                         "/usr/share/javascript/chart.js/Chart.min.js"};

std::string queryValue(const HttpRequest& request, std::string_view name) {
  const std::string_view target = request.target();
  const auto question = target.find('?');
  if (question == std::string_view::npos) return {};
  std::string_view rest = target.substr(question + 1);
  while (!rest.empty()) {
    const std::string_view pair = rest.substr(0, rest.find('&'));
    const auto equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
      // Report parameters are dates, digits and words: nothing to percent-decode but '-'.
      return std::string(pair.substr(equals + 1));
    }
    if (pair.size() == rest.size()) break;
    rest.remove_prefix(pair.size() + 1);
  }
  return {};
}

Reply reply(std::string body, std::string contentType) {
  Reply out;
  out.contentType = std::move(contentType);
  out.body = std::move(body);
  out.headers.emplace_back("Cache-Control", "no-store");
  return out;
}

json published(const reports::Published& value) { return value ? json(*value) : json(nullptr); }

json sectionJson(const reports::ReportSection& section) {
  const auto& t = section.table;
  json columns = json::array();
  for (const auto& column : section.columns) {
    columns.push_back({{"key", column.key}, {"label", column.label}, {"stack", column.stack}});
  }
  json rows = json::array();
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    json cells = json::array();
    for (const auto& value : t.cells[r]) cells.push_back(published(value));
    rows.push_back({{"key", t.rows[r]},
                    {"label", section.rowLabels[r]},
                    {"cells", std::move(cells)},
                    {"total", published(t.rowTotals[r])}});
  }
  json totals = json::array();
  for (const auto& value : t.columnTotals) totals.push_back(published(value));
  const auto mean = [](const std::optional<double>& value) {
    return value ? json(*value) : json(nullptr);
  };
  json means = json::array();
  for (const auto& value : section.rowMeans) means.push_back(mean(value));
  const char* percent = section.percent == reports::ReportSection::Percent::OfColumn  ? "column"
                        : section.percent == reports::ReportSection::Percent::OfTotal ? "total"
                                                                                      : "none";
  return {{"key", section.key},
          {"title", section.title},
          {"rowHeader", section.rowHeader},
          {"columns", std::move(columns)},
          {"rows", std::move(rows)},
          {"columnTotals", std::move(totals)},
          {"total", published(t.total)},
          {"percent", percent},
          {"flagged", section.flaggedRows},
          {"note", section.note},
          {"meanHeader", section.meanHeader},
          {"rowMeans", std::move(means)},
          {"totalMean", mean(section.totalMean)},
          {"withheld", t.withheld}};
}

json reportJson(const reports::Report& report) {
  json sections = json::array();
  for (const auto& section : report.sections) sections.push_back(sectionJson(section));
  json means = json::array();
  for (const auto& [label, mean] : report.means) {
    means.push_back({{"label", label}, {"mean", mean ? json(*mean) : json(nullptr)}});
  }
  return {{"key", report.key},
          {"title", report.title},
          {"approvedOnly", true},
          {"threshold", reports::kSmallCell},
          {"notice", report.notice},
          {"totalLabel", report.totalLabel},
          {"filter",
           {{"from", report.filter.from},
            {"to", report.filter.to},
            {"province", report.filter.province},
            {"district", report.filter.district},
            {"commune", report.filter.commune}}},
          {"sections", std::move(sections)},
          {"meanAge", std::move(means)}};
}

// Read once and kept: the page loads it on every report, and the package changes only with an
// upgrade (which restarts the server).
const std::string* chartJsBytes() {
  static const std::optional<std::string> bytes = []() -> std::optional<std::string> {
    for (const char* path : kChartJsPaths) {
      std::ifstream file(path, std::ios::binary);
      if (!file) continue;
      std::ostringstream text;
      text << file.rdbuf();
      return text.str();
    }
    return std::nullopt;
  }();
  return bytes ? &*bytes : nullptr;
}

Reply chartJs(const HttpRequest& request) {
  if (const std::string* bytes = chartJsBytes()) {
    Reply out;
    out.contentType = "text/javascript; charset=utf-8";
    out.body = *bytes;
    // The same bytes for every signed-in user: the browser may keep them for a day.
    out.headers.emplace_back("Cache-Control", "private, max-age=86400");
    out.headers.emplace_back("X-Content-Type-Options", "nosniff");
    return out;
  }
  return errorReply(request, http::status::not_found, "chart_library_missing",
                    "the server has no Chart.js: install the Debian package libjs-chart.js "
                    "(scripts/setup.sh does)",
                    false);
}

json watchJson(Services& services) {
  json history = json::array();
  for (const auto& change : services.agencyWatch().history("")) {
    history.push_back({{"licence", change.licence},
                       {"watch", change.watch},
                       {"reason", change.reason},
                       {"reviewer", change.reviewer},
                       {"atMs", change.atMs}});
  }
  return {{"watched", services.agencyWatch().watched()}, {"history", std::move(history)}};
}

// /reports/agencies/watch (GET: the list and its history) and
// /reports/agencies/{licence}/watch (POST {"watch": true|false, "reason": "..."}).
Reply agencyWatchCall(Services& services, const HttpRequest& request,
                      const phum::v1::Account& account, const std::string& path) {
  const std::string rest = path.substr(std::string("/reports/agencies/").size());
  const std::string licence = rest == "watch" ? rest : rest.substr(0, rest.size() - 6);
  if (request.method() == http::verb::get && licence == "watch") {
    return reply(watchJson(services).dump(-1, ' ', false, json::error_handler_t::replace),
                 "application/json; charset=utf-8");
  }
  if (request.method() != http::verb::post || licence.empty() || licence == "watch") {
    return errorReply(request, http::status::not_found, "not_found",
                      "raise or clear a flag with POST /v1/console/reports/agencies/LICENCE/watch",
                      false);
  }
  if (account.role() != phum::v1::ROLE_REVIEWER && account.role() != phum::v1::ROLE_ADMINISTRATOR) {
    return errorReply(request, http::status::forbidden, "role_not_allowed",
                      "only reviewers and administrators raise or clear a watch flag", false);
  }
  const json body = json::parse(request.body(), nullptr, false);
  if (!body.is_object() || !body.contains("watch") || !body["watch"].is_boolean() ||
      (body.contains("reason") && !body["reason"].is_string())) {
    return errorReply(request, http::status::bad_request, "bad_request",
                      "send {\"watch\": true or false, \"reason\": \"why\"}", false);
  }
  try {
    const auto state = services.agencyWatch().setWatch(
        {licence,
         body["watch"].get<bool>(),
         body.value("reason", std::string()),
         account.username(),
         {account.username(), "", std::string(request[kClientAddressHeader])}});
    return reply(json({{"licence", state.licence},
                       {"watched", state.watched},
                       {"changeSeq", state.changeSeq}})
                     .dump(),
                 "application/json; charset=utf-8");
  } catch (const reports::ReportRequestError& e) {
    return errorReply(request, http::status::bad_request, "bad_request", e.what(), false);
  }
}

}  // namespace

Reply reportsCall(Services& services, const HttpRequest& request, const phum::v1::Account& account,
                  const std::string& path) {
  if (path.starts_with("/reports/agencies/") && path.ends_with("/watch")) {
    return agencyWatchCall(services, request, account, path);
  }
  if (request.method() != http::verb::get) {
    return errorReply(request, http::status::method_not_allowed, "method_not_allowed",
                      "reports are only read (GET)", false);
  }
  const std::string language = queryValue(request, "lang") == "en" ? "en" : "km";
  if (path == "/reports") {
    json list = json::array();
    for (const auto& key : reports::reportKeys()) {
      list.push_back(
          {{"key", key}, {"title", reports::ReportLabels(services.catalog(), language).word(key)}});
    }
    return reply(json({{"reports", std::move(list)}}).dump(), "application/json; charset=utf-8");
  }
  if (path == "/reports/chart.js") return chartJs(request);
  const std::string key = path.substr(std::string("/reports/").size());
  reports::ReportFilter filter;
  filter.from = queryValue(request, "from");
  filter.to = queryValue(request, "to");
  filter.province = queryValue(request, "province");
  filter.district = queryValue(request, "district");
  filter.commune = queryValue(request, "commune");
  try {
    if (key == "htcds.csv") {
      // Trafficking cases for HTCDS partners (CTDC): approved cases in the caller's area.
      Reply out = reply(reports::htcdsCsv(services.database(),
                                          reports::effectivePlace(filter, account.scope_code())),
                        "text/csv; charset=utf-8");
      out.headers.emplace_back("Content-Disposition",
                               "attachment; filename=\"phum-trafficking-htcds.csv\"");
      return out;
    }
    const auto report = services.reports().build(key, filter, account.scope_code(), language);
    if (queryValue(request, "format") == "csv") {
      Reply out = reply(reports::reportCsv(report), "text/csv; charset=utf-8");
      out.headers.emplace_back("Content-Disposition",
                               "attachment; filename=\"phum-" + key + ".csv\"");
      return out;
    }
    return reply(reportJson(report).dump(-1, ' ', false, json::error_handler_t::replace),
                 "application/json; charset=utf-8");
  } catch (const reports::ReportRequestError& e) {
    return errorReply(request, http::status::bad_request, "bad_request", e.what(), false);
  }
}

}  // namespace phum::server
