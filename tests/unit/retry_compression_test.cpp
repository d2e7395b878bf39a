// RetryPolicy (backoff with full jitter) and body compression.
#include <gtest/gtest.h>
#include <zlib.h>

#include "sync/compression.h"
#include "sync/retry_policy.h"

namespace phum::sync {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

TEST(RetryPolicy, CeilingDoublesFromOneSecondToFiveMinutes) {
  RetryPolicy policy;
  EXPECT_EQ(policy.ceiling(0), milliseconds(0));
  EXPECT_EQ(policy.ceiling(1), seconds(1));
  EXPECT_EQ(policy.ceiling(2), seconds(2));
  EXPECT_EQ(policy.ceiling(4), seconds(8));
  EXPECT_EQ(policy.ceiling(9), seconds(256));
  EXPECT_EQ(policy.ceiling(10), minutes(5));
  EXPECT_EQ(policy.ceiling(100000), minutes(5));  // no overflow after days offline
}

TEST(RetryPolicy, DelayIsFullJitterWithinTheCeiling) {
  RetryPolicy policy(seconds(1), minutes(5), 42);
  bool sawSmall = false;
  bool sawLarge = false;
  for (int i = 0; i < 200; ++i) {
    auto d = policy.nextDelay(6);  // ceiling 32 s
    EXPECT_GE(d, milliseconds(0));
    EXPECT_LE(d, seconds(32));
    sawSmall |= d < seconds(8);
    sawLarge |= d > seconds(24);
  }
  EXPECT_TRUE(sawSmall);
  EXPECT_TRUE(sawLarge);
}

TEST(RetryPolicy, SameSeedSameDelaysAndNextAttemptIsAfterNow) {
  RetryPolicy a(seconds(1), minutes(5), 7);
  RetryPolicy b(seconds(1), minutes(5), 7);
  for (int i = 1; i < 20; ++i) EXPECT_EQ(a.nextDelay(i), b.nextDelay(i));
  std::int64_t at = a.nextAttemptAt(1'000'000, 3);
  EXPECT_GE(at, 1'000'000);
  EXPECT_LE(at, 1'004'000);
}

std::string gzip(const std::string& data) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

TEST(Compression, ZstdAndGzipRoundTrip) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "household_migration member " + std::to_string(i) + "\n";
  std::string packed = zstdCompress(text);
  EXPECT_LT(packed.size(), text.size() / 4);
  EXPECT_EQ(decodeBody("zstd", packed), text);
  EXPECT_EQ(decodeBody("gzip", gzip(text)), text);
  EXPECT_EQ(decodeBody("", text), text);
  EXPECT_EQ(decodeBody("identity", text), text);
}

TEST(Compression, RejectsDamagedUnknownAndOversizedBodies) {
  std::string text(1 << 20, 'a');
  std::string packed = zstdCompress(text);
  EXPECT_FALSE(decodeBody("zstd", packed.substr(0, packed.size() / 2)));  // truncated
  EXPECT_FALSE(decodeBody("zstd", "not zstd at all"));
  EXPECT_FALSE(decodeBody("gzip", gzip(text).substr(0, 20)));
  EXPECT_FALSE(decodeBody("br", "whatever"));
  // A small body that inflates past the limit (a zip bomb) is refused, not inflated.
  EXPECT_FALSE(decodeBody("zstd", packed, 64 * 1024));
  EXPECT_FALSE(decodeBody("gzip", gzip(text), 64 * 1024));
}

}  // namespace
}  // namespace phum::sync
