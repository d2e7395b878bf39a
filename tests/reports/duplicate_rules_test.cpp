// The likely-duplicate rules with the names field workers actually type: the same person spelled
// two ways must meet, and different people whose names look alike must not.
#include "services/reports/duplicate_rules.h"

#include <gtest/gtest.h>

namespace phum::server::reports {
namespace {

PersonSketch sketch(std::string khmer, std::string latin) {
  PersonSketch person;
  person.nameKhmer = std::move(khmer);
  person.nameLatin = std::move(latin);
  person.sex = "female";
  person.age = 24;
  person.village = "01020304";
  person.day = 20000;
  return person;
}

TEST(DuplicateRules, RomanizationsOfOneNameMeet) {
  const std::pair<const char*, const char*> same[] = {{"Sokha", "Sokhar"},
                                                      {"Srey Pov", "Srei Pouv"},
                                                      {"Chanthy", "Chanthie"},
                                                      {"Dara", "Darah"},
                                                      {"Vanna", "Vana"},
                                                      {"Pich", "Pech"},
                                                      {"Chea Sophal", "Sophal Chea"},
                                                      {"Kim Heng", "Kimheng"},
                                                      {"SOK DARA", "sok dara"},
                                                      {"Chea", "Chear"},
                                                      {"Phally", "Phalley"},
                                                      {"Sreymom", "Srey Mom"}};
  for (const auto& [a, b] : same) EXPECT_TRUE(similarLatinNames(a, b)) << a << " / " << b;
}

TEST(DuplicateRules, DifferentNamesThatLookAlikeStayApart) {
  const std::pair<const char*, const char*> different[] = {
      {"Sokha", "Sokhom"},       {"Chanthy", "Chantha"},       {"Dara", "Dary"},
      {"Vanna", "Vanny"},        {"Sok Dara", "Sok Dararith"}, {"Chan Sokha", "Chan Sopha"},
      {"Srey Pov", "Srey Pich"}, {"Bopha", "Bophal"}};
  for (const auto& [a, b] : different) EXPECT_FALSE(similarLatinNames(a, b)) << a << " / " << b;
}

TEST(DuplicateRules, KhmerSpellingsAllowOneSlipInLongNamesOnly) {
  EXPECT_TRUE(similarKhmerNames("សុខ ដារា", "សុខដារា")) << "a space is not a letter";
  EXPECT_TRUE(similarKhmerNames("ស្រី\u200Bពៅ", "ស្រីពៅ")) << "nor is a zero-width space";
  EXPECT_TRUE(similarKhmerNames("ចាន់ធីតា", "ចាន់ធិតា")) << "one vowel sign in a long name";
  EXPECT_FALSE(similarKhmerNames("ចាន់ធី", "ចាន់ថា")) << "two signs differ";
  EXPECT_FALSE(similarKhmerNames("សុខា", "សុខ")) << "short names must be the same";
  EXPECT_FALSE(similarKhmerNames("", "សុខា"));
}

TEST(DuplicateRules, ThePersonMustMatchBeyondTheName) {
  const PersonSketch a = sketch("ស្រីពៅ", "Srey Pov");
  PersonSketch b = sketch("ស្រី ពៅ", "Srei Pouv");
  b.age = 25;
  b.day = a.day + 30;
  const auto likely = compareSketches(a, b);
  EXPECT_TRUE(likely.likely);
  EXPECT_EQ(likely.reasons.front(), "similar Khmer name");

  PersonSketch other = b;
  other.sex = "male";
  EXPECT_FALSE(compareSketches(a, other).likely);
  EXPECT_EQ(compareSketches(a, other).reasons.front(), "sex differs");
  other = b, other.village = "01020305";
  EXPECT_FALSE(compareSketches(a, other).likely) << "the next village is another family";
  other = b, other.age = 31;
  EXPECT_FALSE(compareSketches(a, other).likely);
  other = b, other.day = a.day + 400, other.age = 25;
  EXPECT_FALSE(compareSketches(a, other).likely) << "outside the window";
  other = b, other.nameKhmer = "ស្រីពេជ្រ";
  EXPECT_FALSE(compareSketches(a, other).likely) << "Latin alike but Khmer names differ";
  other = b, other.sex = "other";
  EXPECT_FALSE(compareSketches(a, other).likely) << "an unknown sex never matches";
}

TEST(DuplicateRules, OneScriptIsEnoughWhenTheOtherIsMissing) {
  PersonSketch a = sketch("", "Chea Sophal");
  PersonSketch b = sketch("ជា សុផល", "Sophal Chea");
  EXPECT_TRUE(compareSketches(a, b).likely);
  b.nameLatin = "";
  EXPECT_FALSE(compareSketches(a, b).likely) << "no script in common";
  EXPECT_EQ(compareSketches(a, b).reasons.front(), "no name to compare");
}

TEST(DuplicateRules, AgesMayDriftWithTheTimeBetween) {
  PersonSketch a = sketch("ដារា", "Dara");
  PersonSketch b = a;
  b.age = 27;
  DuplicateRules rules;
  rules.windowDays = 800;
  EXPECT_FALSE(compareSketches(a, b, rules).likely);
  b.day = a.day + 730;
  EXPECT_TRUE(compareSketches(a, b, rules).likely) << "two years later, three years older";
}

}  // namespace
}  // namespace phum::server::reports
