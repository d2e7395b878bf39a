#pragma once
// The console's pages (sync-server/console/), compiled into phum-server by cmake/EmbedFiles.cmake.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phum::server {

struct EmbeddedFile {
  std::string_view path;  // relative to sync-server/console/, e.g. "app.js"
  std::string_view bytes;
};

const std::vector<EmbeddedFile>& embeddedConsoleFiles();

// What a console file is served as, from its extension.
std::string consoleContentType(std::string_view path);

// The file served at `urlPath` ("/console/", "/console/app.js"), or nothing.
std::optional<EmbeddedFile> findConsoleFile(std::string_view urlPath);

}  // namespace phum::server
