// FormSession: what the tablet sees while a record is filled in.
#include <gtest/gtest.h>

#include <stdexcept>

#include "form_builder.h"
#include "forms/engine/form_session.h"

namespace phum::forms::engine {
namespace {

using namespace phum::forms::testing;
namespace v1 = phum::v1;

Field withRelevant(Field field, const std::string& relevant) {
  field.set_relevant(relevant);
  return field;
}

// A household interview: migration questions only for those who migrated; a member roster.
v1::FormDefinition householdForm() {
  Field age = question(v1::FIELD_TYPE_INTEGER, "age");
  age.set_constraint(". >= 15 and . <= 120");
  (*age.mutable_constraint_messages())["en"] = "Age must be between 15 and 120";
  (*age.mutable_constraint_messages())["km"] = "អាយុត្រូវនៅចន្លោះ ១៥ និង ១២០";
  age.set_required("true()");
  Field migrated = question(v1::FIELD_TYPE_SELECT_ONE, "migrated");
  migrated.set_list_name("yes_no");
  migrated.set_required("true()");
  Field country = question(v1::FIELD_TYPE_SELECT_ONE, "country");
  country.set_list_name("countries");
  country.set_required("true()");
  (*country.mutable_required_messages())["en"] = "Say where they went";
  Field province = question(v1::FIELD_TYPE_SELECT_ONE, "province");
  province.set_list_name("provinces");
  province.set_choice_filter("country = ${country}");
  Field years = question(v1::FIELD_TYPE_INTEGER, "years_away");
  years.set_constraint(". <= ${age} - 15");
  Field memberCount = question(v1::FIELD_TYPE_INTEGER, "member_count");
  Field members =
      repeat("members",
             {question(v1::FIELD_TYPE_TEXT, "m_name"), question(v1::FIELD_TYPE_INTEGER, "m_income"),
              calculate("m_label", "concat(position(..), ': ', ${m_name})")});
  members.set_repeat_count("${member_count}");
  return form({age, migrated,
               withRelevant(group("migration", {country, province, years,
                                                calculate("years_home", "${age} - ${years_away}")}),
                            "${migrated} = 'yes'"),
               calculate("age_next_year", "${age} + 1"),
               calculate("decade", "int(${age_next_year} div 10)"),
               withRelevant(question(v1::FIELD_TYPE_TEXT, "elder_note"), "${decade} >= 6"),
               memberCount, members, calculate("total_income", "sum(${m_income})")},
              {choiceList("yes_no", {{"yes", "Yes", "បាទ/ចាស"}, {"no", "No", "ទេ"}}),
               choiceList("countries", {{"th", "Thailand"}, {"my", "Malaysia"}}),
               choiceList("provinces", {{"bkk", "Bangkok", "", "country", "th"},
                                        {"cm", "Chiang Mai", "", "country", "th"},
                                        {"kl", "Kuala Lumpur", "", "country", "my"}})});
}

class Session : public ::testing::Test {
 protected:
  Session() : model(std::make_shared<const FormModel>(householdForm())), session(model) {}
  std::shared_ptr<const FormModel> model;
  FormSession session;
};

TEST_F(Session, RelevanceFollowsAnswersAndGroups) {
  EXPECT_FALSE(session.state("migration").relevant);
  EXPECT_FALSE(session.state("country").relevant);  // inherited from the group
  session.setAnswer("migrated", "yes");
  EXPECT_TRUE(session.state("country").relevant);
  EXPECT_TRUE(session.state("years_away").relevant);
  session.setAnswer("migrated", "no");
  EXPECT_FALSE(session.state("years_away").relevant);
}

TEST_F(Session, RequiredOnlyWhenRelevant) {
  auto paths = [&] {
    std::vector<std::string> out;
    for (const auto& error : session.errors()) out.push_back(error.field + ": " + error.message);
    return out;
  };
  EXPECT_EQ(paths(), (std::vector<std::string>{"age: an answer is required",
                                               "migrated: an answer is required"}));
  session.setAnswer("age", "30");
  session.setAnswer("migrated", "yes");
  EXPECT_EQ(paths(), (std::vector<std::string>{"country: Say where they went"}));
  session.setAnswer("country", "th");
  EXPECT_TRUE(paths().empty());
}

TEST_F(Session, ConstraintsUseTheSessionLanguage) {
  session.setAnswer("age", "12");
  EXPECT_FALSE(session.state("age").valid);
  EXPECT_EQ(session.state("age").message, "Age must be between 15 and 120");
  FormSession khmer(model, SessionOptions{.language = "km"});
  khmer.setAnswer("age", "១២");
  EXPECT_EQ(khmer.state("age").message, "អាយុត្រូវនៅចន្លោះ ១៥ និង ១២០");
  khmer.setAnswer("age", "២០");
  EXPECT_TRUE(khmer.state("age").valid);
}

TEST_F(Session, ConstraintReferencingAnotherFieldIsRecheckedWhenThatFieldChanges) {
  session.setAnswer("migrated", "yes");
  session.setAnswer("age", "30");
  session.setAnswer("years_away", "10");
  EXPECT_TRUE(session.state("years_away").valid);
  session.setAnswer("age", "20");
  EXPECT_FALSE(session.state("years_away").valid);
  EXPECT_EQ(session.state("years_away").message,
            "the answer breaks the form's rule . <= ${age} - 15");
  EXPECT_EQ(session.state("years_home").value, "10");
}

TEST_F(Session, CalculationsCascade) {
  session.setAnswer("age", "58");
  EXPECT_EQ(session.state("age_next_year").value, "59");
  EXPECT_EQ(session.state("decade").value, "5");
  EXPECT_FALSE(session.state("elder_note").relevant);
  session.setAnswer("age", "59");
  EXPECT_EQ(session.state("decade").value, "6");
  EXPECT_TRUE(session.state("elder_note").relevant);
  session.setAnswer("age", "");
  EXPECT_EQ(session.state("age_next_year").value, "");
  EXPECT_FALSE(session.state("elder_note").relevant);
}

TEST_F(Session, ChoiceFiltersFollowTheFilteringAnswer) {
  session.setAnswer("migrated", "yes");
  session.setAnswer("country", "th");
  EXPECT_EQ(session.state("province").choices, (std::vector<std::string>{"bkk", "cm"}));
  session.setAnswer("province", "cm");
  EXPECT_TRUE(session.state("province").valid);
  session.setAnswer("country", "my");
  EXPECT_EQ(session.state("province").choices, (std::vector<std::string>{"kl"}));
  EXPECT_FALSE(session.state("province").valid);
  EXPECT_EQ(session.state("province").message, "'cm' is not one of the choices offered");
}

TEST_F(Session, RepeatCountAddsAndRemovesInstances) {
  session.setAnswer("member_count", "3");
  EXPECT_EQ(session.instanceCount("members"), 3u);
  session.setAnswer("members[1]/m_income", "100");
  session.setAnswer("members[3]/m_income", "50");
  session.setAnswer("members[2]/m_income", "25");
  session.setAnswer("members[2]/m_name", "Dara");
  EXPECT_EQ(session.state("members[2]/m_label").value, "2: Dara");
  EXPECT_EQ(session.state("total_income").value, "175");
  session.setAnswer("member_count", "2");
  EXPECT_EQ(session.instanceCount("members"), 2u);
  EXPECT_EQ(session.state("total_income").value, "125");
  EXPECT_THROW(session.addRepeatInstance("members"), std::invalid_argument);
  EXPECT_THROW(session.state("members[3]/m_income"), std::invalid_argument);
}

TEST(SessionRepeats, AddingAndRemovingInstancesRenumbersAndResums) {
  auto model = std::make_shared<const FormModel>(
      form({repeat("trips", {question(v1::FIELD_TYPE_INTEGER, "days"),
                             calculate("trip_no", "position(..)")}),
            calculate("total_days", "sum(${days})"), calculate("trip_count", "count(${trips})")}));
  FormSession session(model);
  for (int i = 0; i < 3; ++i) session.addRepeatInstance("trips");
  session.setAnswer("trips[1]/days", "1");
  session.setAnswer("trips[2]/days", "20");
  session.setAnswer("trips[3]/days", "300");
  EXPECT_EQ(session.state("total_days").value, "321");
  EXPECT_EQ(session.state("trip_count").value, "3");
  session.removeRepeatInstance("trips", 2);
  EXPECT_EQ(session.state("total_days").value, "301");
  EXPECT_EQ(session.state("trip_count").value, "2");
  EXPECT_EQ(session.state("trips[2]/trip_no").value, "2");
  EXPECT_EQ(session.state("trips[2]/days").value, "300");
  session.addRepeatInstance("trips");
  EXPECT_EQ(session.state("trip_count").value, "3");
  EXPECT_EQ(session.state("total_days").value, "");  // the new trip has no days yet: NaN
}

TEST(SessionRepeats, NestedRepeatsResolveThroughEachLevel) {
  auto model = std::make_shared<const FormModel>(
      form({repeat("members",
                   {question(v1::FIELD_TYPE_TEXT, "m_name"),
                    repeat("jobs", {question(v1::FIELD_TYPE_INTEGER, "wage"),
                                    calculate("who", "concat(${m_name}, '#', position(..))")}),
                    calculate("m_wages", "sum(${wage})")}),
            calculate("all_wages", "sum(${wage})")}));
  FormSession session(model);
  session.addRepeatInstance("members");
  session.addRepeatInstance("members");
  session.setAnswer("members[2]/m_name", "Srey");
  session.addRepeatInstance("members[2]/jobs");
  session.addRepeatInstance("members[2]/jobs");
  session.addRepeatInstance("members[1]/jobs");
  session.setAnswer("members[2]/jobs[1]/wage", "10");
  session.setAnswer("members[2]/jobs[2]/wage", "5");
  session.setAnswer("members[1]/jobs[1]/wage", "7");
  EXPECT_EQ(session.state("members[2]/m_wages").value, "15");
  EXPECT_EQ(session.state("members[1]/m_wages").value, "7");
  EXPECT_EQ(session.state("all_wages").value, "22");
  EXPECT_EQ(session.state("members[2]/jobs[2]/who").value, "Srey#2");
}

TEST(SessionRepeats, NonRelevantRepeatsCountNothing) {
  Field trips = repeat("trips", {question(v1::FIELD_TYPE_INTEGER, "days")});
  trips.set_relevant("${travelled} = 'yes'");
  auto model = std::make_shared<const FormModel>(
      form({question(v1::FIELD_TYPE_TEXT, "travelled"), trips,
            calculate("trip_count", "count(${trips})"), calculate("total", "sum(${days})")}));
  FormSession session(model);
  // The repeat's own relevance is readable even before it has an entry (a form shows no
  // "add a trip" button then).
  EXPECT_FALSE(session.repeatState("trips").relevant);
  EXPECT_THROW(session.repeatState("travelled"), std::invalid_argument);
  session.setAnswer("travelled", "yes");
  EXPECT_TRUE(session.repeatState("trips").relevant);
  session.addRepeatInstance("trips");
  session.setAnswer("trips[1]/days", "4");
  EXPECT_EQ(session.state("trip_count").value, "1");
  EXPECT_EQ(session.state("total").value, "4");
  session.setAnswer("travelled", "no");
  EXPECT_FALSE(session.state("trips[1]/days").relevant);
  EXPECT_EQ(session.state("trip_count").value, "0");
  EXPECT_EQ(session.state("total").value, "0");
  EXPECT_EQ(session.answers().repeats_size(), 0);
}

TEST(SessionDefaults, LiteralAndDynamicDefaults) {
  Field village = question(v1::FIELD_TYPE_TEXT, "village");
  village.set_default_value("Kampong Cham");
  Field memberVillage = question(v1::FIELD_TYPE_TEXT, "m_village");
  memberVillage.set_default_value("${village}");
  Field locked = question(v1::FIELD_TYPE_TEXT, "locked");
  locked.set_read_only("${village} != ''");
  Field job = question(v1::FIELD_TYPE_SELECT_ONE, "job");
  job.set_list_name("jobs");
  job.set_or_other(true);
  auto model = std::make_shared<const FormModel>(
      form({village, locked, job, repeat("members", {memberVillage})},
           {choiceList("jobs", {{"farmer", "Farmer"}})}));
  FormSession session(model);
  EXPECT_EQ(session.state("village").value, "Kampong Cham");
  EXPECT_TRUE(session.state("locked").readOnly);
  session.setAnswer("village", "Siem Reap");
  session.addRepeatInstance("members");
  EXPECT_EQ(session.state("members[1]/m_village").value, "Siem Reap");
  session.setAnswer("village", "Battambang");  // a default is taken once, not kept in step
  EXPECT_EQ(session.state("members[1]/m_village").value, "Siem Reap");
  session.setAnswer("job", "other");
  EXPECT_TRUE(session.state("job").valid);
  session.setAnswer("job", "pilot");
  EXPECT_FALSE(session.state("job").valid);
}

TEST(SessionTitle, InstanceNameIsEvaluated) {
  v1::FormDefinition definition = form({question(v1::FIELD_TYPE_TEXT, "head")});
  definition.set_instance_name("concat('Household of ', ${head})");
  FormSession session(std::make_shared<const FormModel>(definition));
  session.setAnswer("head", "Sokha");
  EXPECT_EQ(session.instanceName(), "Household of Sokha");
}

TEST(SessionIncremental, OneAnswerReevaluatesOnlyItsDependents) {
  std::vector<Field> fields;
  v1::FormDefinition definition = form({});
  for (int i = 0; i < 100; ++i) {
    std::string name = "q";  // appended: GCC 12 -O3 misreports `"q" + to_string` (-Wrestrict)
    name += std::to_string(i);
    Field q = question(v1::FIELD_TYPE_INTEGER, name);
    q.set_constraint(". < 1000");
    *definition.add_fields() = q;
  }
  *definition.add_fields() = calculate("double_q5", "${q5} * 2");
  FormSession session(std::make_shared<const FormModel>(definition));
  std::uint64_t before = session.evaluationCount();
  session.setAnswer("q5", "21");
  EXPECT_EQ(session.evaluationCount() - before, 2u);  // q5 itself and double_q5
  EXPECT_EQ(session.state("double_q5").value, "42");
  before = session.evaluationCount();
  session.reevaluateAll();
  EXPECT_EQ(session.evaluationCount() - before, 101u);
}

TEST_F(Session, AnswersRoundTripThroughTheRecordFormat) {
  session.setAnswer("age", "33");
  session.setAnswer("migrated", "yes");
  session.setAnswer("country", "th");
  session.setAnswer("member_count", "2");
  session.setAnswer("members[2]/m_name", "Bopha");
  v1::AnswerSet saved = session.answers();
  FormSession reopened(model);
  reopened.load(saved);
  EXPECT_TRUE(reopened.loadErrors().empty());
  EXPECT_EQ(reopened.state("age").value, "33");
  EXPECT_EQ(reopened.instanceCount("members"), 2u);
  EXPECT_EQ(reopened.state("members[2]/m_label").value, "2: Bopha");
  EXPECT_EQ(reopened.answers().SerializeAsString(), saved.SerializeAsString());
  // A non-relevant answer is kept in a draft but not sent.
  session.setAnswer("migrated", "no");
  bool sendsCountry = false;
  v1::AnswerSet sent = session.answers();
  for (const auto& answer : sent.answers()) sendsCountry |= answer.name() == "country";
  EXPECT_FALSE(sendsCountry);
  EXPECT_EQ(session.answers(false).answers_size(), session.answers().answers_size() + 1);
}

TEST_F(Session, TypeMismatchesAreShownOnTheField) {
  session.setAnswer("age", "thirty");
  EXPECT_FALSE(session.state("age").valid);
  EXPECT_EQ(session.state("age").message, "'thirty' is not a whole number");
  EXPECT_EQ(session.state("age_next_year").value, "");
  session.setAnswer("age", "30.5");
  EXPECT_EQ(session.state("age").message, "'30.5' is not a whole number");
}

TEST_F(Session, BadPathsSayWhatIsWrong) {
  auto messageOf = [&](const std::string& path) {
    try {
      session.setAnswer(path, "1");
    } catch (const std::invalid_argument& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(messageOf("nope"), "this form has no field 'nope'");
  EXPECT_EQ(
      messageOf("m_name"),
      "'m_name' is inside the repeat 'members': write e.g. members[1]/m_name (path 'm_name')");
  EXPECT_EQ(messageOf("members[4]/m_name"), "there is no instance 4 of 'members' (it has 0)");
  EXPECT_EQ(messageOf("migration"), "'migration' is a group or note and takes no answer");
}

}  // namespace
}  // namespace phum::forms::engine
