#pragma once
// /v1/console/reports/...: the reports' JSON and CSV (docs/console-api.md, Reports), and Chart.js
// for the reports page. Called from SyncApi::consoleCall with a signed-in console session.
#include "api/sync_api.h"

namespace phum::server {

// `path` is below /v1/console (it starts with "/reports").
Reply reportsCall(Services& services, const HttpRequest& request, const phum::v1::Account& account,
                  const std::string& path);

}  // namespace phum::server
