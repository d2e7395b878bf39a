#pragma once
// The HTTP/1.1 front of phum-server: one I/O thread running C++20 coroutines (a slow 2G upload
// holds a suspended coroutine, not a thread) and a small pool for storage work.
#include <functional>

#include "server_options.h"
#include "services/services.h"

namespace phum::server {

// Serves until SIGTERM or SIGINT, then stops accepting, finishes in-flight requests (up to
// options.shutdownGrace) and returns 0. `onListening` gets the bound port once accepting.
int runHttpServer(const ServerOptions& options, Services& services,
                  const std::function<void(unsigned short port)>& onListening);

}  // namespace phum::server
