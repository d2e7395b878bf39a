// The question types added for forms from ODK: range (a number on a scale) and rank (choices in
// order), and select_one answers whose choice name has a space. Checked by the real engine, as
// the tablet checks them while typing and the server on every pushed record.
#include <gtest/gtest.h>

#include "form_builder.h"
#include "forms/engine/form_session.h"
#include "forms/engine/validate.h"

namespace phum::forms::engine {
namespace {

using namespace phum::forms::testing;
namespace v1 = phum::v1;

Field rangeField(const std::string& name, double start, double end, double step) {
  Field field = question(v1::FIELD_TYPE_RANGE, name);
  field.mutable_range()->set_start(start);
  field.mutable_range()->set_end(end);
  field.mutable_range()->set_step(step);
  return field;
}

std::shared_ptr<const FormModel> model() {
  Field rank = question(v1::FIELD_TYPE_RANK, "priorities");
  rank.set_list_name("needs");
  Field water = question(v1::FIELD_TYPE_SELECT_ONE, "water");
  water.set_list_name("sources");
  return std::make_shared<const FormModel>(form(
      {rangeField("pain", 1, 10, 1), rangeField("share", 0, 1, 0.25),
       rangeField("countdown", 10, 0, 2), rank, water,
       calculate("top", "selected-at(${priorities}, 0)"), calculate("double_pain", "${pain} * 2")},
      {choiceList("needs", {{"food", "Food"}, {"water", "Water"}, {"work", "Work"}}),
       choiceList("sources", {{"piped water", "Piped"}, {"well", "Well"}})}));
}

TEST(RangeQuestions, AcceptPointsOfTheScaleOnly) {
  FormSession session(model());
  session.setAnswer("pain", "7");
  EXPECT_TRUE(session.state("pain").valid);
  EXPECT_EQ(session.state("double_pain").value, "14");
  session.setAnswer("pain", "១០");  // Khmer digits, as typed on the tablet
  EXPECT_TRUE(session.state("pain").valid);
  EXPECT_EQ(session.state("pain").value, "10");
  session.setAnswer("pain", "11");
  EXPECT_EQ(session.state("pain").message, "'11' is outside the scale 1 to 10");
  session.setAnswer("pain", "2.5");
  EXPECT_EQ(session.state("pain").message, "'2.5' is not a whole number");
  session.setAnswer("share", "0.75");
  EXPECT_TRUE(session.state("share").valid);
  session.setAnswer("share", "0.3");
  EXPECT_EQ(session.state("share").message,
            "'0.3' is not a point of the scale 0 to 1 in steps of 0.25");
  session.setAnswer("countdown", "4");
  EXPECT_TRUE(session.state("countdown").valid);
  session.setAnswer("countdown", "5");
  EXPECT_FALSE(session.state("countdown").valid);
}

TEST(RangeQuestions, TravelAsIntegersOrDecimals) {
  FormSession session(model());
  session.setAnswer("pain", "3");
  session.setAnswer("share", "0.5");
  const v1::AnswerSet answers = session.answers();
  ASSERT_GE(answers.answers_size(), 2);  // and the calculation
  EXPECT_EQ(answers.answers(0).name(), "pain");
  EXPECT_EQ(answers.answers(0).value().integer(), 3);
  EXPECT_EQ(answers.answers(1).name(), "share");
  EXPECT_EQ(answers.answers(1).value().decimal(), 0.5);
  FormSession loaded(model(), {}, answers);
  EXPECT_TRUE(loaded.loadErrors().empty());
  EXPECT_EQ(loaded.state("share").value, "0.5");
}

TEST(RankQuestions, NameEveryChoiceOnce) {
  FormSession session(model());
  session.setAnswer("priorities", "water food work");
  EXPECT_TRUE(session.state("priorities").valid) << session.state("priorities").message;
  EXPECT_EQ(session.state("top").value, "water");
  EXPECT_EQ(session.state("priorities").choices,
            (std::vector<std::string>{"food", "water", "work"}));
  session.setAnswer("priorities", "water food");
  EXPECT_EQ(session.state("priorities").message, "every choice must be ranked; 'work' is missing");
  session.setAnswer("priorities", "water food water work");
  EXPECT_EQ(session.state("priorities").message, "'water' is ranked twice");
  session.setAnswer("priorities", "water food rice");
  EXPECT_EQ(session.state("priorities").message, "'rice' is not one of the choices offered");
}

TEST(RankQuestions, TravelAsAnOrderedList) {
  FormSession session(model());
  session.setAnswer("priorities", "work water food");
  const v1::AnswerSet answers = session.answers();
  ASSERT_EQ(answers.answers(0).value().choices().items_size(), 3);
  EXPECT_EQ(answers.answers(0).value().choices().items(0), "work");
  v1::Record record;
  record.set_form_id("household");
  record.set_form_version("2026-11");
  *record.mutable_answers() = answers;
  EXPECT_TRUE(validateRecord(model(), record).empty());
  record.mutable_answers()
      ->mutable_answers(0)
      ->mutable_value()
      ->mutable_choices()
      ->mutable_items()
      ->RemoveLast();
  const auto problems = validateRecord(model(), record);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message(), "every choice must be ranked; 'food' is missing");
}

TEST(SelectOne, AChoiceNameMayHoldASpace) {
  FormSession session(model());
  session.setAnswer("water", "piped water");
  EXPECT_TRUE(session.state("water").valid) << session.state("water").message;
  session.setAnswer("water", "piped");
  EXPECT_FALSE(session.state("water").valid);
}

}  // namespace
}  // namespace phum::forms::engine
