#pragma once
// A ZIP archive written front to back without seeking, so it can go straight into an HTTP
// response or a pipe: each entry is deflated (zlib, raw deflate) as its bytes arrive, and its CRC
// and sizes follow it in a data descriptor. Only the central directory (one small entry per file)
// is held until the end. Entries or archives over 4 GiB, and archives of more than 65,535 entries,
// get ZIP64 fields (a 64-bit data descriptor, ZIP64 extra fields in the central directory and a
// ZIP64 end record); smaller archives stay plain ZIP 2.0 for the oldest readers.
#include <zlib.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace phum::server {

class ZipStream {
 public:
  // Sizes and offsets above `zip64Above` are written in ZIP64 fields. Only tests lower it, to check
  // the ZIP64 layout with a reader without writing 4 GiB.
  explicit ZipStream(std::uint64_t zip64Above = 0xFFFFFFFEull);
  ~ZipStream();
  ZipStream(const ZipStream&) = delete;
  ZipStream& operator=(const ZipStream&) = delete;

  // Starts a file (UTF-8 name); the previous one must be ended.
  void beginEntry(const std::string& name, std::int64_t modifiedAtMs);
  void write(std::string_view bytes);
  void endEntry();
  // Writes the central directory; nothing may be added after it.
  void finish();

  // The archive bytes produced so far that the caller has not taken yet.
  std::string& output() { return out_; }

 private:
  struct Entry {
    std::string name;
    std::uint32_t crc = 0;
    std::uint64_t compressed = 0;
    std::uint64_t size = 0;
    std::uint64_t offset = 0;
    std::uint16_t time = 0, date = 0;
  };
  void deflateInto(int flush);
  void emit(std::string_view bytes);
  bool zip64(const Entry& entry) const;
  void centralEntry(std::string& out, const Entry& entry) const;
  void endRecords(std::string& out, std::uint64_t start, std::uint64_t size) const;

  std::uint64_t zip64Above_;
  z_stream zlib_{};
  bool inEntry_ = false;
  std::vector<Entry> entries_;
  std::string out_;
  std::uint64_t written_ = 0;  // bytes of the archive so far
};

}  // namespace phum::server
