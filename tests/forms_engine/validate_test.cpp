// validateRecord: what the server says about a pushed record.
#include "forms/engine/validate.h"

#include <gtest/gtest.h>

#include "form_builder.h"
#include "forms/expr/value.h"

namespace phum::forms::engine {
namespace {

using namespace phum::forms::testing;
namespace v1 = phum::v1;

v1::FormDefinition surveyForm() {
  Field age = question(v1::FIELD_TYPE_INTEGER, "age");
  age.set_required("true()");
  age.set_constraint(". >= 15");
  (*age.mutable_constraint_messages())["en"] = "Respondents are 15 or older";
  Field income = question(v1::FIELD_TYPE_DECIMAL, "income");
  Field interview = question(v1::FIELD_TYPE_DATE, "interview_date");
  interview.set_constraint(". <= today()");
  Field worked = question(v1::FIELD_TYPE_SELECT_ONE, "worked_abroad");
  worked.set_list_name("yes_no");
  Field country = question(v1::FIELD_TYPE_SELECT_ONE, "country");
  country.set_list_name("countries");
  country.set_relevant("${worked_abroad} = 'yes'");
  country.set_required("true()");
  Field sectors = question(v1::FIELD_TYPE_SELECT_MULTIPLE, "sectors");
  sectors.set_list_name("sectors");
  sectors.set_relevant("${worked_abroad} = 'yes'");
  Field village = question(v1::FIELD_TYPE_SELECT_ONE, "village");
  village.set_choice_file("gazetteer.csv");
  Field home = question(v1::FIELD_TYPE_GEOPOINT, "home");
  Field memberAge = question(v1::FIELD_TYPE_INTEGER, "m_age");
  memberAge.set_required("true()");
  memberAge.set_constraint(". < 130");
  Field count = question(v1::FIELD_TYPE_INTEGER, "member_count");
  Field members = repeat("members", {question(v1::FIELD_TYPE_TEXT, "m_name"), memberAge});
  members.set_repeat_count("${member_count}");
  return form({age, income, interview, worked, country, sectors, village, home, count, members},
              {choiceList("yes_no", {{"yes", "Yes"}, {"no", "No"}}),
               choiceList("countries", {{"th", "Thailand"}, {"kr", "Korea"}}),
               choiceList("sectors", {{"fishing", "Fishing"}, {"construction", "Construction"}})});
}

v1::Value text(const std::string& value) {
  v1::Value v;
  v.set_text(value);
  return v;
}
v1::Value integer(std::int64_t value) {
  v1::Value v;
  v.set_integer(value);
  return v;
}

void answer(v1::AnswerSet* set, const std::string& name, const v1::Value& value) {
  auto* a = set->add_answers();
  a->set_name(name);
  *a->mutable_value() = value;
}

class Validate : public ::testing::Test {
 protected:
  Validate() : model(std::make_shared<const FormModel>(surveyForm())) {
    record.set_form_id("household");
    record.set_form_version("2026-11");
    // Saved on 2026-11-28 at 10:00 in Cambodia.
    record.set_updated_at_ms(expr::daysFromCivil(2026, 11, 28) * 86400000 + 3 * 3600000);
    auto* answers = record.mutable_answers();
    answer(answers, "age", integer(34));
    answer(answers, "interview_date", text("2026-11-28"));
    answer(answers, "worked_abroad", text("no"));
    answer(answers, "member_count", integer(1));
    auto* group = answers->add_repeats();
    group->set_name("members");
    answer(group->add_instances(), "m_age", integer(34));
  }

  std::vector<std::string> problems(const ValidationOptions& options = {}) {
    std::vector<std::string> out;
    for (const auto& error : validateRecord(model, record, options)) {
      out.push_back(error.field() + ": " + error.message());
    }
    return out;
  }
  v1::Answer* find(const std::string& name) {
    for (auto& a : *record.mutable_answers()->mutable_answers()) {
      if (a.name() == name) return &a;
    }
    return nullptr;
  }

  std::shared_ptr<const FormModel> model;
  v1::Record record;
};

TEST_F(Validate, AcceptsAGoodRecord) { EXPECT_TRUE(problems().empty()); }

TEST_F(Validate, AlsoFromAFormDefinition) {
  EXPECT_TRUE(validateRecord(surveyForm(), record).empty());
}

TEST_F(Validate, TypeChecks) {
  *find("age")->mutable_value() = text("thirty");
  answer(record.mutable_answers(), "income", text("12,5"));
  *find("interview_date")->mutable_value() = text("28/11/2026");
  answer(record.mutable_answers(), "home", text("11.5 104.9"));
  EXPECT_EQ(problems(), (std::vector<std::string>{
                            "age: 'thirty' is not a whole number",
                            "income: '12,5' is not a number",
                            "interview_date: '28/11/2026' is not a date (YYYY-MM-DD)",
                            "home: the answer is text, which does not fit this question",
                        }));
}

TEST(ValidateTypes, TimesDateTimesAcknowledgementsAndPhotos) {
  auto model = std::make_shared<const FormModel>(
      form({question(v1::FIELD_TYPE_TIME, "left_at"), question(v1::FIELD_TYPE_DATETIME, "start"),
            question(v1::FIELD_TYPE_ACKNOWLEDGE, "consent"),
            question(v1::FIELD_TYPE_IMAGE, "photo"), question(v1::FIELD_TYPE_NOTE, "intro")}));
  v1::Record record;
  record.set_form_id("household");
  record.set_form_version("2026-11");
  auto* answers = record.mutable_answers();
  answer(answers, "left_at", text("07:30"));
  answer(answers, "start", text("2026-11-28T09:15:00.000+07:00"));
  v1::Value yes;
  yes.set_acknowledged(true);
  answer(answers, "consent", yes);
  v1::Value photo;
  photo.set_attachment("house.jpg");
  answer(answers, "photo", photo);
  EXPECT_TRUE(validateRecord(model, record).empty());
  answers->mutable_answers(0)->mutable_value()->set_text("25:00");
  answers->mutable_answers(1)->mutable_value()->set_text("yesterday");
  *answers->mutable_answers(3)->mutable_value() = text("house.jpg");
  answer(answers, "intro", text("hello"));
  std::vector<std::string> out;
  for (const auto& error : validateRecord(model, record)) {
    out.push_back(error.field() + ": " + error.message());
  }
  EXPECT_EQ(out, (std::vector<std::string>{
                     "intro: is a group or note and takes no answer",
                     "left_at: '25:00' is not a time of day (HH:MM)",
                     "start: 'yesterday' is not a date and time (YYYY-MM-DDTHH:MM:SS)",
                     "photo: the answer is text, which does not fit this question",
                 }));
}

TEST_F(Validate, KhmerDigitsAndNumericKindsAreAccepted) {
  *find("age")->mutable_value() = text("៣៤");
  v1::Value decimal;
  decimal.set_decimal(250000.5);
  answer(record.mutable_answers(), "income", decimal);
  EXPECT_TRUE(problems().empty());
  find("age")->mutable_value()->set_decimal(34.5);
  EXPECT_EQ(problems(), (std::vector<std::string>{"age: '34.5' is not a whole number"}));
}

TEST_F(Validate, GeopointRange) {
  v1::Value point;
  point.mutable_geopoint()->set_latitude(11.56);
  point.mutable_geopoint()->set_longitude(104.92);
  answer(record.mutable_answers(), "home", point);
  EXPECT_TRUE(problems().empty());
  find("home")->mutable_value()->mutable_geopoint()->set_latitude(95);
  EXPECT_EQ(problems(), (std::vector<std::string>{"home: latitude 95 is outside -90..90"}));
  find("home")->mutable_value()->mutable_geopoint()->set_latitude(11);
  find("home")->mutable_value()->mutable_geopoint()->set_longitude(-200);
  EXPECT_EQ(problems(), (std::vector<std::string>{"home: longitude -200 is outside -180..180"}));
}

TEST_F(Validate, SelectValuesMustBeInTheList) {
  find("worked_abroad")->mutable_value()->set_text("yes");
  answer(record.mutable_answers(), "country", text("jp"));
  v1::Value sectors;
  sectors.mutable_choices()->add_items("fishing");
  sectors.mutable_choices()->add_items("mining");
  answer(record.mutable_answers(), "sectors", sectors);
  EXPECT_EQ(problems(), (std::vector<std::string>{
                            "country: 'jp' is not one of the choices offered",
                            "sectors: 'mining' is not one of the choices offered",
                        }));
}

TEST_F(Validate, ExternalListsAndTheirFiltersAreChecked) {
  answer(record.mutable_answers(), "village", text("01020304"));
  EXPECT_TRUE(problems().empty());  // no dataset given: cannot check
  v1::ChoiceList gazetteer = choiceList(
      "gazetteer", {{"01020399", "Phum Thmei", "ភូមិថ្មី"}, {"01020304", "Phum Chas", "ភូមិចាស់"}});
  (*gazetteer.mutable_choices(0)->mutable_columns())["province"] = "01";
  (*gazetteer.mutable_choices(1)->mutable_columns())["province"] = "02";
  ValidationOptions options;
  options.externalChoices = [&](std::string_view file) -> const v1::ChoiceList* {
    return file == "gazetteer.csv" ? &gazetteer : nullptr;
  };
  EXPECT_TRUE(problems(options).empty());
  find("village")->mutable_value()->set_text("99999999");
  EXPECT_EQ(problems(options),
            (std::vector<std::string>{"village: '99999999' is not one of the choices offered"}));

  // With a choice filter, the village must also lie in the chosen province.
  v1::FormDefinition filtered = surveyForm();
  for (auto& field : *filtered.mutable_fields()) {
    if (field.name() == "village") field.set_choice_filter("province = '01'");
  }
  model = std::make_shared<const FormModel>(filtered);
  find("village")->mutable_value()->set_text("01020304");
  EXPECT_EQ(problems(options),
            (std::vector<std::string>{"village: '01020304' is not one of the choices offered"}));
  find("village")->mutable_value()->set_text("01020399");
  EXPECT_TRUE(problems(options).empty());
}

TEST_F(Validate, RequiredOnlyWhenRelevant) {
  record.mutable_answers()->mutable_answers()->erase(
      record.mutable_answers()->mutable_answers()->begin());  // age
  find("worked_abroad")->mutable_value()->set_text("yes");
  EXPECT_EQ(problems(), (std::vector<std::string>{"age: an answer is required",
                                                  "country: an answer is required"}));
}

TEST_F(Validate, AnswersToNonRelevantQuestionsAreIgnored) {
  // worked_abroad is "no": country and sectors are not asked, so even bad answers do not count.
  answer(record.mutable_answers(), "country", text("jp"));
  answer(record.mutable_answers(), "sectors", integer(3));
  EXPECT_TRUE(problems().empty());
}

TEST_F(Validate, ConstraintsAndTheRecordsOwnDate) {
  find("age")->mutable_value()->set_integer(12);
  find("interview_date")->mutable_value()->set_text("2026-11-29");  // after the save date
  EXPECT_EQ(problems(), (std::vector<std::string>{
                            "age: Respondents are 15 or older",
                            "interview_date: the answer breaks the form's rule . <= today()",
                        }));
}

TEST_F(Validate, RepeatPathsAndRepeatCount) {
  auto* members = record.mutable_answers()->mutable_repeats(0);
  answer(members->add_instances(), "m_age", integer(140));
  EXPECT_EQ(problems(), (std::vector<std::string>{
                            "members: the form expects 1 entries here, the record has 2",
                            "members[2]/m_age: the answer breaks the form's rule . < 130",
                        }));
  find("member_count")->mutable_value()->set_integer(2);
  members->mutable_instances(1)->mutable_answers(0)->mutable_value()->set_integer(40);
  members->mutable_instances(0)->clear_answers();
  EXPECT_EQ(problems(), (std::vector<std::string>{"members[1]/m_age: an answer is required"}));
}

TEST_F(Validate, UnknownAndMisplacedAnswers) {
  answer(record.mutable_answers(), "salary", integer(5));
  answer(record.mutable_answers(), "m_name", text("Dara"));
  answer(record.mutable_answers(), "age", integer(40));
  answer(record.mutable_answers()->mutable_repeats(0)->mutable_instances(0), "income", integer(1));
  auto* stray = record.mutable_answers()->add_repeats();
  stray->set_name("trips");
  EXPECT_EQ(problems(), (std::vector<std::string>{
                            "salary: this form has no field 'salary'",
                            "m_name: belongs inside the repeat 'members'",
                            "age: answered more than once",
                            "members[1]/income: belongs at the top level of the record, not "
                            "inside a repeat",
                            "trips: this form has no field 'trips'",
                        }));
}

TEST_F(Validate, WrongFormVersion) {
  record.set_form_version("2026-10");
  EXPECT_EQ(problems(),
            (std::vector<std::string>{": the record is for form 'household' version '2026-10', not "
                                      "'household' version '2026-11'"}));
}

TEST(FormModelErrors, BadDefinitionsNameTheField) {
  Field broken = question(v1::FIELD_TYPE_INTEGER, "age");
  broken.set_source_row(7);
  broken.set_relevant("${nope} > 1");
  try {
    FormModel model(form({broken}));
    FAIL() << "accepted a reference to a missing field";
  } catch (const FormError& error) {
    EXPECT_STREQ(error.what(),
                 "the relevant of field 'age' (survey row 7) refers to ${nope}, which is not a "
                 "field of this form");
  }
  broken.set_relevant("if(1, 2");
  EXPECT_THROW(FormModel(form({broken})), FormError);
}

}  // namespace
}  // namespace phum::forms::engine
