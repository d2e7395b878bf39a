#include "services/zip_stream.h"

#include <algorithm>
#include <ctime>
#include <stdexcept>
#include <tuple>

namespace phum::server {

namespace {

constexpr std::uint16_t kVersion = 20;    // 2.0: deflate, data descriptor
constexpr std::uint16_t kVersion64 = 45;  // 4.5: ZIP64
constexpr std::uint16_t kFlags = 0x0808;  // bit 3: sizes in a data descriptor; bit 11: UTF-8
constexpr std::uint16_t kDeflated = 8;
constexpr std::uint32_t kMore32 = 0xFFFFFFFFu;  // "see the ZIP64 field"
constexpr std::uint16_t kMore16 = 0xFFFF;
// Fast compression: CSV shrinks well even at level 1, and the export is bound by it otherwise.
constexpr int kLevel = 1;

void put16(std::string& out, std::uint16_t value) {
  out.push_back(static_cast<char>(value & 0xFF));
  out.push_back(static_cast<char>(value >> 8));
}

void put32(std::string& out, std::uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>(value >> shift));
}

void put64(std::string& out, std::uint64_t value) {
  for (int shift = 0; shift < 64; shift += 8) out.push_back(static_cast<char>(value >> shift));
}

// MS-DOS date and time of the entry, in Cambodia (UTC+7) where its users are.
std::pair<std::uint16_t, std::uint16_t> dosTime(std::int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000 + 7 * 3600);
  std::tm t{};
  gmtime_r(&seconds, &t);
  const int year = std::max(t.tm_year + 1900, 1980);
  return {static_cast<std::uint16_t>((t.tm_hour << 11) | (t.tm_min << 5) | (t.tm_sec / 2)),
          static_cast<std::uint16_t>(((year - 1980) << 9) | ((t.tm_mon + 1) << 5) | t.tm_mday)};
}

}  // namespace

ZipStream::ZipStream(std::uint64_t zip64Above) : zip64Above_(zip64Above) {
  if (deflateInit2(&zlib_, kLevel, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zlib could not start a deflate stream (out of memory?)");
  }
}

ZipStream::~ZipStream() { deflateEnd(&zlib_); }

void ZipStream::emit(std::string_view bytes) {
  out_.append(bytes);
  written_ += bytes.size();
}

void ZipStream::beginEntry(const std::string& name, std::int64_t modifiedAtMs) {
  if (inEntry_) throw std::logic_error("ZipStream: an entry is already open");
  Entry entry;
  entry.name = name;
  entry.offset = written_;
  std::tie(entry.time, entry.date) = dosTime(modifiedAtMs);
  std::string header;
  put32(header, 0x04034b50);
  put16(header, kVersion);
  put16(header, kFlags);
  put16(header, kDeflated);
  put16(header, entry.time);
  put16(header, entry.date);
  put32(header, 0);  // CRC and sizes: in the data descriptor
  put32(header, 0);
  put32(header, 0);
  put16(header, static_cast<std::uint16_t>(name.size()));
  put16(header, 0);
  header += name;
  emit(header);
  entry.crc = static_cast<std::uint32_t>(crc32(0, nullptr, 0));
  entries_.push_back(std::move(entry));
  deflateReset(&zlib_);
  inEntry_ = true;
}

void ZipStream::deflateInto(int flush) {
  char buffer[64 * 1024];
  do {
    zlib_.next_out = reinterpret_cast<Bytef*>(buffer);
    zlib_.avail_out = sizeof buffer;
    const int status = deflate(&zlib_, flush);
    if (status == Z_STREAM_ERROR) throw std::runtime_error("zlib deflate failed");
    const std::size_t produced = sizeof buffer - zlib_.avail_out;
    entries_.back().compressed += produced;
    emit(std::string_view(buffer, produced));
  } while (zlib_.avail_out == 0);
}

void ZipStream::write(std::string_view bytes) {
  if (!inEntry_) throw std::logic_error("ZipStream: write outside an entry");
  Entry& entry = entries_.back();
  entry.crc = static_cast<std::uint32_t>(crc32(
      entry.crc, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
  entry.size += bytes.size();
  zlib_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zlib_.avail_in = static_cast<uInt>(bytes.size());
  deflateInto(Z_NO_FLUSH);
}

void ZipStream::endEntry() {
  if (!inEntry_) return;
  zlib_.next_in = nullptr;
  zlib_.avail_in = 0;
  deflateInto(Z_FINISH);
  const Entry& entry = entries_.back();
  std::string descriptor;
  put32(descriptor, 0x08074b50);
  put32(descriptor, entry.crc);
  // An entry over 4 GiB has 8-byte sizes here; readers take the sizes from the central directory.
  if (entry.compressed > zip64Above_ || entry.size > zip64Above_) {
    put64(descriptor, entry.compressed);
    put64(descriptor, entry.size);
  } else {
    put32(descriptor, static_cast<std::uint32_t>(entry.compressed));
    put32(descriptor, static_cast<std::uint32_t>(entry.size));
  }
  emit(descriptor);
  inEntry_ = false;
}

bool ZipStream::zip64(const Entry& entry) const {
  return entry.size > zip64Above_ || entry.compressed > zip64Above_ || entry.offset > zip64Above_;
}

void ZipStream::centralEntry(std::string& out, const Entry& entry) const {
  // ZIP64 extra field: the values whose 32-bit field says kMore32, in this order.
  std::string extra;
  if (zip64(entry)) {
    put16(extra, 0x0001);
    put16(extra, 24);
    put64(extra, entry.size);
    put64(extra, entry.compressed);
    put64(extra, entry.offset);
  }
  const std::uint16_t version = zip64(entry) ? kVersion64 : kVersion;
  put32(out, 0x02014b50);
  put16(out, 0x0300 | version);  // made by: Unix
  put16(out, version);
  put16(out, kFlags);
  put16(out, kDeflated);
  put16(out, entry.time);
  put16(out, entry.date);
  put32(out, entry.crc);
  put32(out, zip64(entry) ? kMore32 : static_cast<std::uint32_t>(entry.compressed));
  put32(out, zip64(entry) ? kMore32 : static_cast<std::uint32_t>(entry.size));
  put16(out, static_cast<std::uint16_t>(entry.name.size()));
  put16(out, static_cast<std::uint16_t>(extra.size()));
  put16(out, 0);               // comment
  put16(out, 0);               // disk
  put16(out, 0);               // internal attributes
  put32(out, 0100644u << 16);  // external: a regular file, rw-r--r--
  put32(out, zip64(entry) ? kMore32 : static_cast<std::uint32_t>(entry.offset));
  out += entry.name;
  out += extra;
}

void ZipStream::endRecords(std::string& out, std::uint64_t start, std::uint64_t size) const {
  const std::uint64_t count = entries_.size();
  const bool large = count >= kMore16 || start > zip64Above_ || size > zip64Above_;
  if (large) {
    const std::uint64_t record = start + size;
    put32(out, 0x06064b50);  // ZIP64 end of central directory record
    put64(out, 44);          // its size after this field
    put16(out, 0x0300 | kVersion64);
    put16(out, kVersion64);
    put32(out, 0);  // this disk
    put32(out, 0);  // the directory's disk
    put64(out, count);
    put64(out, count);
    put64(out, size);
    put64(out, start);
    put32(out, 0x07064b50);  // ZIP64 end of central directory locator
    put32(out, 0);
    put64(out, record);
    put32(out, 1);  // disks
  }
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, large ? kMore16 : static_cast<std::uint16_t>(count));
  put16(out, large ? kMore16 : static_cast<std::uint16_t>(count));
  put32(out, large ? kMore32 : static_cast<std::uint32_t>(size));
  put32(out, large ? kMore32 : static_cast<std::uint32_t>(start));
  put16(out, 0);
}

void ZipStream::finish() {
  endEntry();
  const std::uint64_t start = written_;
  std::string directory;
  for (const Entry& entry : entries_) centralEntry(directory, entry);
  const std::uint64_t size = directory.size();
  endRecords(directory, start, size);
  emit(directory);
}

}  // namespace phum::server
