#pragma once
// The enrolment code as a QR code, so an administrator can print it or show it on screen and a
// tablet can scan it instead of typing it (libqrencode does the encoding).
#include <string>

namespace phum::server {

// The text a tablet scans: "phum:enroll?code=CODE" plus "&server=URL" when a server URL is given
// and "&pin=sha256//BASE64" (the server's public key, percent-encoded) when the server speaks TLS:
// the tablet then talks only to the holder of that key (shared/sync/enrolment_ticket.h).
std::string enrollmentPayload(const std::string& code, const std::string& serverUrl,
                              const std::string& keyPin = {});

// Dark modules as Unicode half blocks, two rows per line, with a quiet zone: prints on paper (dark
// on light) straight from a terminal.
std::string renderQrText(const std::string& payload);

// A standalone SVG (black on white, 8 px modules) for printing.
std::string renderQrSvg(const std::string& payload);

}  // namespace phum::server
