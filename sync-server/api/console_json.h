#pragma once
// The JSON and HTTP plumbing every /v1/console endpoint file shares (console_api.cpp,
// console_admin_api.cpp): replies, the query string, the body's fields.
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

#include "api/sync_api.h"

namespace phum::server {

// A request the console answers with 400, naming what is wrong.
class BadRequest : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

Reply jsonReply(const nlohmann::json& body,
                boost::beast::http::status status = boost::beast::http::status::ok);
std::string_view pathOf(const HttpRequest& request);
std::string percentDecoded(std::string_view text);
// The decoded value of query parameter `name`, or "".
std::string query(const HttpRequest& request, std::string_view name);
// "en" when the query asks for it, else "km".
std::string language(const HttpRequest& request);
// The body as a JSON object; throws BadRequest otherwise.
nlohmann::json parseBody(const HttpRequest& request);
// A text field of `body`: "" when absent; throws BadRequest when required and absent, or not text.
std::string field(const nlohmann::json& body, const char* name, bool required = false);
nlohmann::json userJson(const phum::v1::Account& account);

}  // namespace phum::server
