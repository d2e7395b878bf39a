// The household records of the fault tests and benchmarks are valid against the mission form as
// the server validates them: the compiled forms/household_survey.xlsform.md and the gazetteer.
#include <gtest/gtest.h>

#include <set>

#include "forms/engine/validate.h"
#include "household.h"

namespace phum::tools {
namespace {

forms::engine::ValidationOptions withGazetteer() {
  forms::engine::ValidationOptions options;
  options.language = "en";
  options.externalChoices = [](std::string_view file) -> const phum::v1::ChoiceList* {
    return file == "gazetteer.csv" ? &gazetteerChoices() : nullptr;
  };
  return options;
}

TEST(HouseholdFixture, RecordsPassTheFormsOwnValidation) {
  const auto model = std::make_shared<const forms::engine::FormModel>(householdForm());
  for (int index = 0; index < 240; ++index) {
    const auto record = makeHouseholdRecord(index, true);
    EXPECT_EQ(record.form_version(), householdForm().version());
    std::string problems;
    for (const auto& error : forms::engine::validateRecord(model, record, withGazetteer())) {
      problems += error.field() + ": " + error.message() + "\n";
    }
    EXPECT_EQ(problems, "") << "record " << index;
  }
}

TEST(HouseholdFixture, RecordsHaveARosterAndVaryAcrossVillages) {
  std::set<std::string> villages;
  for (int index = 0; index < 60; ++index) {
    const auto record = makeHouseholdRecord(index);
    villages.insert(record.location_code());
    ASSERT_EQ(record.answers().repeats_size(), 1);
    EXPECT_EQ(record.answers().repeats(0).name(), "member");
    EXPECT_GE(record.answers().repeats(0).instances_size(), 3);
  }
  EXPECT_GT(villages.size(), 20u);
}

TEST(HouseholdFixture, ABrokenRecordIsRefused) {
  // The check above proves something only if the same validation refuses a wrong record.
  auto record = makeHouseholdRecord(1, true);
  record.mutable_answers()->mutable_repeats(0)->mutable_instances()->RemoveLast();
  for (auto& answer : *record.mutable_answers()->mutable_answers()) {
    if (answer.name() == "village") answer.mutable_value()->set_text("99999999");
  }
  std::vector<std::string> fields;
  for (const auto& error :
       forms::engine::validateRecord(householdForm(), record, withGazetteer())) {
    fields.push_back(error.field());
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"village", "member"}));
}

// validateRecord checks only the chosen choices against the choice filters (listChoices off);
// the tablet's session lists every offered choice. Both must judge every record alike.
TEST(HouseholdFixture, ValidationJudgesChoicesLikeTheFullListing) {
  const auto model = std::make_shared<const forms::engine::FormModel>(householdForm());
  const auto options = withGazetteer();
  for (int index = 0; index < 40; ++index) {
    auto record = makeHouseholdRecord(index, true);
    const std::string elsewhere = makeHouseholdRecord(index + 7).location_code();
    for (auto& answer : *record.mutable_answers()->mutable_answers()) {
      if (index % 4 == 1 && answer.name() == "village") answer.mutable_value()->set_text(elsewhere);
      if (index % 4 == 2 && answer.name() == "district")
        answer.mutable_value()->set_text(record.location_code().starts_with("01") ? "1402"
                                                                                  : "0102");
      if (index % 4 == 3 && answer.name() == "province") answer.mutable_value()->set_text("99");
    }
    std::string quick;
    for (const auto& error : forms::engine::validateRecord(model, record, options)) {
      quick += error.field() + ": " + error.message() + "\n";
    }
    forms::engine::SessionOptions listing;
    listing.language = options.language;
    listing.nowMillis = record.updated_at_ms();
    listing.externalChoices = options.externalChoices;
    listing.followRepeatCount = false;
    forms::engine::FormSession session(model, listing, record.answers());
    std::string full;
    for (const auto& error : session.errors()) full += error.field + ": " + error.message + "\n";
    EXPECT_EQ(quick, full) << "record " << index;
    if (index % 4 != 0) {
      EXPECT_NE(quick, "") << "record " << index << " should be refused";
    }
  }
}

}  // namespace
}  // namespace phum::tools
