// Groups of confirmed duplicates (services/reports/duplicate_groups.h): pairs joined through shared
// records make one group, counted as its smallest uuid, whatever order they were confirmed in.
#include "services/reports/duplicate_groups.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace phum::server::reports {
namespace {

using storage::CountedAs;
using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(DuplicateGroups, PairsSharingARecordAreOneGroupCountedAsItsSmallestUuid) {
  // a-c and b-c: a, b and c are one person, though a-b was never confirmed.
  EXPECT_EQ(groupsOf({{"a", "c"}, {"b", "c"}}), (std::vector<CountedAs>{{"b", "a"}, {"c", "a"}}));
}

TEST(DuplicateGroups, TheRepresentativeDoesNotDependOnTheOrderOfConfirmation) {
  Pairs pairs = {{"d", "e"}, {"b", "e"}, {"a", "d"}, {"x", "y"}, {"c", "y"}};
  const auto expected =
      std::vector<CountedAs>{{"b", "a"}, {"d", "a"}, {"e", "a"}, {"x", "c"}, {"y", "c"}};
  std::sort(pairs.begin(), pairs.end());
  do {
    EXPECT_EQ(groupsOf(pairs), expected);
  } while (std::next_permutation(pairs.begin(), pairs.end()));
}

TEST(DuplicateGroups, NoConfirmedPairsLeaveEveryRecordCounted) {
  EXPECT_TRUE(groupsOf({}).empty());
}

}  // namespace
}  // namespace phum::server::reports
