// Authentication of the /v1 endpoints: the enrolled device (X-Phum-Device) and the signed-in user
// (Authorization: Bearer). 401 when a credential is missing or wrong, 403 when it is valid but not
// allowed; neither carries any data.
#include "api/storage_pool.h"
#include "api/sync_api.h"
#include "common/json_log.h"

namespace phum::server {

namespace http = boost::beast::http;
using boost::asio::awaitable;

namespace {

struct DeviceCredential {
  std::string deviceId;
  std::string secret;
};

std::optional<DeviceCredential> parseDeviceHeader(std::string_view header) {
  const auto dot = header.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == header.size()) return std::nullopt;
  return DeviceCredential{std::string(header.substr(0, dot)), std::string(header.substr(dot + 1))};
}

std::string bearerToken(std::string_view header) {
  constexpr std::string_view kPrefix = "Bearer ";
  if (!header.starts_with(kPrefix)) return {};
  return std::string(header.substr(kPrefix.size()));
}

}  // namespace

awaitable<std::optional<Reply>> SyncApi::authenticate(const HttpRequest& request, bool needUser,
                                                      Caller& caller) {
  const auto credential = parseDeviceHeader(request["X-Phum-Device"]);
  if (options_.open) {
    if (credential) caller.deviceId = credential->deviceId;
    co_return std::nullopt;
  }
  if (!credential) {
    co_return errorReply(request, http::status::unauthorized, "device_not_enrolled",
                         "this tablet has not identified itself (X-Phum-Device is missing); enrol "
                         "it with a code from the administrator",
                         false);
  }
  const std::string token = bearerToken(request[http::field::authorization]);
  std::function<Authentication()> work = [this, &credential, token, needUser] {
    return services_.accounts().authenticate(credential->deviceId, credential->secret,
                                             needUser ? token : std::string());
  };
  const auto outcome = co_await onStoragePool(pool_, work);
  if (outcome.device == DeviceCheck::Unknown) {
    co_return errorReply(request, http::status::unauthorized, "device_not_enrolled",
                         "the server does not recognise this tablet's enrolment; enrol it again "
                         "with a code from the administrator",
                         false);
  }
  if (outcome.device == DeviceCheck::Revoked) {
    logEvent("warn", "revoked_device", {{"device", credential->deviceId}});
    co_return errorReply(request, http::status::forbidden, "device_revoked",
                         "this tablet was revoked by the administrator and may not sync", false);
  }
  caller.deviceId = credential->deviceId;
  if (!needUser) co_return std::nullopt;
  if (!outcome.session || outcome.session->deviceId != caller.deviceId) {
    co_return errorReply(request, http::status::unauthorized, "sign_in_required",
                         token.empty() ? "no user is signed in; sign in online once to sync"
                                       : "the sign-in has expired or was ended; sign in again",
                         false);
  }
  if (request.method() == http::verb::post) {
    if (auto refusal = whyNotSendRecords(outcome.session->account)) {
      co_return errorReply(request, http::status::forbidden, "role_not_allowed", *refusal, false);
    }
  }
  caller.session = outcome.session;
  co_return std::nullopt;
}

}  // namespace phum::server
