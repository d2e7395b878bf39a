#include "test_pki.h"

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace phum::testing {
namespace {

std::string pinOf(const std::string& certFile) {
  std::string pin = shellOutput("openssl x509 -in '" + certFile +
                                "' -pubkey -noout | openssl pkey -pubin -outform der | openssl "
                                "dgst -sha256 -binary | base64");
  while (!pin.empty() && (pin.back() == '\n' || pin.back() == '\r')) pin.pop_back();
  return "sha256//" + pin;
}

void makeCa(const std::string& key, const std::string& cert, const std::string& name) {
  shellOutput("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout '" +
              key + "' -out '" + cert + "' -days 2 -subj '/CN=" + name +
              "' -addext basicConstraints=critical,CA:TRUE -addext keyUsage=keyCertSign 2>&1");
}

}  // namespace

std::string shellOutput(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) throw std::runtime_error("could not run: " + command);
  std::string out;
  std::array<char, 4096> buffer{};
  while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe.get())) {
    out.append(buffer.data(), n);
  }
  const int status = pclose(pipe.release());
  if (status != 0)
    throw std::runtime_error("failed (" + std::to_string(status) + "): " + command + "\n" + out);
  return out;
}

TestPki::TestPki(const std::string& folder) {
  caFile = folder + "/ca.pem";
  otherCaFile = folder + "/other-ca.pem";
  serverCertFile = folder + "/server.pem";
  serverKeyFile = folder + "/server.key";
  makeCa(folder + "/ca.key", caFile, "Phum test CA");
  makeCa(folder + "/other-ca.key", otherCaFile, "Another CA");
  const std::string extensions = folder + "/server.ext";
  std::ofstream(extensions) << "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                               "extendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n";
  shellOutput("openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout '" +
              serverKeyFile + "' -out '" + folder + "/server.csr' -subj '/CN=127.0.0.1' 2>&1");
  shellOutput("openssl x509 -req -in '" + folder + "/server.csr' -CA '" + caFile + "' -CAkey '" +
              folder + "/ca.key' -CAcreateserial -days 2 -out '" + serverCertFile + "' -extfile '" +
              extensions + "' 2>&1");
  serverPin = pinOf(serverCertFile);
  otherPin = pinOf(otherCaFile);
}

}  // namespace phum::testing
