// The CSV files shipped in data/reference import without a single issue.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "refdata/delta.h"

namespace phum::refdata {
namespace {

const std::filesystem::path kReferenceDir =
    std::filesystem::path(PHUM_SOURCE_DIR) / "data" / "reference";

ImportResult importShipped(DatasetKind kind, const Dataset* gazetteer = nullptr) {
  return importDataset(kind, readCsvFile(kReferenceDir / datasetFileName(kind)), gazetteer);
}

TEST(ShippedData, GazetteerImportsCleanlyWithAll25Provinces) {
  ImportResult result = importShipped(DatasetKind::Gazetteer);
  ASSERT_TRUE(result.ok()) << result.report();
  std::set<std::string> provinces;
  for (const auto& [code, columns] : result.dataset.rows) {
    if (columns.at("level") == "province") provinces.insert(code);
    EXPECT_FALSE(columns.at("name_km").empty()) << code;
  }
  ASSERT_EQ(provinces.size(), 25u);
  EXPECT_EQ(*provinces.begin(), "01");
  EXPECT_EQ(*provinces.rbegin(), "25");
  EXPECT_EQ(result.dataset.find("25")->at("name_en"), "Tboung Khmum");
  // Border and sending provinces carry districts for the location cascade.
  for (const char* province : {"01", "02", "03", "09", "14", "17", "20", "22"}) {
    bool hasDistrict = false;
    for (const auto& [code, columns] : result.dataset.rows) {
      hasDistrict =
          hasDistrict || (columns.at("level") == "district" && columns.at("parent") == province);
    }
    EXPECT_TRUE(hasDistrict) << "province " << province;
  }
}

TEST(ShippedData, OtherDatasetsImportCleanlyAgainstTheGazetteer) {
  ImportResult gazetteer = importShipped(DatasetKind::Gazetteer);
  ASSERT_TRUE(gazetteer.ok()) << gazetteer.report();
  for (DatasetKind kind :
       {DatasetKind::Agencies, DatasetKind::CrossingPoints, DatasetKind::ReferralDirectory}) {
    ImportResult result = importShipped(kind, &gazetteer.dataset);
    EXPECT_TRUE(result.ok()) << result.report();
    EXPECT_FALSE(result.dataset.rows.empty()) << datasetName(kind);
  }
}

TEST(ShippedData, WholeDirectoryImportsInOneCall) {
  std::vector<ImportResult> results = importReferenceDirectory(kReferenceDir);
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[0].dataset.name, "gazetteer");
  EXPECT_EQ(results[3].dataset.name, "referral_directory");
  for (const ImportResult& result : results) EXPECT_TRUE(result.ok()) << result.report();
  EXPECT_THROW(importReferenceDirectory(kReferenceDir / "missing"), CsvError);
}

TEST(ShippedData, CrossingPointsIncludeTheMainBorderCheckpoints) {
  ImportResult result = importShipped(DatasetKind::CrossingPoints);
  ASSERT_TRUE(result.ok()) << result.report();
  for (const char* code : {"POIPET", "CHAMYEAM", "OSMACH", "BAVET"}) {
    EXPECT_NE(result.dataset.find(code), nullptr) << code;
  }
}

TEST(ShippedData, FullGazetteerDeltaRoundTrips) {
  ImportResult result = importShipped(DatasetKind::Gazetteer);
  ASSERT_TRUE(result.ok()) << result.report();
  phum::v1::ReferenceDelta delta = makeFullDelta(result.dataset);
  EXPECT_EQ(static_cast<std::size_t>(delta.rows_size()), result.dataset.rows.size());
  Dataset device;
  applyDelta(device, delta);
  EXPECT_EQ(device.rows, result.dataset.rows);
}

}  // namespace
}  // namespace phum::refdata
