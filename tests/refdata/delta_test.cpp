// Deltas between dataset versions: what a device must download to catch up.
#include "refdata/delta.h"

#include <gtest/gtest.h>

namespace phum::refdata {
namespace {

Dataset agencies(std::string_view rows) {
  ImportResult result = importAgencies(
      parseCsv("licence,name_en,name_km,watch,province\n" + std::string(rows), "agencies.csv"));
  EXPECT_TRUE(result.ok()) << result.report();
  return result.dataset;
}

TEST(Delta, ReportsAddedChangedAndDeletedRows) {
  Dataset v1 = agencies("A,Alpha,ក,no,12\nB,Beta,ខ,no,12\nC,Gamma,គ,no,01\n");
  Dataset v2 = agencies("A,Alpha,ក,no,12\nB,Beta,ខ,yes,12\nD,Delta,ឃ,no,03\n");
  DatasetDiff diff = diffDatasets(v1, v2);
  EXPECT_EQ(diff.added, std::vector<std::string>{"D"});
  EXPECT_EQ(diff.changed, std::vector<std::string>{"B"});
  EXPECT_EQ(diff.deleted, std::vector<std::string>{"C"});

  phum::v1::ReferenceDelta delta = makeDelta(v1, v2);
  EXPECT_EQ(delta.dataset(), "agencies");
  ASSERT_EQ(delta.rows_size(), 3);
  EXPECT_EQ(delta.rows(0).key(), "B");
  EXPECT_FALSE(delta.rows(0).deleted());
  EXPECT_EQ(delta.rows(0).columns().at("watch"), "yes");
  EXPECT_EQ(delta.rows(0).columns().at("name_km"), "ខ");
  EXPECT_EQ(delta.rows(1).key(), "C");
  EXPECT_TRUE(delta.rows(1).deleted());
  EXPECT_TRUE(delta.rows(1).columns().empty());
  EXPECT_EQ(delta.rows(2).key(), "D");
  EXPECT_EQ(delta.rows(2).columns().at("province"), "03");
}

TEST(Delta, IdenticalVersionsGiveAnEmptyDelta) {
  Dataset v1 = agencies("A,Alpha,ក,no,12\n");
  EXPECT_TRUE(diffDatasets(v1, v1).empty());
  EXPECT_EQ(makeDelta(v1, v1).rows_size(), 0);
}

TEST(Delta, ANewColumnChangesEveryRow) {
  Dataset v1 = agencies("A,Alpha,ក,no,12\n");
  ImportResult v2 = importAgencies(parseCsv(
      "licence,name_en,name_km,watch,province,note\nA,Alpha,ក,no,12,renewed\n", "agencies.csv"));
  ASSERT_TRUE(v2.ok()) << v2.report();
  EXPECT_EQ(diffDatasets(v1, v2.dataset).changed, std::vector<std::string>{"A"});
}

TEST(Delta, ApplyingTheDeltaToTheOldVersionGivesTheNewOne) {
  Dataset v1 = agencies("A,Alpha,ក,no,12\nB,Beta,ខ,no,12\nC,Gamma,គ,no,01\n");
  Dataset v2 = agencies("B,Beta,ខ,yes,12\nD,Delta,ឃ,no,03\n");
  phum::v1::ReferenceDelta delta = makeDelta(v1, v2);

  // Through the wire format, as a device receives it.
  phum::v1::ReferenceDelta received;
  ASSERT_TRUE(received.ParseFromString(delta.SerializeAsString()));
  Dataset device = v1;
  applyDelta(device, received);
  EXPECT_EQ(device.rows, v2.rows);
  EXPECT_TRUE(diffDatasets(device, v2).empty());
}

TEST(Delta, FullDeltaBuildsTheDatasetFromNothing) {
  Dataset v1 = agencies("A,Alpha,ក,no,12\nB,Beta,ខ,no,12\n");
  phum::v1::ReferenceDelta full = makeFullDelta(v1);
  EXPECT_EQ(full.rows_size(), 2);
  Dataset device;
  applyDelta(device, full);
  EXPECT_EQ(device.name, "agencies");
  EXPECT_EQ(device.rows, v1.rows);
}

TEST(Delta, RefusesADeltaForAnotherDataset) {
  Dataset v1 = agencies("A,Alpha,ក,no,12\n");
  phum::v1::ReferenceDelta other;
  other.set_dataset("gazetteer");
  EXPECT_THROW(applyDelta(v1, other), std::invalid_argument);
}

}  // namespace
}  // namespace phum::refdata
