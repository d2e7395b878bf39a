#pragma once
// The one HTTP client of the sync library: one libcurl easy handle, reused across requests so a
// run keeps its connection, for the push, the change feed, the account calls and the attachment
// uploads alike. Bodies are returned raw; the caller decodes Content-Encoding (see
// compression.h). Answers larger than the cap are dropped, whatever the request.
#include <curl/curl.h>

#include <chrono>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace phum::sync {

// Headers and body of one answer together; a bigger answer is a TransportError, so a broken or
// hostile server (or a Wi-Fi login page streaming forever) cannot fill the tablet's memory.
inline constexpr std::size_t kMaxResponseBytes = 64u << 20;

struct HttpResponse {
  long status = 0;
  std::string contentType;      // lower-case, parameters dropped
  std::string contentEncoding;  // lower-case
  std::string body;
  // Every header of the final answer: names lower-case, values trimmed, in the order received.
  std::vector<std::pair<std::string, std::string>> headers;

  // The value of header `name` (lower-case), or nullptr when the answer has none.
  const std::string* header(std::string_view name) const;
};

enum class TransportFailure {
  Connect,    // no route, refused, DNS: the network or the server is down
  Timeout,    // the server did not answer in time
  Cut,        // the connection dropped mid-request or mid-answer
  Untrusted,  // the server's certificate is not trusted or its key is not the pinned one
  Insecure,   // refused before connecting: plain http:// to a host that is not this machine
  Other,
};

// The request never got a complete HTTP answer. Retryable (another network may not intercept),
// except Insecure: the server address itself must change.
class TransportError : public std::runtime_error {
 public:
  TransportError(TransportFailure failure, const std::string& message)
      : std::runtime_error(message), failure_(failure) {}
  TransportFailure failure() const { return failure_; }
  bool retryable() const { return failure_ != TransportFailure::Insecure; }

 private:
  TransportFailure failure_;
};

// How the server is recognised over HTTPS. Records name people in danger, so a server the tablet
// cannot verify gets nothing.
struct TlsTrust {
  // PEM file of the certificate authorities to trust instead of the system's (a private CA, such
  // as the one scripts/run.sh makes). Empty: the system's store.
  std::string caFile;
  // "sha256//BASE64" of the server's public key (SubjectPublicKeyInfo), as an enrolment code
  // carries it. The server must hold this key; with caFile its certificate must also chain to that
  // CA, without caFile the pin alone is trusted (a self-made certificate works). Empty: no pin.
  std::string pinnedPublicKey;
};

// True for a loopback host: "localhost", 127.0.0.0/8 and ::1 (with or without brackets).
bool isLoopbackHost(std::string_view host);
// Why `url` must not be used, or "" when it may: only https://, or http:// to a loopback host
// (a local server, or tests), since everything else crosses a network in clear.
std::string insecureUrlProblem(const std::string& url);

class HttpClient {
 public:
  // libcurl's global initialisation happens once per process, on the first client made.
  HttpClient(std::chrono::milliseconds connectTimeout, std::chrono::milliseconds requestTimeout,
             TlsTrust trust = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // method "GET", "POST", "HEAD" (the answer's headers only) or another method with a body, such
  // as "PATCH". Throws TransportError when there is no complete answer or it is too large.
  HttpResponse perform(const std::string& method, const std::string& url,
                       const std::vector<std::string>& headers, const std::string& body);

  // `text` percent-encoded for one segment of a URL path (e.g. an attachment's file name).
  std::string escapePathSegment(std::string_view text);

 private:
  void setMethod(const std::string& method, const std::string& body);

  CURL* curl_;
  std::chrono::milliseconds connectTimeout_;
  std::chrono::milliseconds requestTimeout_;
  TlsTrust trust_;
};

}  // namespace phum::sync
