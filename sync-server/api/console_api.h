#pragma once
// Helpers of the /v1/console endpoints (docs/console-api.md) that need no connection: the session
// cookie and CSRF token, the queue's cursor, dates of the filters.
#include <boost/beast/http/verb.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "api/sync_api.h"
#include "storage/review_storage.h"

namespace phum::server {

inline constexpr const char* kConsoleCookie = "phum_console";
// An uploaded form workbook or reference CSV (administrators only).
inline constexpr std::uint64_t kMaxConsoleUploadBytes = 10 * 1024 * 1024;

// console_admin_api.cpp: whether `path` (after /v1/console) is an administration call, and whether
// it is one whose body is an uploaded file.
bool isConsoleAdminCall(boost::beast::http::verb method, std::string_view path);
bool isConsoleUpload(boost::beast::http::verb method, std::string_view path);

// The session token from a Cookie header, or "".
std::string consoleCookieToken(std::string_view cookieHeader);
// The CSRF token of a session: derived from the session token, so nothing more is stored and a
// reloaded page gets the same one back.
std::string consoleCsrfToken(std::string_view sessionToken);

std::string encodeQueueCursor(const storage::QueueKey& key);
std::optional<storage::QueueKey> decodeQueueCursor(std::string_view cursor);

// Midnight at the start of `date` (YYYY-MM-DD) in Cambodia (UTC+7, no daylight saving), as Unix
// epoch milliseconds; nothing when it is not such a date.
std::optional<std::int64_t> cambodianMidnightMs(std::string_view date);

// console_api.cpp: a query parameter, percent-decoded ("" when absent), and the queue's filters
// (throwing the 400 of a filter that is wrong).
std::string consoleQueryParameter(const HttpRequest& request, std::string_view name);
storage::QueueQuery consoleQueueQuery(const HttpRequest& request);
// console_export_api.cpp: the content type a console serves a record's file with, by its name.
std::string attachmentContentType(const std::string& name);

}  // namespace phum::server
