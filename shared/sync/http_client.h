#pragma once
// One libcurl easy handle, reused across requests so a batch run keeps its connection. Bodies are
// returned raw; the caller decodes Content-Encoding (see compression.h).
#include <curl/curl.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

namespace phum::sync {

struct HttpResponse {
  long status = 0;
  std::string contentType;      // lower-case, parameters dropped
  std::string contentEncoding;  // lower-case
  std::string body;
};

enum class TransportFailure {
  Connect,  // no route, refused, DNS: the network or the server is down
  Timeout,  // the server did not answer in time
  Cut,      // the connection dropped mid-request or mid-answer
  Other,
};

// The request never got a complete HTTP answer. Always retryable.
class TransportError : public std::runtime_error {
 public:
  TransportError(TransportFailure failure, const std::string& message)
      : std::runtime_error(message), failure_(failure) {}
  TransportFailure failure() const { return failure_; }

 private:
  TransportFailure failure_;
};

class HttpClient {
 public:
  HttpClient(std::chrono::milliseconds connectTimeout, std::chrono::milliseconds requestTimeout);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // method "GET" or "POST". Throws TransportError when there is no complete answer.
  HttpResponse perform(const std::string& method, const std::string& url,
                       const std::vector<std::string>& headers, const std::string& body);

 private:
  CURL* curl_;
  std::chrono::milliseconds connectTimeout_;
  std::chrono::milliseconds requestTimeout_;
};

}  // namespace phum::sync
