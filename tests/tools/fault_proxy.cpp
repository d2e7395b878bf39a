// fault_proxy: a loopback TCP proxy that breaks connections on purpose, so tests can show that
// sync neither loses nor duplicates records when the network misbehaves.
//
//   fault_proxy --target PORT [--listen PORT] [--drop-after N] [--reset-after N] [--delay MS]
//               [--rate BYTES_PER_S] [--trickle] [--random P] [--random-max-bytes N] [--seed S]
//
// Prints "proxy listening on PORT" and "control listening on PORT". The control port takes one
// text command per line (see FaultPlanner::apply, plus "stats") and answers one line; changes
// apply to connections accepted afterwards.

// clang-format off
#include <utility>  // before Asio: GCC 12 needs std::exchange declared for awaitable.hpp
// clang-format on

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <deque>
#include <iostream>
#include <memory>

#include "fault_plan.h"

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kMaxQueuedBytes = 256 * 1024;  // back-pressure per direction

struct Chunk {
  std::vector<char> data;
  Clock::time_point due;
};

// One direction of a proxied connection: the reader queues chunks, the writer releases them after
// the latency and at the capped rate.
struct Direction {
  explicit Direction(asio::any_io_executor executor) : wake(executor), room(executor) {}
  std::deque<Chunk> queue;
  std::size_t queuedBytes = 0;
  bool readerDone = false;
  asio::steady_timer wake;  // the writer sleeps on it while the queue is empty
  asio::steady_timer room;  // the reader sleeps on it while the queue is full
  std::uint64_t* delivered = nullptr;
};

void notify(asio::steady_timer& timer) { timer.cancel(); }

awaitable<void> sleepUntilNotified(asio::steady_timer& timer) {
  timer.expires_at(Clock::time_point::max());
  boost::system::error_code ignored;  // cancellation is the wake-up signal
  co_await timer.async_wait(asio::redirect_error(use_awaitable, ignored));
}

struct Connection {
  Connection(tcp::socket clientSocket, phum::tools::FaultPlanner& faultPlanner,
             phum::tools::ProxyStats& proxyStats)
      : client(std::move(clientSocket)),
        target(client.get_executor()),
        up(client.get_executor()),
        down(client.get_executor()),
        planner(faultPlanner),
        plan(faultPlanner.nextConnection()),
        cut(plan.cut),
        budget(plan.cutAfterBytes),
        stats(proxyStats) {
    up.delivered = &stats.bytesUp;
    down.delivered = &stats.bytesDown;
    if (plan.randomCuts) nextWindow();
  }

  bool limited() const { return cut != phum::tools::CutKind::None || plan.randomCuts; }
  void nextWindow() {
    const phum::tools::WindowPlan window = planner.nextWindow();
    cut = window.cut;
    budget = window.bytes;
  }

  void close(bool reset) {
    if (closed) return;
    closed = true;
    boost::system::error_code ignored;
    for (tcp::socket* socket : {&client, &target}) {
      if (reset && socket->is_open())
        socket->set_option(asio::socket_base::linger(true, 0), ignored);
      socket->close(ignored);
    }
    for (Direction* direction : {&up, &down}) {
      notify(direction->wake);
      notify(direction->room);
    }
  }

  tcp::socket client;
  tcp::socket target;
  Direction up;
  Direction down;
  phum::tools::FaultPlanner& planner;
  phum::tools::ConnectionPlan plan;
  phum::tools::CutKind cut;  // what happens when the budget runs out (None: a new window)
  std::uint64_t budget;      // bytes left before the planned cut or the end of the window
  bool closed = false;
  int finishedDirections = 0;
  phum::tools::ProxyStats& stats;
};

std::size_t readSize(const phum::tools::ConnectionPlan& plan) {
  if (plan.bytesPerSecond == 0) return 64 * 1024;
  // Small reads under a bandwidth cap so the trickle is smooth rather than bursty.
  return std::clamp<std::size_t>(plan.bytesPerSecond / 10, 256, 64 * 1024);
}

awaitable<void> readInto(std::shared_ptr<Connection> connection, tcp::socket& from,
                         Direction& direction) {
  const std::size_t size = readSize(connection->plan);
  for (;;) {
    std::vector<char> buffer(size);
    boost::system::error_code error;
    const std::size_t got = co_await from.async_read_some(
        asio::buffer(buffer), asio::redirect_error(use_awaitable, error));
    if (error || connection->closed) break;
    buffer.resize(got);
    direction.queuedBytes += got;
    direction.queue.push_back({std::move(buffer), Clock::now() + connection->plan.latency});
    notify(direction.wake);
    while (direction.queuedBytes > kMaxQueuedBytes && !connection->closed) {
      co_await sleepUntilNotified(direction.room);
    }
  }
  direction.readerDone = true;
  notify(direction.wake);
}

// Writes `data` honouring the rate cap and the cut budget. Returns false once the connection is
// cut.
awaitable<bool> deliver(std::shared_ptr<Connection> connection, tcp::socket& to,
                        Direction& direction, const std::vector<char>& data) {
  const auto& plan = connection->plan;
  asio::steady_timer pace(to.get_executor());
  std::size_t offset = 0;
  while (offset < data.size()) {
    std::size_t slice = data.size() - offset;
    if (plan.bytesPerSecond) slice = std::min<std::size_t>(slice, readSize(plan));
    const bool atBoundary = connection->limited() && connection->budget <= slice;
    if (atBoundary) slice = connection->budget;
    boost::system::error_code error;
    if (slice > 0) {
      co_await asio::async_write(to, asio::buffer(data.data() + offset, slice),
                                 asio::redirect_error(use_awaitable, error));
    }
    if (connection->closed) co_return false;
    if (error) {
      connection->close(false);  // the peer went away: end the other direction too
      co_return false;
    }
    offset += slice;
    *direction.delivered += slice;
    if (connection->limited()) connection->budget -= slice;
    if (atBoundary) {
      if (connection->cut != phum::tools::CutKind::None) {
        ++connection->stats.cuts;
        connection->close(connection->cut == phum::tools::CutKind::Reset);
        co_return false;
      }
      connection->nextWindow();
    }
    if (plan.bytesPerSecond && slice > 0) {
      pace.expires_after(std::chrono::microseconds(slice * 1'000'000 / plan.bytesPerSecond));
      co_await pace.async_wait(asio::redirect_error(use_awaitable, error));
    }
  }
  co_return true;
}

awaitable<void> writeFrom(std::shared_ptr<Connection> connection, tcp::socket& to,
                          Direction& direction) {
  asio::steady_timer latency(to.get_executor());
  for (;;) {
    while (direction.queue.empty() && !direction.readerDone && !connection->closed) {
      co_await sleepUntilNotified(direction.wake);
    }
    if (connection->closed) co_return;
    if (direction.queue.empty()) break;  // the reader hit end of stream
    Chunk chunk = std::move(direction.queue.front());
    direction.queue.pop_front();
    direction.queuedBytes -= chunk.data.size();
    notify(direction.room);
    if (chunk.due > Clock::now()) {
      latency.expires_at(chunk.due);
      boost::system::error_code ignored;
      co_await latency.async_wait(asio::redirect_error(use_awaitable, ignored));
    }
    if (!co_await deliver(connection, to, direction, chunk.data)) co_return;
  }
  // Pass the half-close on, and close everything once both directions have finished.
  boost::system::error_code ignored;
  to.shutdown(tcp::socket::shutdown_send, ignored);
  if (++connection->finishedDirections == 2) connection->close(false);
}

awaitable<void> serveConnection(std::shared_ptr<Connection> connection, tcp::endpoint target) {
  boost::system::error_code error;
  co_await connection->target.async_connect(target, asio::redirect_error(use_awaitable, error));
  if (error) {
    std::cerr << "fault_proxy: cannot reach target port " << target.port() << ": "
              << error.message() << "\n";
    connection->close(true);
    co_return;
  }
  const auto executor = connection->client.get_executor();
  asio::co_spawn(executor, readInto(connection, connection->client, connection->up),
                 asio::detached);
  asio::co_spawn(executor, writeFrom(connection, connection->target, connection->up),
                 asio::detached);
  asio::co_spawn(executor, readInto(connection, connection->target, connection->down),
                 asio::detached);
  asio::co_spawn(executor, writeFrom(connection, connection->client, connection->down),
                 asio::detached);
}

awaitable<void> acceptLoop(tcp::acceptor& acceptor, tcp::endpoint target,
                           phum::tools::FaultPlanner& planner, phum::tools::ProxyStats& stats) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
    ++stats.connections;
    socket.set_option(tcp::no_delay(true));
    auto connection = std::make_shared<Connection>(std::move(socket), planner, stats);
    asio::co_spawn(acceptor.get_executor(), serveConnection(connection, target), asio::detached);
  }
}

awaitable<void> serveControl(tcp::socket socket, phum::tools::FaultPlanner& planner,
                             const phum::tools::ProxyStats& stats) {
  asio::streambuf input;
  for (;;) {
    boost::system::error_code error;
    co_await asio::async_read_until(socket, input, '\n',
                                    asio::redirect_error(use_awaitable, error));
    if (error) co_return;
    std::istream lines(&input);
    std::string line;
    std::getline(lines, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string answer = line == "stats" ? phum::tools::formatStats(stats) : planner.apply(line);
    answer += '\n';
    co_await asio::async_write(socket, asio::buffer(answer),
                               asio::redirect_error(use_awaitable, error));
    if (error) co_return;
  }
}

awaitable<void> controlLoop(tcp::acceptor& acceptor, phum::tools::FaultPlanner& planner,
                            const phum::tools::ProxyStats& stats) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
    asio::co_spawn(acceptor.get_executor(), serveControl(std::move(socket), planner, stats),
                   asio::detached);
  }
}

int run(const std::vector<std::string>& args) {
  std::vector<std::string> rest;
  phum::tools::FaultPlanner planner(phum::tools::parseFaultFlags(args, rest));
  unsigned short targetPort = 0;
  unsigned short listenPort = 0;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if ((rest[i] == "--target" || rest[i] == "--listen") && i + 1 < rest.size()) {
      const unsigned long port = std::stoul(rest[i + 1]);
      if (port > 65535) throw std::invalid_argument(rest[i] + " must be a TCP port number");
      (rest[i] == "--target" ? targetPort : listenPort) = static_cast<unsigned short>(port);
      ++i;
    } else {
      throw std::invalid_argument("unknown option '" + rest[i] + "'");
    }
  }
  if (targetPort == 0) throw std::invalid_argument("--target PORT is required");

  asio::io_context io;
  const auto loopback = asio::ip::make_address("127.0.0.1");
  tcp::acceptor proxyAcceptor(io, tcp::endpoint(loopback, listenPort));
  tcp::acceptor controlAcceptor(io, tcp::endpoint(loopback, 0));
  phum::tools::ProxyStats stats;
  asio::co_spawn(io, acceptLoop(proxyAcceptor, tcp::endpoint(loopback, targetPort), planner, stats),
                 asio::detached);
  asio::co_spawn(io, controlLoop(controlAcceptor, planner, stats), asio::detached);
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int) { io.stop(); });
  std::cout << "proxy listening on " << proxyAcceptor.local_endpoint().port() << "\n"
            << "control listening on " << controlAcceptor.local_endpoint().port() << "\n"
            << "faults: " << planner.describe() << std::endl;
  io.run();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    std::cerr << "fault_proxy: " << e.what() << "\n";
    return 2;
  }
}
