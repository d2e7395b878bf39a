#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "services/sign_in_limits.h"

namespace phum::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  // --tls-cert and --tls-key (PEM): the server speaks HTTPS itself. Without them it speaks plain
  // HTTP, which is allowed only on a loopback address or behind a reverse proxy named by
  // --trusted-proxy (the proxy terminates TLS).
  std::string tlsCertFile;
  std::string tlsKeyFile;
  // Addresses of reverse proxies whose X-Forwarded-For is believed (http/client_address.h).
  std::vector<std::string> trustedProxies;
  // "sha256//BASE64" of the --tls-cert key (set at start, not an option): the console puts it in
  // the enrolment codes it makes.
  std::string serverKeyPin;
  unsigned short port = 8470;  // 0: the system picks a free port
  std::string dataDir = "./phum-data";
  std::string databaseUrl;  // --db: PostgreSQL instead of the SQLite file in dataDir
  std::size_t maxBodyBytes = 16 * 1024 * 1024;
  bool open = false;  // no authentication: first tests and demos only
  // Records of forms this server has not published get structure checks only (old tests, demos).
  bool acceptUnpublishedForms = false;
  int storageThreads = 2;
  // Open connections at most. At the cap, a new connection closes the one that has waited longest
  // for a request header (an idle keep-alive or a connection that never spoke); if none is idle,
  // the server stops accepting until one ends. Each connection is a file descriptor: keep the
  // process's open-file limit above this (the server warns at start when it is not).
  int maxConnections = 512;
  // Slowloris protection: a request's header must arrive within headerTimeout, and its body must
  // keep moving (bodyIdleTimeout between chunks) and finish within bodyTotalTimeout. The total is
  // long because a 16 MiB batch over 2G takes many minutes.
  std::chrono::milliseconds headerTimeout{30000};
  std::chrono::milliseconds bodyIdleTimeout{30000};
  std::chrono::milliseconds bodyTotalTimeout{30 * 60 * 1000};
  std::chrono::milliseconds shutdownGrace{60000};
  // How long a sign-in lasts: a tablet's (it works offline for weeks), and the console's (a
  // working day and then some).
  std::int64_t sessionLifetimeMs = 30LL * 24 * 3600 * 1000;
  std::int64_t consoleSessionLifetimeMs = 10LL * 3600 * 1000;
  SignInLimitOptions signInLimits;
  // The key file for sealed sensitive answers (common/sealing_keys.h); "" = DATA/sealing.keys if
  // it exists. Its secret keys may be wrapped by a passphrase, read from keyPassphraseFile (or the
  // PHUM_KEY_PASSPHRASE environment variable).
  std::string sealingKeyFile;
  std::string keyPassphraseFile;
  // Attachment uploads that have not advanced for this long are removed with their bytes. Long,
  // because a tablet may stay offline in the field for weeks and should still resume, not resend.
  std::chrono::milliseconds abandonedUploadAge{30LL * 24 * 3600 * 1000};
  std::chrono::milliseconds uploadSweepInterval{3600 * 1000};  // and once at start
};

// "30d", "12h", "15m", "45s" or "500ms" as milliseconds; throws std::invalid_argument naming
// `option` if `text` is not such a duration.
std::chrono::milliseconds parseDuration(const std::string& option, const std::string& text);

// Parses phum-server's command line; throws std::invalid_argument naming the bad option.
// Sets `help` when --help was asked.
// True for 127.0.0.0/8, ::1 and "localhost".
bool isLoopbackHost(const std::string& host);

ServerOptions parseServerOptions(const std::vector<std::string>& args, bool& help);
const char* serverUsage();

}  // namespace phum::server
