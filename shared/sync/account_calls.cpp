// SyncClient::enrollDevice and signIn: the two calls that obtain the credentials a push needs.
#include <string>

#include "sync/enrolment_ticket.h"
#include "sync/sync_internal.h"

namespace phum::sync {
namespace {

// POSTs `request` as protobuf and parses the 200 answer into `response`; anything else throws
// SyncError with the server's words and whether trying again can help.
void exchange(HttpClient& http, const SyncConfig& config, const std::string& path,
              const google::protobuf::Message& request, google::protobuf::Message& response) {
  auto headers = baseHeaders(config);
  headers.push_back(std::string("Content-Type: ") + kProtobufType);
  HttpResponse answer;
  try {
    answer = http.perform("POST", config.serverUrl + path, headers, request.SerializeAsString());
  } catch (const TransportError& e) {
    throw SyncError(e.retryable() ? ErrorClass::Retryable : ErrorClass::Permanent, e.what());
  }
  if (isDeviceRevoked(answer)) throw DeviceRevokedError(serverErrorMessage(answer));
  if (answer.status != 200) {
    throw SyncError(
        isRetryableStatus(answer.status) ? ErrorClass::Retryable : ErrorClass::Permanent,
        serverErrorMessage(answer), static_cast<int>(answer.status));
  }
  auto body = decodedBody(answer);
  if (answer.contentType != kProtobufType || !body || !response.ParseFromString(*body)) {
    throw SyncError(ErrorClass::Retryable,
                    "The answer was not from the sync server (a Wi-Fi login page?). Sign in to "
                    "the network if asked, then try again.",
                    200);
  }
}

}  // namespace

phum::v1::EnrollResponse SyncClient::enrollDevice(const std::string& enrollmentCode,
                                                  const std::string& deviceName,
                                                  KeepCredential keep) {
  EnrolmentTicket ticket;
  try {
    ticket = parseEnrolmentTicket(enrollmentCode);
  } catch (const std::invalid_argument& e) {
    throw SyncError(ErrorClass::Permanent, e.what());
  }
  if (!ticket.keyPin.empty() && ticket.keyPin != config_.serverKeyPin) {
    // The code itself must go only to the pinned server: the client is remade with the pin.
    config_.serverKeyPin = ticket.keyPin;
    impl_ = std::make_unique<Impl>(config_);
  }
  phum::v1::EnrollRequest request;
  request.set_enrollment_code(ticket.code);
  request.set_device_name(deviceName);
  phum::v1::EnrollResponse response;
  exchange(impl_->http, config_, "/v1/devices/enroll", request, response);
  if (response.device_id().empty() || response.device_secret().empty()) {
    throw SyncError(ErrorClass::Permanent,
                    "The server accepted the enrolment code but sent no device credential. "
                    "Ask an administrator for a new code.");
  }
  // Both keys in one go would need a transaction API; the id is written last so a half-written
  // pair reads as "not enrolled" rather than as a wrong credential.
  if (!ticket.keyPin.empty()) store_.setSyncValue(kServerKeyPinKey, ticket.keyPin);
  if (keep == KeepCredential::InStore) {
    store_.setSyncValue(store::kDeviceSecretKey, response.device_secret());
    store_.setSyncValue(store::kDeviceIdKey, response.device_id());
  }
  config_.deviceId = response.device_id();
  config_.deviceSecret = response.device_secret();
  return response;
}

phum::v1::SignInResponse SyncClient::signIn(const std::string& username,
                                            const std::string& password, bool wantEscrowKey) {
  phum::v1::SignInRequest request;
  request.set_username(username);
  request.set_password(password);
  request.set_want_escrow_key(wantEscrowKey);
  // Read by the server only when no device credential comes with it (the escrow path).
  if (config_.deviceSecret.empty()) request.set_device_id(config_.deviceId);
  phum::v1::SignInResponse response;
  exchange(impl_->http, config_, "/v1/sessions", request, response);
  config_.sessionToken = response.session_token();
  config_.author = username;
  return response;
}

}  // namespace phum::sync
