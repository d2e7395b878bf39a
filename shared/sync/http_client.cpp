#include "sync/http_client.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <optional>

namespace phum::sync {
namespace {

struct Received {
  HttpResponse response;
  std::size_t bytes = 0;  // headers and body so far, against kMaxResponseBytes
  bool tooLarge = false;

  bool take(std::size_t n) {
    bytes += n;
    tooLarge = tooLarge || bytes > kMaxResponseBytes;
    return !tooLarge;
  }
};

std::string lowerTrimmed(std::string text) {
  auto notSpace = [](unsigned char c) { return !std::isspace(c); };
  text.erase(text.begin(), std::find_if(text.begin(), text.end(), notSpace));
  text.erase(std::find_if(text.rbegin(), text.rend(), notSpace).base(), text.end());
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::size_t onBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* received = static_cast<Received*>(user);
  const std::size_t n = size * count;
  if (!received->take(n)) return 0;  // makes libcurl abort the transfer
  received->response.body.append(data, n);
  return n;
}

std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* user) {
  auto* received = static_cast<Received*>(user);
  const std::size_t n = size * count;
  if (!received->take(n)) return 0;
  const std::string line(data, n);
  HttpResponse& response = received->response;
  if (line.starts_with("HTTP/")) {
    // A new status line (after a 100 Continue): only the final answer's headers count.
    response.headers.clear();
    response.contentType.clear();
    response.contentEncoding.clear();
    return n;
  }
  const auto colon = line.find(':');
  if (colon == std::string::npos) return n;
  std::string name = lowerTrimmed(line.substr(0, colon));
  std::string value = trimmed(line.substr(colon + 1));
  if (name == "content-type") {
    response.contentType = lowerTrimmed(value.substr(0, value.find(';')));
  } else if (name == "content-encoding") {
    response.contentEncoding = lowerTrimmed(value);
  }
  response.headers.emplace_back(std::move(name), std::move(value));
  return n;
}

TransportFailure classify(CURLcode rc) {
  switch (rc) {
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
      return TransportFailure::Untrusted;
    case CURLE_OPERATION_TIMEDOUT:
      return TransportFailure::Timeout;
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return TransportFailure::Connect;
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
      return TransportFailure::Cut;
    default:
      return TransportFailure::Other;
  }
}

std::string describe(TransportFailure failure, const std::string& url, const char* detail) {
  switch (failure) {
    case TransportFailure::Connect:
      return "Could not reach the sync server at " + url +
             ". Check the mobile data or Wi-Fi connection; the records stay on the tablet (" +
             detail + ").";
    case TransportFailure::Timeout:
      return "The sync server at " + url +
             " did not answer in time. The connection may be slow; sync will try again (" + detail +
             ").";
    case TransportFailure::Cut:
      return "The connection to the sync server dropped mid-transfer. Sync will try again (" +
             std::string(detail) + ").";
    case TransportFailure::Untrusted:
      return "The server at " + url +
             " could not prove it is the Phum sync server (its certificate is not trusted, or "
             "its key is not the one in the enrolment code). Nothing was sent. On a public "
             "Wi-Fi, try another network; otherwise ask your administrator (" +
             detail + ").";
    case TransportFailure::Insecure:
    case TransportFailure::Other:
      break;
  }
  return "Talking to the sync server at " + url + " failed: " + detail + ".";
}

void initCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("libcurl could not initialise; networking is unavailable.");
    }
  });
}

void setOpt(CURLcode rc, const char* what) {
  if (rc != CURLE_OK) {
    throw std::runtime_error(std::string("Could not configure the HTTP request (") + what +
                             "): " + curl_easy_strerror(rc));
  }
}

bool isIpv4Loopback(std::string_view host) {
  // Four dotted numbers, the first 127 (inet_pton would also take none of the short forms).
  int parts = 0;
  int first = -1;
  while (!host.empty()) {
    const auto dot = host.find('.');
    const std::string_view part = host.substr(0, dot);
    if (part.empty() || part.size() > 3 ||
        part.find_first_not_of("0123456789") != std::string_view::npos) {
      return false;
    }
    const int value = std::stoi(std::string(part));
    if (value > 255) return false;
    if (parts == 0) first = value;
    ++parts;
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
    if (host.empty()) return false;
  }
  return parts == 4 && first == 127;
}

// The scheme and host of `url` (lower-case; host without brackets), by libcurl's own parser so
// that what is checked is what libcurl will connect to. Nothing when it is not a URL.
std::optional<std::pair<std::string, std::string>> schemeAndHost(const std::string& url) {
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> parsed(curl_url(), &curl_url_cleanup);
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    return std::nullopt;
  }
  auto part = [&](CURLUPart which) -> std::optional<std::string> {
    char* text = nullptr;
    if (curl_url_get(parsed.get(), which, &text, 0) != CURLUE_OK || !text) return std::nullopt;
    std::string out = lowerTrimmed(text);
    curl_free(text);
    return out;
  };
  const auto scheme = part(CURLUPART_SCHEME);
  const auto host = part(CURLUPART_HOST);
  if (!scheme || !host) return std::nullopt;
  return std::make_pair(*scheme, *host);
}

}  // namespace

bool isLoopbackHost(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1") return true;
  return isIpv4Loopback(host);
}

std::string insecureUrlProblem(const std::string& url) {
  const auto parts = schemeAndHost(url);
  if (!parts) return "The server address '" + url + "' is not a web address (https://...).";
  const auto& [scheme, host] = *parts;
  if (scheme == "https") return {};
  if (scheme == "http" && isLoopbackHost(host)) return {};
  if (scheme == "http") {
    return "The server address " + url +
           " uses plain http://, which would send passwords and records in clear over the "
           "network. Use the https:// address your administrator gave you (plain http:// is only "
           "for a server on this machine).";
  }
  return "The server address " + url + " must start with https://.";
}

HttpClient::HttpClient(std::chrono::milliseconds connectTimeout,
                       std::chrono::milliseconds requestTimeout, TlsTrust trust)
    : connectTimeout_(connectTimeout), requestTimeout_(requestTimeout), trust_(std::move(trust)) {
  initCurlOnce();
  curl_ = curl_easy_init();
  if (!curl_) throw std::runtime_error("libcurl could not create a connection handle.");
}

HttpClient::~HttpClient() { curl_easy_cleanup(curl_); }

void HttpClient::setMethod(const std::string& method, const std::string& body) {
  if (method == "GET") return;  // libcurl's default after a reset
  if (method == "HEAD") {
    setOpt(curl_easy_setopt(curl_, CURLOPT_NOBODY, 1L), "head");
    return;
  }
  if (method == "POST") {
    setOpt(curl_easy_setopt(curl_, CURLOPT_POST, 1L), "post");
  } else {
    setOpt(curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, method.c_str()), "method");
  }
  setOpt(curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.data()), "body");
  setOpt(curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size())),
         "body size");
}

std::string HttpClient::escapePathSegment(std::string_view text) {
  char* escaped = curl_easy_escape(curl_, text.data(), static_cast<int>(text.size()));
  if (!escaped) throw std::bad_alloc();
  std::string out(escaped);
  curl_free(escaped);
  return out;
}

const std::string* HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return &value;
  }
  return nullptr;
}

HttpResponse HttpClient::perform(const std::string& method, const std::string& url,
                                 const std::vector<std::string>& headers, const std::string& body) {
  if (std::string problem = insecureUrlProblem(url); !problem.empty()) {
    throw TransportError(TransportFailure::Insecure, problem);
  }
  curl_easy_reset(curl_);
  Received received;
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> list(nullptr, curl_slist_free_all);
  for (const auto& h : headers) {
    curl_slist* next = curl_slist_append(list.get(), h.c_str());
    if (!next) throw std::bad_alloc();
    list.release();
    list.reset(next);
  }
  setOpt(curl_easy_setopt(curl_, CURLOPT_URL, url.c_str()), "url");
  setOpt(curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, list.get()), "headers");
  setOpt(curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L), "nosignal");
  setOpt(curl_easy_setopt(curl_, CURLOPT_PROTOCOLS_STR, "http,https"), "protocols");
  if (!trust_.caFile.empty()) {
    setOpt(curl_easy_setopt(curl_, CURLOPT_CAINFO, trust_.caFile.c_str()), "certificate authority");
  }
  if (!trust_.pinnedPublicKey.empty()) {
    setOpt(curl_easy_setopt(curl_, CURLOPT_PINNEDPUBLICKEY, trust_.pinnedPublicKey.c_str()),
           "pinned key");
    if (trust_.caFile.empty()) {
      // The pin alone identifies the server (the handshake proves it holds that key), so a
      // server with a self-made certificate needs no CA on the tablet.
      setOpt(curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYPEER, 0L), "verify peer");
      setOpt(curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYHOST, 0L), "verify host");
    }
  }
  setOpt(curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT_MS,
                          static_cast<long>(connectTimeout_.count())),
         "connect timeout");
  setOpt(curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS, static_cast<long>(requestTimeout_.count())),
         "timeout");
  setOpt(curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, onBody), "body callback");
  setOpt(curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &received), "body data");
  setOpt(curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, onHeader), "header callback");
  setOpt(curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &received), "header data");
  setMethod(method, body);
  CURLcode rc = curl_easy_perform(curl_);
  if (received.tooLarge) {
    throw TransportError(TransportFailure::Other,
                         "The sync server's answer was larger than 64 MiB and was dropped.");
  }
  if (rc != CURLE_OK) {
    TransportFailure failure = classify(rc);
    throw TransportError(failure, describe(failure, url, curl_easy_strerror(rc)));
  }
  setOpt(curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &received.response.status),
         "status code");
  return std::move(received.response);
}

}  // namespace phum::sync
