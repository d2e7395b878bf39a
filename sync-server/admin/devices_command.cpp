// phum-admin devices: enrolment codes, the list of tablets, and revocation.
#include <fstream>
#include <iostream>

#include "admin/admin_args.h"
#include "admin/commands.h"
#include "common/json_log.h"
#include "core/clock.h"
#include "http/tls_context.h"
#include "services/enrollment_qr.h"

namespace phum::admin {

namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

int enrollCode(const std::vector<std::string>& args) {
  const AdminArgs options(
      args, {"--name", "--valid-days", "--server-url", "--qr-svg", "--tls-cert"}, {"--no-qr"});
  const std::string name = options.required("--name");
  const int days = options.number("--valid-days", 7);
  if (days < 1) throw UsageError("--valid-days must be at least 1");
  auto server = openServices(options, false);
  const std::string code =
      server->accounts().createEnrollmentCode(name, days * kDayMs, adminOrigin());
  // The code alone on stdout, so scripts can capture it; the explanation goes to stderr.
  std::cout << code << std::endl;
  std::cerr << "One-time enrolment code for '" << name << "', valid " << days
            << " day(s). Type it on the tablet's enrolment screen";
  // The server's certificate: its public key goes into the QR as a pin.
  const std::string certFile = options.value("--tls-cert").value_or("");
  const std::string pin = certFile.empty() ? "" : server::publicKeyPinOfCertificate(certFile);
  const std::string payload =
      server::enrollmentPayload(code, options.value("--server-url").value_or(""), pin);
  if (!options.flag("--no-qr")) std::cerr << " or scan:\n\n" << server::renderQrText(payload);
  if (!pin.empty()) std::cerr << "\nServer key pin in the QR: " << pin;
  std::cerr << "\n";
  if (const std::string svgPath = options.value("--qr-svg").value_or(""); !svgPath.empty()) {
    std::ofstream svg(svgPath, std::ios::binary | std::ios::trunc);
    svg << server::renderQrSvg(payload);
    svg.close();
    if (!svg) throw std::runtime_error("could not write the QR code to " + svgPath);
    std::cerr << "QR code for printing written to " << svgPath << "\n";
  }
  return 0;
}

int revoke(const std::vector<std::string>& args) {
  const AdminArgs options(args, {}, {});
  if (options.positional().size() != 1) throw UsageError("devices revoke needs one DEVICE_ID");
  const std::string& deviceId = options.positional()[0];
  auto server = openServices(options, true);
  if (!server->accounts().revokeDevice(deviceId, adminOrigin())) {
    std::cerr << "phum-admin: no device '" << deviceId << "' (see: phum-admin devices list)\n";
    return 1;
  }
  std::cout << "revoked " << deviceId << ": its next request will be refused\n";
  return 0;
}

int list(const std::vector<std::string>& args) {
  const AdminArgs options(args, {}, {"--json"});
  auto server = openServices(options, true);
  const auto devices = server->accounts().listDevices();
  if (options.flag("--json")) {
    std::cout << "[";
    for (std::size_t i = 0; i < devices.size(); ++i) {
      const auto& d = devices[i];
      std::cout << (i ? "," : "") << "{\"device_id\":" << server::jsonEscape(d.deviceId)
                << ",\"name\":" << server::jsonEscape(d.name)
                << ",\"enrolled_at\":" << server::jsonEscape(formatIsoUtc(d.enrolledAtMs))
                << ",\"revoked\":" << (d.revokedAtMs ? "true" : "false") << "}";
    }
    std::cout << "]\n";
    return 0;
  }
  for (const auto& d : devices) {
    std::cout << d.deviceId << "  " << d.name << "  enrolled " << formatIsoUtc(d.enrolledAtMs)
              << (d.revokedAtMs ? "  REVOKED " + formatIsoUtc(*d.revokedAtMs) : std::string())
              << "\n";
  }
  std::cout << devices.size() << " device(s)\n";
  return 0;
}

}  // namespace

int runDevicesCommand(const std::vector<std::string>& args) {
  const std::string command = args.empty() ? "" : args[0];
  const std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
  if (command == "enroll-code") return enrollCode(rest);
  if (command == "revoke") return revoke(rest);
  if (command == "list") return list(rest);
  std::cerr << "usage: phum-admin devices enroll-code --name NAME [--valid-days N]"
               " [--data DIR|--db URL]\n"
               "                 [--server-url URL] [--tls-cert SERVER.pem] [--qr-svg FILE.svg]\n"
               "                 [--no-qr]   (--tls-cert: the QR carries the server's key pin)\n"
               "       phum-admin devices revoke DEVICE_ID [--data DIR|--db URL]\n"
               "       phum-admin devices list [--json] [--data DIR|--db URL]\n";
  return 2;
}

}  // namespace phum::admin
