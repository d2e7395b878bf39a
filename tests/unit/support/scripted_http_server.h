#pragma once
// A tiny HTTP/1.1 responder on 127.0.0.1 for testing the sync client's HTTP behaviour. It is a test
// fixture, not a stand-in for our server: each request gets the next scripted reply (a real 503, a
// real HTML page, a real cut connection), and every request is recorded for inspection.
#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace phum::test {

struct HttpExchange {
  std::string method;
  std::string target;                          // path and query
  std::map<std::string, std::string> headers;  // names lower-case
  std::string body;                            // as received (still compressed)

  std::string header(const std::string& name) const;
};

struct ScriptedReply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool cutConnection = false;  // close the socket without answering
  std::chrono::milliseconds delay{0};
};

using Responder = std::function<ScriptedReply(const HttpExchange&)>;

class ScriptedHttpServer {
 public:
  ScriptedHttpServer();
  ~ScriptedHttpServer();
  ScriptedHttpServer(const ScriptedHttpServer&) = delete;
  ScriptedHttpServer& operator=(const ScriptedHttpServer&) = delete;

  std::string baseUrl() const;
  // Each request takes the next responder; with none left it gets 500 "no scripted reply".
  void enqueue(Responder responder);
  void enqueue(ScriptedReply reply);
  std::vector<HttpExchange> requests() const;

 private:
  void serve();
  void handle(int fd);
  Responder nextResponder();

  int listenFd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::deque<Responder> script_;
  std::vector<HttpExchange> requests_;
  std::thread thread_;
};

}  // namespace phum::test
