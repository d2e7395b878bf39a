#include "api/console_json.h"

#include "services/review_console.h"

namespace phum::server {

namespace http = boost::beast::http;
using nlohmann::json;

Reply jsonReply(const json& body, http::status status) {
  Reply reply;
  reply.status = status;
  reply.contentType = "application/json; charset=utf-8";
  reply.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  reply.headers.emplace_back("Cache-Control", "no-store");
  return reply;
}

std::string_view pathOf(const HttpRequest& request) {
  const std::string_view target = request.target();
  return target.substr(0, target.find('?'));
}

std::string percentDecoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] == '%' && i + 2 < text.size()) {
      const auto hex = std::string(text.substr(i + 1, 2));
      out.push_back(static_cast<char>(std::strtol(hex.c_str(), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string query(const HttpRequest& request, std::string_view name) {
  const std::string_view target = request.target();
  const auto question = target.find('?');
  if (question == std::string_view::npos) return {};
  std::string_view rest = target.substr(question + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const auto equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
      return percentDecoded(pair.substr(equals + 1));
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return {};
}

std::string language(const HttpRequest& request) {
  return query(request, "lang") == "en" ? "en" : "km";
}

json parseBody(const HttpRequest& request) {
  json body = json::parse(request.body(), nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    throw BadRequest("the request body must be a JSON object");
  }
  return body;
}

std::string field(const json& body, const char* name, bool required) {
  const auto found = body.find(name);
  if (found == body.end() || found->is_null()) {
    if (required) throw BadRequest(std::string("'") + name + "' is required");
    return {};
  }
  if (!found->is_string()) throw BadRequest(std::string("'") + name + "' must be text");
  return found->get<std::string>();
}

json userJson(const phum::v1::Account& account) {
  return {{"username", account.username()},
          {"displayName", account.display_name()},
          {"role", roleName(account.role())},
          {"scope", account.scope_code()}};
}

}  // namespace phum::server
