// The API's one way into the audit log (services/audit_log.h): each audited endpoint calls
// SyncApi::audit once, and who, which tablet and from where are filled in here.
#include "api/sync_api.h"
#include "core/clock.h"
#include "http/client_address.h"

namespace phum::server {

namespace http = boost::beast::http;

AuditOrigin SyncApi::auditOrigin(const HttpRequest& request, const Caller& caller) {
  return {caller.session ? caller.session->account.username() : "", caller.deviceId,
          std::string(request[kClientAddressHeader])};
}

void SyncApi::audit(const HttpRequest& request, const Caller& caller, AuditEvent event) {
  const AuditOrigin origin = auditOrigin(request, caller);
  if (event.actor.empty()) event.actor = origin.actor;
  if (event.deviceId.empty()) event.deviceId = origin.deviceId;
  event.remoteAddress = origin.remoteAddress;
  services_.audit().record(event);
}

std::optional<Reply> SyncApi::tooManySignIns(const HttpRequest& request,
                                             const std::string& username) {
  const auto wait = signInLimits_.retryAfterSeconds(
      username, std::string(request[kClientAddressHeader]), nowMillis());
  if (!wait) return std::nullopt;
  const std::int64_t minutes = (*wait + 59) / 60;
  Reply reply = errorReply(request, http::status::too_many_requests, "too_many_sign_ins",
                           "too many failed sign-ins for this user or from this address; wait " +
                               std::to_string(minutes) + " minute(s) and try again",
                           true);
  reply.headers.emplace_back("Retry-After", std::to_string(*wait));
  return reply;
}

void SyncApi::signInAttempt(const HttpRequest& request, const Caller& caller,
                            const std::string& username, bool succeeded,
                            const std::string& action) {
  if (succeeded) {  // audited in the session's own transaction (AccountService::signIn)
    signInLimits_.succeeded(username);
    return;
  }
  AuditOrigin origin = auditOrigin(request, caller);
  origin.actor = username;
  signInLimits_.failed(username, origin.remoteAddress, nowMillis(),
                       origin.event(action + "_failed"));
}

}  // namespace phum::server
