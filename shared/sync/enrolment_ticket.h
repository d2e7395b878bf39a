#pragma once
// What a tablet is given to enrol: the one-time code alone (typed), or the text of the enrolment
// QR, "phum:enroll?code=CODE&server=URL&pin=sha256//BASE64" (services/enrollment_qr.h on the
// server). The pin is the server's public key: with it the tablet talks to that server only,
// whatever certificate authority a network might slip in. Codes without a pin still work, over
// https:// with a trusted certificate or to a server on this machine.
#include <string>

namespace phum::sync {

struct EnrolmentTicket {
  std::string code;
  std::string serverUrl;  // empty when the ticket names none
  std::string keyPin;     // "sha256//BASE64", empty when the ticket carries none
};

// Throws std::invalid_argument when a pin is present but not of the form sha256//BASE64.
EnrolmentTicket parseEnrolmentTicket(const std::string& text);

// The sync_state key under which the pin of the server a tablet enrolled with is kept.
inline constexpr const char* kServerKeyPinKey = "server.key_pin";

}  // namespace phum::sync
