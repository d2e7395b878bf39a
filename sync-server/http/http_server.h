#pragma once
// The HTTP/1.1 front of phum-server: one I/O thread running C++20 coroutines (a slow 2G upload
// holds a suspended coroutine, not a thread) and a small pool for storage work.
#include <functional>

#include "storage/server_store.h"
#include "server_options.h"

namespace phum::server {

// Serves until SIGTERM or SIGINT, then stops accepting, finishes in-flight requests (up to
// options.shutdownGrace) and returns 0. `onListening` gets the bound port once accepting.
int runHttpServer(const ServerOptions& options, ServerStore& store,
                  const std::function<void(unsigned short port)>& onListening);

}  // namespace phum::server
