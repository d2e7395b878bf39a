// The export's ZIP writer read back by libzip: ZIP64 where an archive needs it (more than 65,535
// entries; sizes and offsets past 4 GiB, checked with the writer's ZIP64 threshold lowered so no
// test writes 4 GiB), and plain ZIP 2.0 otherwise.
#include "services/zip_stream.h"

#include <gtest/gtest.h>

#include <string>

#include "export_reader.h"
#include "services/zip_pipeline.h"

namespace phum::server {
namespace {

using phum::testing::unzip;

constexpr std::int64_t kWhen = 1'790'000'000'000;

std::string entryText(int i) { return "row " + std::to_string(i) + ",ភូមិ\n"; }

bool hasZip64End(const std::string& archive) {
  return archive.find(std::string("PK\x06\x06", 4)) != std::string::npos;
}

TEST(ZipStream, MoreThan65535EntriesGetAZip64End) {
  constexpr int kEntries = 70'000;
  ZipStream zip;
  std::string archive;
  for (int i = 0; i < kEntries; ++i) {
    zip.beginEntry("part-" + std::to_string(i) + ".csv", kWhen);
    zip.write(entryText(i));
    zip.endEntry();
    archive += zip.output();  // taken as it comes, as the HTTP response does
    zip.output().clear();
  }
  zip.finish();
  archive += zip.output();
  EXPECT_TRUE(hasZip64End(archive));
  const auto files = unzip(archive);
  ASSERT_EQ(files.size(), static_cast<std::size_t>(kEntries));
  for (int i : {0, 65'534, 65'535, 65'536, kEntries - 1}) {
    EXPECT_EQ(files.at("part-" + std::to_string(i) + ".csv"), entryText(i)) << i;
  }
}

TEST(ZipStream, SizesAndOffsetsPastTheLimitGoInZip64Fields) {
  ZipStream zip(1000);  // as if 4 GiB were 1000 bytes
  std::string big;
  for (int i = 0; i < 2000; ++i) big += entryText(i);  // over the limit before and after deflate
  zip.beginEntry("big.csv", kWhen);
  for (std::size_t at = 0; at < big.size(); at += 777)
    zip.write(std::string_view(big).substr(at, 777));
  zip.endEntry();
  for (int i = 0; i < 3; ++i) {  // past the limit: 64-bit offsets
    zip.beginEntry("after-" + std::to_string(i) + ".csv", kWhen);
    zip.write(entryText(i));
    zip.endEntry();
  }
  zip.finish();
  const std::string archive = zip.output();
  EXPECT_TRUE(hasZip64End(archive));
  const auto files = unzip(archive);
  ASSERT_EQ(files.size(), 4u);
  EXPECT_EQ(files.at("big.csv"), big);
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(files.at("after-" + std::to_string(i) + ".csv"), entryText(i));
}

TEST(ZipStream, ASmallArchiveStaysPlainZip) {
  ZipStream zip;
  zip.beginEntry("household_survey.csv", kWhen);
  zip.write("\xEF\xBB\xBFuuid,name\n1,ស្រីមុំ\n");
  zip.endEntry();
  zip.finish();
  const std::string archive = zip.output();
  EXPECT_FALSE(hasZip64End(archive));
  EXPECT_EQ(archive.find(std::string("\x01\x00\x18\x00", 4)), std::string::npos)
      << "no ZIP64 extra field";
  EXPECT_EQ(unzip(archive).at("household_survey.csv"), "\xEF\xBB\xBFuuid,name\n1,ស្រីមុំ\n");
}

// The export deflates on a second thread: the archive must be the bytes ZipStream writes alone,
// however the pieces are taken, with the writer ahead of the deflating thread by its bound.
TEST(ZipPipeline, WritesTheBytesZipStreamWrites) {
  ZipStream direct;
  ZipPipeline pipeline;
  std::string archive;
  for (int entry = 0; entry < 3; ++entry) {
    const std::string name = "form-" + std::to_string(entry) + ".csv";
    direct.beginEntry(name, kWhen);
    pipeline.beginEntry(name, kWhen);
    for (int piece = 0; piece < 40; ++piece) {
      std::string bytes = pipeline.buffer();
      for (int row = 0; row < 2000; ++row) bytes += entryText(entry * 100000 + piece * 2000 + row);
      direct.write(bytes);
      pipeline.write(std::move(bytes));
      if (piece % 7 == 0) archive += pipeline.take(false);
    }
    direct.endEntry();
    pipeline.endEntry();
  }
  direct.finish();
  pipeline.finish();
  archive += pipeline.take(true);
  EXPECT_EQ(archive.size(), direct.output().size());
  EXPECT_TRUE(archive == direct.output());
  EXPECT_EQ(pipeline.take(true), "");
}

TEST(ZipPipeline, AnAbandonedArchiveStopsTheThread) {
  ZipPipeline pipeline;
  pipeline.beginEntry("left.csv", kWhen);
  for (int piece = 0; piece < 10; ++piece) pipeline.write(std::string(100000, 'x'));
  // Destroyed with steps pending, as when an HTTP client goes away: must not hang.
}

TEST(ZipPipeline, AMisuseOnTheSecondThreadIsThrownToTheWriter) {
  ZipPipeline pipeline;
  pipeline.write("no entry begun");
  EXPECT_THROW(pipeline.take(true), std::logic_error);
}

}  // namespace
}  // namespace phum::server
