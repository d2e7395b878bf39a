// /v1/console administration (docs/console-api.md): users, devices and enrolment codes, form
// uploads, reference data. Administrators only, checked here on every call. The work goes through
// the same services and reports as phum-admin, so the console and the command line agree.
#include <algorithm>

#include "api/console_api.h"
#include "api/console_json.h"
#include "core/clock.h"
#include "forms/form_summary.h"
#include "forms/xlsform_compiler.h"
#include "refdata/csv.h"
#include "services/enrollment_qr.h"
#include "services/reference_import.h"

namespace phum::server {

namespace http = boost::beast::http;
using nlohmann::json;

namespace {

// As phum-admin devices enroll-code: a week to set the tablet up.
constexpr std::int64_t kEnrolmentCodeValidMs = 7LL * 24 * 3600 * 1000;
// Changed keys listed in a reference data import's answer; the counts are always whole.
constexpr std::size_t kListedKeys = 200;

Reply notFound(const HttpRequest& request, const std::string& message) {
  return errorReply(request, http::status::not_found, "not_found", message, false);
}

// An error body ({code, message, retryable}) with more fields for the page to show.
Reply detailedError(http::status status, const std::string& code, const std::string& message,
                    json details) {
  details["code"] = code;
  details["message"] = message;
  details["retryable"] = false;
  return jsonReply(details, status);
}

// The path segment after `prefix` ("/users/sokha" -> "sokha"), decoded.
std::string segmentAfter(const std::string& path, std::string_view prefix) {
  std::string rest = path.substr(prefix.size());
  return percentDecoded(rest.substr(0, rest.find('/')));
}

phum::v1::Role roleField(const json& body) {
  const auto role = parseRole(field(body, "role", true));
  if (!role) {
    throw BadRequest(
        "'role' must be one of enumerator, outreach_worker, counsellor, reviewer, administrator");
  }
  return *role;
}

json accountJson(const AccountRecord& record) {
  json user = userJson(record.account);
  user["disabled"] = record.disabled;
  return user;
}

Reply createUser(const HttpRequest& request, AccountService& accounts, const AuditOrigin& origin) {
  const json body = parseBody(request);
  phum::v1::Account account;
  account.set_username(field(body, "username", true));
  account.set_display_name(field(body, "displayName"));
  if (account.display_name().empty()) account.set_display_name(account.username());
  account.set_role(roleField(body));
  account.set_scope_code(field(body, "scope", true));
  try {
    accounts.addAccount(account, field(body, "password", true), origin);
  } catch (const AccountExists& e) {
    return errorReply(request, http::status::conflict, "user_exists", e.what(), false);
  } catch (const std::invalid_argument& e) {
    throw BadRequest(e.what());
  }
  return jsonReply(accountJson({account, false}), http::status::created);
}

// PATCH /users/{username} {displayName?, role?, scope?, password?, disabled?}
Reply changeUser(const HttpRequest& request, AccountService& accounts, const std::string& username,
                 const phum::v1::Account& caller, const AuditOrigin& origin) {
  const json body = parseBody(request);
  for (const auto& [key, value] : body.items()) {
    static const std::vector<std::string> known = {"displayName", "role", "scope", "password",
                                                   "disabled"};
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      throw BadRequest("'" + key + "' cannot be changed; send displayName, role, scope, password" +
                       " or disabled");
    }
  }
  if (body.contains("disabled") && !body["disabled"].is_boolean()) {
    throw BadRequest("'disabled' must be true or false");
  }
  AccountChange change;
  if (body.contains("displayName")) change.displayName = field(body, "displayName");
  if (body.contains("role")) change.role = roleField(body);
  if (body.contains("scope")) change.scope = field(body, "scope", true);
  if (body.contains("password")) change.password = field(body, "password", true);
  if (body.contains("disabled")) change.disabled = body["disabled"].get<bool>();
  const bool disable = change.disabled.value_or(false);
  // An administrator who locked themselves out would need the command line to get back in.
  if (username == caller.username() &&
      (disable || (change.role && *change.role != phum::v1::ROLE_ADMINISTRATOR))) {
    throw BadRequest(
        "you cannot disable your own account or take away your own administrator"
        " role; ask another administrator");
  }
  std::optional<AccountRecord> changed;
  try {
    changed = accounts.changeAccount(username, change, origin);
  } catch (const std::invalid_argument& e) {
    throw BadRequest(e.what());
  }
  if (!changed) return notFound(request, "there is no user '" + username + "'");
  return jsonReply(accountJson(*changed));
}

Reply usersCall(const HttpRequest& request, AccountService& accounts, const std::string& path,
                const phum::v1::Account& caller, const AuditOrigin& origin) {
  const auto method = request.method();
  if (path == "/users" && method == http::verb::get) {
    json users = json::array();
    for (const auto& record : accounts.listAccounts()) users.push_back(accountJson(record));
    return jsonReply({{"users", std::move(users)}});
  }
  if (path == "/users" && method == http::verb::post) return createUser(request, accounts, origin);
  if (path.starts_with("/users/") && method == http::verb::patch) {
    return changeUser(request, accounts, segmentAfter(path, "/users/"), caller, origin);
  }
  return notFound(request, "there is no console endpoint " + std::string(pathOf(request)));
}

Reply devicesCall(const HttpRequest& request, AccountService& accounts, const std::string& path,
                  const std::string& keyPin, const AuditOrigin& origin) {
  const auto method = request.method();
  if (path == "/devices" && method == http::verb::get) {
    json devices = json::array();
    for (const auto& device : accounts.listDevices()) {
      devices.push_back(
          {{"deviceId", device.deviceId},
           {"name", device.name},
           {"enrolledAtMs", device.enrolledAtMs},
           {"revokedAtMs", device.revokedAtMs ? json(*device.revokedAtMs) : json()},
           {"lastContactAtMs", device.lastContactAtMs ? json(*device.lastContactAtMs) : json()}});
    }
    return jsonReply({{"devices", std::move(devices)}});
  }
  if (path == "/devices/enrolment-codes" && method == http::verb::post) {
    const json body = parseBody(request);
    const std::string name = field(body, "name", true);
    if (name.empty()) throw BadRequest("give the device a name, e.g. the place it will work in");
    const std::string code = accounts.createEnrollmentCode(name, kEnrolmentCodeValidMs, origin);
    const std::string payload = enrollmentPayload(code, field(body, "serverUrl"), keyPin);
    return jsonReply({{"code", code},
                      {"name", name},
                      {"payload", payload},
                      {"expiresAtMs", nowMillis() + kEnrolmentCodeValidMs},
                      {"qrSvg", renderQrSvg(payload)}},
                     http::status::created);
  }
  if (path.starts_with("/devices/") && path.ends_with("/revoke") && method == http::verb::post) {
    const std::string deviceId = segmentAfter(path, "/devices/");
    if (!accounts.revokeDevice(deviceId, origin)) {
      return notFound(request, "there is no device '" + deviceId + "'");
    }
    return jsonReply({{"deviceId", deviceId}, {"revoked", true}});
  }
  return notFound(request, "there is no console endpoint " + std::string(pathOf(request)));
}

// The uploaded file's name (?name=), for the compiler's messages: its last path segment.
std::string uploadName(const HttpRequest& request, const std::string& fallback) {
  std::string name = query(request, "name");
  name = name.substr(name.find_last_of("/\\") + 1);
  return name.empty() ? fallback : name;
}

// POST /forms/check and POST /forms: the body is the .xlsx (or .xlsform.md) file. A publish is
// audited by `origin` in its own transaction.
Reply formUpload(const HttpRequest& request, CatalogService& catalog, bool publish,
                 const AuditOrigin& origin) {
  const std::string sourceName = uploadName(request, "form.xlsx");
  forms::CompileResult result;
  try {
    result = forms::compileWorkbook(forms::loadWorkbookBytes(request.body(), sourceName));
  } catch (const forms::FormReadError& e) {
    return detailedError(http::status::unprocessable_entity, "form_unreadable", e.what(),
                         {{"ok", false}, {"messages", json::array({e.what()})}});
  }
  json answer = {{"ok", result.ok()},
                 {"messages", forms::compileReport(result, sourceName)},
                 {"formId", result.form.form_id()},
                 {"version", result.form.version()},
                 {"title", result.form.title()}};
  if (!result.ok()) {
    if (!publish) return jsonReply(answer);
    return detailedError(http::status::unprocessable_entity, "form_has_errors",
                         answer["messages"].back().get<std::string>() + "; nothing was published",
                         answer);
  }
  answer["summary"] = forms::describeForm(result.form);
  if (!publish) return jsonReply(answer);
  const PublishOutcome outcome = catalog.publishForm(result.form, origin);
  const std::string message = publishMessage(result.form, outcome);
  if (outcome == PublishOutcome::DifferentContent) {
    return detailedError(http::status::conflict, "form_version_differs", message, answer);
  }
  answer["published"] = outcome == PublishOutcome::Published;
  answer["summary"] = message + "\n" + answer["summary"].get<std::string>();
  return jsonReply(answer,
                   outcome == PublishOutcome::Published ? http::status::created : http::status::ok);
}

json keysJson(const std::vector<std::string>& keys) {
  const auto end = keys.begin() + static_cast<std::ptrdiff_t>(std::min(keys.size(), kListedKeys));
  return json(std::vector<std::string>(keys.begin(), end));
}

// POST /refdata/{dataset}: the body is that dataset's CSV, as phum-admin refdata import reads it.
Reply referenceUpload(const HttpRequest& request, CatalogService& catalog, const std::string& name,
                      const AuditOrigin& origin) {
  const auto kind = refdata::datasetKindFromName(name);
  if (!kind) {
    throw BadRequest("there is no reference dataset '" + name +
                     "'; use gazetteer, agencies, crossing_points or referral_directory");
  }
  const std::string fileName = std::string(refdata::datasetFileName(*kind));
  refdata::ImportResult imported;
  try {
    const refdata::Dataset gazetteer = storedDataset(catalog, "gazetteer");
    imported = refdata::importDataset(*kind, refdata::parseCsv(request.body(), fileName),
                                      gazetteer.rows.empty() ? nullptr : &gazetteer);
  } catch (const refdata::CsvError& e) {
    return detailedError(http::status::unprocessable_entity, "refdata_invalid", e.what(),
                         {{"issues", json::array({e.what()})}});
  }
  if (!imported.ok()) {
    json issues = json::array();
    for (const auto& issue : imported.issues) issues.push_back(issue.toString());
    return detailedError(http::status::unprocessable_entity, "refdata_invalid",
                         fileName + ": " + std::to_string(issues.size()) +
                             " problem(s); nothing was imported. Fix the file and import again.",
                         {{"issues", std::move(issues)}});
  }
  const ReferenceImport result = importReferenceDataset(catalog, imported.dataset, origin);
  return jsonReply({{"dataset", result.dataset},
                    {"rows", result.rows},
                    {"summary", result.summary()},
                    {"addedCount", result.diff.added.size()},
                    {"changedCount", result.diff.changed.size()},
                    {"removedCount", result.diff.deleted.size()},
                    {"added", keysJson(result.diff.added)},
                    {"changed", keysJson(result.diff.changed)},
                    {"removed", keysJson(result.diff.deleted)}});
}

Reply catalogCall(const HttpRequest& request, CatalogService& catalog, const std::string& path,
                  const AuditOrigin& origin) {
  const auto method = request.method();
  if (path == "/forms/check" && method == http::verb::post) {
    return formUpload(request, catalog, false, origin);
  }
  if (path == "/forms" && method == http::verb::post)
    return formUpload(request, catalog, true, origin);
  if (path == "/refdata" && method == http::verb::get) {
    json datasets = json::array();
    for (const auto& dataset : catalog.listReferenceDatasets()) {
      datasets.push_back({{"name", dataset.name},
                          {"rows", dataset.rows},
                          {"lastChangeSeq", dataset.lastChangeSeq}});
    }
    return jsonReply({{"datasets", std::move(datasets)}});
  }
  if (path.starts_with("/refdata/") && method == http::verb::post) {
    return referenceUpload(request, catalog, segmentAfter(path, "/refdata/"), origin);
  }
  return notFound(request, "there is no console endpoint " + std::string(pathOf(request)));
}

}  // namespace

bool isConsoleAdminCall(http::verb method, std::string_view path) {
  return path.starts_with("/users") || path.starts_with("/devices") ||
         path.starts_with("/refdata") || path == "/forms/check" ||
         (path == "/forms" && method == http::verb::post);
}

bool isConsoleUpload(http::verb method, std::string_view path) {
  return method == http::verb::post &&
         (path == "/forms/check" || path == "/forms" || path.starts_with("/refdata/"));
}

Reply SyncApi::consoleAdminCall(const HttpRequest& request, const Caller& caller,
                                const std::string& path) {
  const auto& account = caller.session->account;
  if (account.role() != phum::v1::ROLE_ADMINISTRATOR) {
    throw RoleNotAllowed(
        "only an administrator manages users, devices, forms and reference data; your role is " +
        roleName(account.role()));
  }
  const AuditOrigin origin = auditOrigin(request, caller);
  if (path.starts_with("/users"))
    return usersCall(request, services_.accounts(), path, account, origin);
  if (path.starts_with("/devices")) {
    return devicesCall(request, services_.accounts(), path, options_.serverKeyPin, origin);
  }
  // Forms and reference data are audited by CatalogService in the change's own transaction, as
  // accounts, devices and enrolment codes are by AccountService.
  return catalogCall(request, services_.catalog(), path, origin);
}

}  // namespace phum::server
