#pragma once
// A throwaway public-key infrastructure for TLS tests, made with the openssl command line (as
// scripts/run.sh makes its own): a test CA, a server certificate it signed for 127.0.0.1 and
// localhost, and a second CA that signed nothing the server uses.
#include <string>

namespace phum::testing {

struct TestPki {
  explicit TestPki(const std::string& folder);  // throws std::runtime_error if openssl fails

  std::string caFile;          // the CA that signed the server certificate
  std::string serverCertFile;  // chain: the server certificate
  std::string serverKeyFile;
  std::string otherCaFile;  // a CA that signed nothing of the server's
  std::string serverPin;    // sha256//BASE64 of the server's public key (openssl dgst)
  std::string otherPin;     // the same for the other CA's key: a wrong pin
};

// Output of `command` run by /bin/sh; throws std::runtime_error when it exits non-zero.
std::string shellOutput(const std::string& command);

}  // namespace phum::testing
