#include "server_options.h"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/address_v4.hpp>
#include <charconv>
#include <stdexcept>

namespace phum::server {

namespace {

std::int64_t parseNumber(const std::string& option, const std::string& text, std::int64_t min) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < min) {
    throw std::invalid_argument(option + " needs a whole number of at least " +
                                std::to_string(min) + ", not '" + text + "'");
  }
  return value;
}

void parseListen(const std::string& text, ServerOptions& options) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    throw std::invalid_argument("--listen needs HOST:PORT (e.g. 127.0.0.1:8470), not '" + text +
                                "'");
  }
  options.host = text.substr(0, colon);
  const auto port = parseNumber("--listen", text.substr(colon + 1), 0);
  if (port > 65535) throw std::invalid_argument("--listen port must be at most 65535");
  options.port = static_cast<unsigned short>(port);
}

// Plain HTTP would carry passwords, tokens and records in clear over the network.
void checkTransport(const ServerOptions& options) {
  if (options.tlsCertFile.empty() != options.tlsKeyFile.empty()) {
    throw std::invalid_argument(
        "--tls-cert and --tls-key go together (the certificate and its key)");
  }
  if (!options.tlsCertFile.empty() || isLoopbackHost(options.host) ||
      !options.trustedProxies.empty()) {
    return;
  }
  throw std::invalid_argument(
      "--listen " + options.host +
      " is not a loopback address: give --tls-cert and --tls-key so the server speaks HTTPS, or "
      "put it behind a TLS reverse proxy named with --trusted-proxy");
}

std::string checkedAddress(const std::string& option, const std::string& text) {
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(text, ec);
  if (ec) throw std::invalid_argument(option + " needs an IP address, not '" + text + "'");
  return address.to_string();
}

// "5,20,15m": failures per account, per address, and the window.
SignInLimitOptions parseSignInLimits(const std::string& text) {
  const auto first = text.find(',');
  const auto second = first == std::string::npos ? first : text.find(',', first + 1);
  if (second == std::string::npos) {
    throw std::invalid_argument(
        "--sign-in-limit needs PER_ACCOUNT,PER_ADDRESS,WINDOW (e.g. 5,20,15m), not '" + text + "'");
  }
  SignInLimitOptions limits;
  limits.perAccount = static_cast<int>(parseNumber("--sign-in-limit", text.substr(0, first), 1));
  limits.perAddress = static_cast<int>(
      parseNumber("--sign-in-limit", text.substr(first + 1, second - first - 1), 1));
  limits.window = parseDuration("--sign-in-limit", text.substr(second + 1));
  return limits;
}

}  // namespace

bool isLoopbackHost(const std::string& host) {
  if (host == "localhost") return true;
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(host, ec);
  if (ec) return false;
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6())
        .is_loopback();
  }
  return address.is_loopback();
}

std::chrono::milliseconds parseDuration(const std::string& option, const std::string& text) {
  std::int64_t amount = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), amount);
  const std::string unit(end, text.data() + text.size());
  std::int64_t scale = 0;
  if (unit == "ms") scale = 1;
  if (unit == "s") scale = 1000;
  if (unit == "m") scale = 60 * 1000;
  if (unit == "h") scale = 3600 * 1000;
  if (unit == "d") scale = 24 * 3600 * 1000;
  if (error != std::errc() || amount < 0 || scale == 0 || amount > (1LL << 40)) {
    throw std::invalid_argument(option + " needs a duration such as 30d, 12h, 15m or 45s, not '" +
                                text + "'");
  }
  return std::chrono::milliseconds(amount * scale);
}

const char* serverUsage() {
  return "usage: phum-server [options]\n"
         "  --listen HOST:PORT        address to listen on (default 127.0.0.1:8470; port 0 = any)\n"
         "  --tls-cert FILE           certificate chain (PEM) for HTTPS; with --tls-key\n"
         "  --tls-key FILE            its private key (PEM); keep it readable by the server only\n"
         "  --trusted-proxy ADDRESS   a reverse proxy (TLS terminated there) whose\n"
         "                            X-Forwarded-For names the client; repeatable. Plain HTTP\n"
         "                            is refused on a non-loopback address without it\n"
         "  --data DIR                data folder (default ./phum-data)\n"
         "  --max-body-bytes N        largest request body after decompression (default 16 MiB)\n"
         "  --open                    no authentication (tests and demos only)\n"
         "  --accept-unpublished-forms  store records of forms this server has not published\n"
         "                            after structure checks only (published forms are always\n"
         "                            validated)\n"
         "  --storage-threads N       threads for database work (default 2)\n"
         "  --max-connections N       open connections at most (default 512); at the cap the\n"
         "                            longest-idle connection is closed for a new one\n"
         "  --header-timeout-ms N     time allowed for a request's header (default 30000)\n"
         "  --body-idle-timeout-ms N  longest pause inside a request body (default 30000)\n"
         "  --shutdown-grace-ms N     how long SIGTERM waits for in-flight requests (default "
         "60000)\n"
         "  --db postgresql://...     PostgreSQL instead of SQLite (\"postgres\": PG* variables)\n"
         "  --abandoned-upload-age D  remove attachment uploads not advanced for D (default 30d;\n"
         "                            tablets stay offline for weeks, so keep it long)\n"
         "  --upload-sweep-every D    how often to look for them (default 1h, and at start)\n"
         "  --session-lifetime D      how long a tablet's sign-in lasts (default 30d)\n"
         "  --console-session-lifetime D  how long a console sign-in lasts (default 10h)\n"
         "  --sealing-key FILE        key file for sealed sensitive answers (default\n"
         "                            DATA/sealing.keys if it exists; phum-admin keys create)\n"
         "  --key-passphrase-file F   passphrase of that file, if it has one (or set\n"
         "                            PHUM_KEY_PASSPHRASE)\n"
         "  --sign-in-limit A,B,D     after A failed sign-ins for one user, or B from one\n"
         "                            address, within D, refuse more until D ends (429 with\n"
         "                            Retry-After; default 5,20,15m)\n";
}

ServerOptions parseServerOptions(const std::vector<std::string>& args, bool& help) {
  ServerOptions options;
  help = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& option = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw std::invalid_argument(option + " needs a value");
      return args[++i];
    };
    if (option == "--help" || option == "-h") {
      help = true;
    } else if (option == "--listen") {
      parseListen(value(), options);
    } else if (option == "--tls-cert") {
      options.tlsCertFile = value();
    } else if (option == "--tls-key") {
      options.tlsKeyFile = value();
    } else if (option == "--trusted-proxy") {
      options.trustedProxies.push_back(checkedAddress(option, value()));
    } else if (option == "--data") {
      options.dataDir = value();
    } else if (option == "--db") {
      options.databaseUrl = value();
    } else if (option == "--max-body-bytes") {
      options.maxBodyBytes = static_cast<std::size_t>(parseNumber(option, value(), 1024));
    } else if (option == "--open") {
      options.open = true;
    } else if (option == "--accept-unpublished-forms") {
      options.acceptUnpublishedForms = true;
    } else if (option == "--storage-threads") {
      options.storageThreads = static_cast<int>(parseNumber(option, value(), 1));
    } else if (option == "--max-connections") {
      options.maxConnections = static_cast<int>(parseNumber(option, value(), 1));
    } else if (option == "--header-timeout-ms") {
      options.headerTimeout = std::chrono::milliseconds(parseNumber(option, value(), 1));
    } else if (option == "--body-idle-timeout-ms") {
      options.bodyIdleTimeout = std::chrono::milliseconds(parseNumber(option, value(), 1));
    } else if (option == "--shutdown-grace-ms") {
      options.shutdownGrace = std::chrono::milliseconds(parseNumber(option, value(), 0));
    } else if (option == "--abandoned-upload-age") {
      options.abandonedUploadAge = parseDuration(option, value());
    } else if (option == "--upload-sweep-every") {
      options.uploadSweepInterval = parseDuration(option, value());
      if (options.uploadSweepInterval.count() == 0) {
        throw std::invalid_argument("--upload-sweep-every must be longer than 0");
      }
    } else if (option == "--session-lifetime" || option == "--console-session-lifetime") {
      const auto lifetime = parseDuration(option, value()).count();
      if (lifetime == 0) throw std::invalid_argument(option + " must be longer than 0");
      (option == "--session-lifetime" ? options.sessionLifetimeMs
                                      : options.consoleSessionLifetimeMs) = lifetime;
    } else if (option == "--sealing-key") {
      options.sealingKeyFile = value();
    } else if (option == "--key-passphrase-file") {
      options.keyPassphraseFile = value();
    } else if (option == "--sign-in-limit") {
      options.signInLimits = parseSignInLimits(value());
    } else {
      throw std::invalid_argument("unknown option '" + option + "'");
    }
  }
  if (!help) checkTransport(options);
  return options;
}

}  // namespace phum::server
