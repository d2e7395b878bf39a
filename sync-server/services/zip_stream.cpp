#include "services/zip_stream.h"

#include <algorithm>
#include <ctime>
#include <stdexcept>
#include <tuple>

namespace phum::server {

namespace {

constexpr std::uint16_t kVersion = 20;    // 2.0: deflate, data descriptor
constexpr std::uint16_t kFlags = 0x0808;  // bit 3: sizes in a data descriptor; bit 11: UTF-8
constexpr std::uint16_t kDeflated = 8;
constexpr std::uint64_t kLimit = 0xFFFFFFFFull;
// Fast compression: CSV shrinks well even at level 1, and the export is bound by it otherwise.
constexpr int kLevel = 1;

void put16(std::string& out, std::uint16_t value) {
  out.push_back(static_cast<char>(value & 0xFF));
  out.push_back(static_cast<char>(value >> 8));
}

void put32(std::string& out, std::uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>(value >> shift));
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

[[noreturn]] void tooLarge() {
  throw std::runtime_error(
      "the export is larger than 4 GiB, which this ZIP writer does not support; narrow it with "
      "the filters (form, place, dates)");
}

}  // namespace

ZipStream::ZipStream() {
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
  if (entry.offset > kLimit) tooLarge();
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
  if (entry.size > kLimit) tooLarge();
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
  if (entry.compressed > kLimit) tooLarge();
  std::string descriptor;
  put32(descriptor, 0x08074b50);
  put32(descriptor, entry.crc);
  put32(descriptor, static_cast<std::uint32_t>(entry.compressed));
  put32(descriptor, static_cast<std::uint32_t>(entry.size));
  emit(descriptor);
  inEntry_ = false;
}

void ZipStream::finish() {
  endEntry();
  const std::uint64_t start = written_;
  std::string directory;
  for (const Entry& entry : entries_) {
    put32(directory, 0x02014b50);
    put16(directory, 0x0300 | kVersion);  // made by: Unix
    put16(directory, kVersion);
    put16(directory, kFlags);
    put16(directory, kDeflated);
    put16(directory, entry.time);
    put16(directory, entry.date);
    put32(directory, entry.crc);
    put32(directory, static_cast<std::uint32_t>(entry.compressed));
    put32(directory, static_cast<std::uint32_t>(entry.size));
    put16(directory, static_cast<std::uint16_t>(entry.name.size()));
    put16(directory, 0);               // extra
    put16(directory, 0);               // comment
    put16(directory, 0);               // disk
    put16(directory, 0);               // internal attributes
    put32(directory, 0100644u << 16);  // external: a regular file, rw-r--r--
    put32(directory, static_cast<std::uint32_t>(entry.offset));
    directory += entry.name;
  }
  const std::uint64_t directorySize = directory.size();
  if (start + directorySize > kLimit || entries_.size() > 0xFFFF) tooLarge();
  put32(directory, 0x06054b50);
  put16(directory, 0);
  put16(directory, 0);
  put16(directory, static_cast<std::uint16_t>(entries_.size()));
  put16(directory, static_cast<std::uint16_t>(entries_.size()));
  put32(directory, static_cast<std::uint32_t>(directorySize));
  put32(directory, static_cast<std::uint32_t>(start));
  put16(directory, 0);
  emit(directory);
}

}  // namespace phum::server
