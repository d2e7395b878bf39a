#include "api/body_codec.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <stdexcept>

namespace phum::server {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return std::string(text);
}

std::string tooLargeMessage(std::size_t maxBytes) {
  return "the batch is larger than " + std::to_string(maxBytes) +
         " bytes once decompressed; send fewer records per batch";
}

using ZstdContext = std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)>;

// Frames that state their size (every Phum client's do) are inflated in one call into a buffer of
// exactly that size, instead of chunk by chunk into a growing one.
std::optional<std::string> decodeZstdSized(ZSTD_DCtx* context, std::string_view body,
                                           std::size_t size, DecodeError& error) {
  std::string out(size, '\0');
  const std::size_t written =
      ZSTD_decompressDCtx(context, out.data(), out.size(), body.data(), body.size());
  if (ZSTD_isError(written) || written != size) {
    error = {DecodeError::Corrupt,
             std::string("the zstd body could not be decompressed: ") +
                 (ZSTD_isError(written) ? ZSTD_getErrorName(written) : "its size is wrong")};
    return std::nullopt;
  }
  return out;
}

std::optional<std::string> decodeZstd(std::string_view body, std::size_t maxBytes,
                                      DecodeError& error) {
  ZstdContext context(ZSTD_createDCtx(), ZSTD_freeDCtx);
  if (!context) throw std::runtime_error("zstd: out of memory creating a decompression context");
  // One frame filling the whole body, which states its size: the common case.
  const unsigned long long stated = ZSTD_getFrameContentSize(body.data(), body.size());
  const bool oneFrame = ZSTD_findFrameCompressedSize(body.data(), body.size()) == body.size();
  if (oneFrame && stated != ZSTD_CONTENTSIZE_UNKNOWN && stated != ZSTD_CONTENTSIZE_ERROR) {
    if (stated > maxBytes) {
      error = {DecodeError::TooLarge, tooLargeMessage(maxBytes)};
      return std::nullopt;
    }
    return decodeZstdSized(context.get(), body, static_cast<std::size_t>(stated), error);
  }
  std::string out;
  ZSTD_inBuffer in{body.data(), body.size(), 0};
  std::size_t last = 1;
  char chunk[64 * 1024];
  while (in.pos < in.size || last != 0) {
    ZSTD_outBuffer buffer{chunk, sizeof(chunk), 0};
    last = ZSTD_decompressStream(context.get(), &buffer, &in);
    if (ZSTD_isError(last)) {
      error = {DecodeError::Corrupt,
               std::string("the zstd body could not be decompressed: ") + ZSTD_getErrorName(last)};
      return std::nullopt;
    }
    out.append(chunk, buffer.pos);
    if (out.size() > maxBytes) {
      error = {DecodeError::TooLarge, tooLargeMessage(maxBytes)};
      return std::nullopt;
    }
    if (in.pos == in.size && buffer.pos == 0 && last != 0) {
      error = {DecodeError::Corrupt, "the zstd body is truncated"};
      return std::nullopt;
    }
  }
  return out;
}

std::optional<std::string> decodeGzip(std::string_view body, std::size_t maxBytes,
                                      DecodeError& error) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
    throw std::runtime_error("zlib: could not start gzip decompression");
  }
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&stream, inflateEnd);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  stream.avail_in = static_cast<uInt>(body.size());
  std::string out;
  char chunk[64 * 1024];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = sizeof(chunk);
    rc = inflate(&stream, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      const bool truncated = rc == Z_BUF_ERROR;
      error = {DecodeError::Corrupt, truncated ? std::string("the gzip body is truncated")
                                               : std::string("the gzip body could not be "
                                                             "decompressed: ") +
                                                     (stream.msg ? stream.msg : "corrupt data")};
      return std::nullopt;
    }
    out.append(chunk, sizeof(chunk) - stream.avail_out);
    if (out.size() > maxBytes) {
      error = {DecodeError::TooLarge, tooLargeMessage(maxBytes)};
      return std::nullopt;
    }
  }
  return out;
}

std::string encodeZstd(std::string_view body) {
  std::string out(ZSTD_compressBound(body.size()), '\0');
  const std::size_t size = ZSTD_compress(out.data(), out.size(), body.data(), body.size(), 3);
  if (ZSTD_isError(size)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(size));
  out.resize(size);
  return out;
}

std::string encodeGzip(std::string_view body) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zlib: could not start gzip compression");
  }
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&stream, deflateEnd);
  std::string out(deflateBound(&stream, static_cast<uLong>(body.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  stream.avail_in = static_cast<uInt>(body.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  if (deflate(&stream, Z_FINISH) != Z_STREAM_END) {
    throw std::runtime_error("zlib: gzip compression did not finish");
  }
  out.resize(stream.total_out);
  return out;
}

}  // namespace

std::optional<Encoding> parseContentEncoding(std::string_view header) {
  const std::string value = lower(trim(header));
  if (value.empty() || value == "identity") return Encoding::Identity;
  if (value == "zstd") return Encoding::Zstd;
  if (value == "gzip" || value == "x-gzip") return Encoding::Gzip;
  return std::nullopt;
}

Encoding chooseResponseEncoding(std::string_view acceptEncoding) {
  const std::string value = lower(acceptEncoding);
  std::size_t start = 0;
  while (start <= value.size()) {
    const std::size_t comma = std::min(value.find(',', start), value.size());
    std::string item = trim(std::string_view(value).substr(start, comma - start));
    const std::size_t semicolon = item.find(';');
    const bool refused = semicolon != std::string::npos &&
                         trim(std::string_view(item).substr(semicolon + 1)) == "q=0";
    item = trim(std::string_view(item).substr(0, semicolon));
    if (!refused && item == "zstd") return Encoding::Zstd;
    if (!refused && item == "gzip") return Encoding::Gzip;
    start = comma + 1;
  }
  return Encoding::Identity;
}

const char* encodingName(Encoding encoding) {
  switch (encoding) {
    case Encoding::Zstd:
      return "zstd";
    case Encoding::Gzip:
      return "gzip";
    case Encoding::Identity:
      break;
  }
  return "identity";
}

std::optional<std::string> decodeBody(Encoding encoding, std::string_view body,
                                      std::size_t maxBytes, DecodeError& error) {
  switch (encoding) {
    case Encoding::Zstd:
      return decodeZstd(body, maxBytes, error);
    case Encoding::Gzip:
      return decodeGzip(body, maxBytes, error);
    case Encoding::Identity:
      break;
  }
  if (body.size() > maxBytes) {
    error = {DecodeError::TooLarge, tooLargeMessage(maxBytes)};
    return std::nullopt;
  }
  return std::string(body);
}

std::string encodeBody(Encoding encoding, std::string_view body) {
  switch (encoding) {
    case Encoding::Zstd:
      return encodeZstd(body);
    case Encoding::Gzip:
      return encodeGzip(body);
    case Encoding::Identity:
      break;
  }
  return std::string(body);
}

}  // namespace phum::server
