#include "support/scripted_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <system_error>

namespace phum::test {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(const std::string& s) {
  auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

bool readMore(int fd, std::string& buffer) {
  char chunk[8192];
  ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
  if (n <= 0) return false;
  buffer.append(chunk, static_cast<std::size_t>(n));
  return true;
}

bool readRequest(int fd, HttpExchange& out) {
  std::string buffer;
  std::size_t headerEnd;
  while ((headerEnd = buffer.find("\r\n\r\n")) == std::string::npos) {
    if (!readMore(fd, buffer)) return false;
  }
  std::string head = buffer.substr(0, headerEnd);
  std::size_t lineEnd = head.find("\r\n");
  std::string requestLine = head.substr(0, lineEnd);
  auto sp1 = requestLine.find(' ');
  auto sp2 = requestLine.find(' ', sp1 + 1);
  out.method = requestLine.substr(0, sp1);
  out.target = requestLine.substr(sp1 + 1, sp2 - sp1 - 1);
  std::size_t pos = lineEnd == std::string::npos ? head.size() : lineEnd + 2;
  while (pos < head.size()) {
    std::size_t next = head.find("\r\n", pos);
    if (next == std::string::npos) next = head.size();
    std::string line = head.substr(pos, next - pos);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      out.headers[lower(trim(line.substr(0, colon)))] = trim(line.substr(colon + 1));
    }
    pos = next + 2;
  }
  std::size_t length = 0;
  if (auto it = out.headers.find("content-length"); it != out.headers.end()) {
    length = std::stoul(it->second);
  }
  out.body = buffer.substr(headerEnd + 4);
  while (out.body.size() < length) {
    if (!readMore(fd, out.body)) return false;
  }
  return true;
}

void writeAll(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;  // the client gave up (e.g. its timeout): nothing more to do
    sent += static_cast<std::size_t>(n);
  }
}

std::string reasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

}  // namespace

std::string HttpExchange::header(const std::string& name) const {
  auto it = headers.find(lower(name));
  return it == headers.end() ? std::string() : it->second;
}

ScriptedHttpServer::ScriptedHttpServer() {
  listenFd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (listenFd_ < 0) throw std::system_error(errno, std::generic_category(), "socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(listenFd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listenFd_, 16) != 0) {
    throw std::system_error(errno, std::generic_category(), "bind/listen on 127.0.0.1");
  }
  socklen_t len = sizeof addr;
  if (::getsockname(listenFd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    throw std::system_error(errno, std::generic_category(), "getsockname");
  }
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { serve(); });
}

ScriptedHttpServer::~ScriptedHttpServer() {
  stopping_ = true;
  thread_.join();
  ::close(listenFd_);
}

std::string ScriptedHttpServer::baseUrl() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

void ScriptedHttpServer::enqueue(Responder responder) {
  std::lock_guard lock(mutex_);
  script_.push_back(std::move(responder));
}

void ScriptedHttpServer::enqueue(ScriptedReply reply) {
  enqueue([reply](const HttpExchange&) { return reply; });
}

std::vector<HttpExchange> ScriptedHttpServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

Responder ScriptedHttpServer::nextResponder() {
  std::lock_guard lock(mutex_);
  if (script_.empty()) {
    return [](const HttpExchange&) { return ScriptedReply{500, {}, "no scripted reply"}; };
  }
  Responder next = std::move(script_.front());
  script_.pop_front();
  return next;
}

void ScriptedHttpServer::serve() {
  while (!stopping_) {
    pollfd pfd{listenFd_, POLLIN, 0};
    int ready = ::poll(&pfd, 1, 20);
    if (ready <= 0) continue;
    int fd = ::accept(listenFd_, nullptr, nullptr);
    if (fd < 0) continue;
    handle(fd);
    ::close(fd);
  }
}

void ScriptedHttpServer::handle(int fd) {
  HttpExchange exchange;
  if (!readRequest(fd, exchange)) return;
  {
    std::lock_guard lock(mutex_);
    requests_.push_back(exchange);
  }
  ScriptedReply reply = nextResponder()(exchange);
  // Wait in small steps so a test that ends early is not held up by a long scripted delay.
  auto until = std::chrono::steady_clock::now() + reply.delay;
  while (!stopping_ && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (reply.cutConnection) return;
  std::string out =
      "HTTP/1.1 " + std::to_string(reply.status) + " " + reasonPhrase(reply.status) +
      "\r\nConnection: close\r\nContent-Length: " + std::to_string(reply.body.size()) + "\r\n";
  for (const auto& [name, value] : reply.headers) out += name + ": " + value + "\r\n";
  out += "\r\n" + reply.body;
  writeAll(fd, out);
}

}  // namespace phum::test
