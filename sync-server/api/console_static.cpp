// GET /console/...: the console's pages from the binary. Every page is public (it holds no data);
// the data comes from /v1/console, which checks the session on every call.
#include "api/console_files.h"
#include "api/sync_api.h"

namespace phum::server {

namespace http = boost::beast::http;

namespace {

constexpr std::string_view kPrefix = "/console/";

// The pages load only their own scripts and styles: an answer that smuggled markup into the page
// could run nothing, and no other site may frame the console.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

}  // namespace

std::string consoleContentType(std::string_view path) {
  const auto dot = path.rfind('.');
  const std::string_view extension = dot == std::string_view::npos ? "" : path.substr(dot + 1);
  if (extension == "html") return "text/html; charset=utf-8";
  if (extension == "js") return "text/javascript; charset=utf-8";
  if (extension == "css") return "text/css; charset=utf-8";
  if (extension == "svg") return "image/svg+xml";
  if (extension == "png") return "image/png";
  return "application/octet-stream";
}

std::optional<EmbeddedFile> findConsoleFile(std::string_view urlPath) {
  if (!urlPath.starts_with(kPrefix)) return std::nullopt;
  std::string_view relative = urlPath.substr(kPrefix.size());
  if (relative.empty()) relative = "index.html";
  for (const auto& file : embeddedConsoleFiles()) {
    if (file.path == relative) return file;
  }
  return std::nullopt;
}

bool isConsolePage(std::string_view path) {
  return path == "/" || path == "/console" || path.starts_with(kPrefix);
}

boost::asio::awaitable<Reply> SyncApi::consolePage(const HttpRequest& request, const Caller&) {
  const std::string_view target = request.target();
  const std::string_view path = target.substr(0, target.find('?'));
  Reply reply;
  if (path == "/" || path == "/console") {
    reply.status = http::status::found;
    reply.contentType = "text/plain; charset=utf-8";
    reply.headers.emplace_back("Location", std::string(kPrefix));
    co_return reply;
  }
  const auto file = findConsoleFile(path);
  if (!file) {
    co_return errorReply(request, http::status::not_found, "not_found",
                         "the console has no page " + std::string(path), false);
  }
  reply.contentType = consoleContentType(file->path);
  reply.body.assign(file->bytes);
  // Always revalidated: after an upgrade the browser must not mix old and new scripts.
  reply.headers.emplace_back("Cache-Control", "no-cache");
  reply.headers.emplace_back("X-Content-Type-Options", "nosniff");
  reply.headers.emplace_back("Referrer-Policy", "no-referrer");
  reply.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  co_return reply;
}

}  // namespace phum::server
