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

}  // namespace
}  // namespace phum::tools
