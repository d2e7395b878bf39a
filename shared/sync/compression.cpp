#include "sync/compression.h"

#include <zlib.h>
#include <zstd.h>

#include <memory>
#include <stdexcept>

namespace phum::sync {
namespace {

std::optional<std::string> zstdInflate(std::string_view data, std::size_t limit) {
  std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> ctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
  if (!ctx) throw std::bad_alloc();
  std::string out;
  std::string chunk(ZSTD_DStreamOutSize(), '\0');
  ZSTD_inBuffer in{data.data(), data.size(), 0};
  std::size_t lastResult = 1;
  for (;;) {
    ZSTD_outBuffer buf{chunk.data(), chunk.size(), 0};
    lastResult = ZSTD_decompressStream(ctx.get(), &buf, &in);
    if (ZSTD_isError(lastResult)) return std::nullopt;
    out.append(chunk.data(), buf.pos);
    if (out.size() > limit) return std::nullopt;
    // A full output buffer may hide more output still inside the decoder.
    if (in.pos == in.size && buf.pos < buf.size) break;
  }
  if (lastResult != 0) return std::nullopt;  // truncated frame
  return out;
}

std::optional<std::string> gzipInflate(std::string_view data, std::size_t limit) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) throw std::bad_alloc();
  std::unique_ptr<z_stream, decltype(&inflateEnd)> guard(&zs, inflateEnd);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char chunk[16384];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk);
    zs.avail_out = sizeof chunk;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) return std::nullopt;
    out.append(chunk, sizeof chunk - zs.avail_out);
    if (out.size() > limit) return std::nullopt;
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) return std::nullopt;  // truncated
  }
  return out;
}

}  // namespace

std::string zstdCompress(std::string_view data, int level) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  std::size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), level);
  if (ZSTD_isError(n)) {
    throw std::runtime_error(std::string("Could not compress the sync batch: ") +
                             ZSTD_getErrorName(n));
  }
  out.resize(n);
  return out;
}

std::optional<std::string> decodeBody(std::string_view encoding, std::string_view data,
                                      std::size_t limit) {
  if (encoding.empty() || encoding == "identity") {
    if (data.size() > limit) return std::nullopt;
    return std::string(data);
  }
  if (encoding == "zstd") return zstdInflate(data, limit);
  if (encoding == "gzip" || encoding == "x-gzip") return gzipInflate(data, limit);
  return std::nullopt;
}

}  // namespace phum::sync
