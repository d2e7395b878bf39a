// Operators, functions and coercions, evaluated by the real engine: each expression is the
// calculation of a calculate field in a real form, read back as the field's value.
#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "form_builder.h"
#include "forms/engine/form_session.h"
#include "forms/expr/value.h"

namespace phum::forms::engine {
namespace {

using namespace phum::forms::testing;
namespace v1 = phum::v1;
using Answers = std::vector<std::pair<std::string, std::string>>;

// 2026-11-28T20:30:00Z, which is already 2026-11-29 03:30 in Cambodia (UTC+7).
const std::int64_t kNow = expr::daysFromCivil(2026, 11, 28) * 86400000 + 20 * 3600000 + 1800000;

v1::FormDefinition expressionForm(const std::string& expression) {
  Field sex = question(v1::FIELD_TYPE_SELECT_ONE, "sex");
  sex.set_list_name("sex");
  Field langs = question(v1::FIELD_TYPE_SELECT_MULTIPLE, "langs");
  langs.set_list_name("langs");
  return form(
      {question(v1::FIELD_TYPE_TEXT, "name"), question(v1::FIELD_TYPE_INTEGER, "age"),
       question(v1::FIELD_TYPE_DECIMAL, "income"), question(v1::FIELD_TYPE_DATE, "dob"), sex, langs,
       repeat("members",
              {question(v1::FIELD_TYPE_TEXT, "m_name"), question(v1::FIELD_TYPE_INTEGER, "m_age"),
               calculate("m_pos", "position(..)"), calculate("m_older", "${m_age} > ${age}"),
               calculate("m_out", expression)}),
       calculate("out", expression)},
      {choiceList("sex", {{"m", "Male", "ប្រុស"}, {"f", "Female", "ស្រី"}}),
       choiceList("langs", {{"km", "Khmer"}, {"en", "English"}, {"th", "Thai"}})});
}

std::unique_ptr<FormSession> sessionFor(const std::string& expression, const Answers& answers,
                                        std::string language = "") {
  SessionOptions options;
  options.nowMillis = kNow;
  options.language = std::move(language);
  auto session = std::make_unique<FormSession>(
      std::make_shared<const FormModel>(expressionForm(expression)), options);
  for (const auto& [path, value] : answers) {
    if (path.starts_with("members[") && session->instanceCount("members") == 0) {
      session->addRepeatInstance("members");
    }
    if (path.starts_with("members[2]") && session->instanceCount("members") == 1) {
      session->addRepeatInstance("members");
    }
    session->setAnswer(path, value);
  }
  return session;
}

std::string calc(const std::string& expression, const Answers& answers = {}) {
  auto session = sessionFor(expression, answers);
  const FieldState& state = session->state("out");
  EXPECT_TRUE(state.valid) << expression << ": " << state.message;
  return state.value;
}

struct Case {
  const char* expression;
  const char* expected;
};

void expectAll(std::initializer_list<Case> cases, const Answers& answers = {}) {
  for (const auto& c : cases) EXPECT_EQ(calc(c.expression, answers), c.expected) << c.expression;
}

TEST(Expressions, Arithmetic) {
  expectAll({{"1 + 2 * 3", "7"},
             {"(1 + 2) * 3", "9"},
             {"7 div 2", "3.5"},
             {"7 mod 3", "1"},
             {"-7 mod 3", "-1"},
             {"-(2 - 5)", "3"},
             {"- - 4", "4"},
             {"1 div 0", "Infinity"},
             {"-1 div 0", "-Infinity"},
             {"string(0 div 0)", "NaN"},
             {"0.1 + 0.2", "0.30000000000000004"},
             {"10 - 2 - 3", "5"},
             {"2 * 3 mod 4", "2"}});
}

TEST(Expressions, ComparisonsFollowXPathTypeRules) {
  expectAll({{"2 < 10", "true"},
             {"'2' < '10'", "true"},    // relational operators always compare numbers
             {"'2' = '2.0'", "false"},  // = on two strings compares text
             {"2 = '2.0'", "true"},     // ... but numbers when one side is a number
             {"1 != 2", "true"},
             {"2 >= 2", "true"},
             {"2 <= 1", "false"},
             {"3 > 2", "true"},
             {"true() = 'x'", "true"},  // booleans win: 'x' is true
             {"false() = ''", "true"},
             {"'abc' = 'abc'", "true"},
             {"'a' < 'b'", "false"},  // NaN < NaN
             {"${age} = ''", "true"},
             {"${age} != ''", "false"}});
  expectAll({{"${age} != ''", "true"}, {"${age} = 5", "true"}, {"${age} = '5'", "true"}},
            {{"age", "5"}});
}

TEST(Expressions, LogicAndBooleans) {
  expectAll({{"true() and false()", "false"},
             {"true() or false()", "true"},
             {"not(false())", "true"},
             {"1 = 1 and 2 = 2 or 1 = 0", "true"},
             {"boolean('')", "false"},
             {"boolean('false')", "true"},
             {"boolean(0)", "false"},
             {"boolean(0 div 0)", "false"},
             {"boolean(-1)", "true"},
             {"string(true())", "true"},
             {"number(true())", "1"},
             {"number(false())", "0"}});
}

TEST(Expressions, EmptyStringIsNaNInNumericContext) {
  expectAll({{"${age} + 1", ""},  // NaN: a calculated value shows empty
             {"string(${age} + 1)", "NaN"},
             {"number('')", ""},
             {"string(number(''))", "NaN"},
             {"number(' 12 ')", "12"},
             {"string(number('12abc'))", "NaN"},
             {"number('-3.5')", "-3.5"},
             {"string(${income})", ""},
             {"string(${income} * 2)", "NaN"}});
  expectAll({{"${income} * 2", "3"}}, {{"income", "1.5"}});
}

TEST(Expressions, KhmerDigitsAreNumbers) {
  EXPECT_EQ(expr::normalizeDigits("០១២៣៤៥៦៧៨៩"), "0123456789");
  EXPECT_EQ(expr::normalizeDigits("ផ្ទះលេខ ១២ ក"), "ផ្ទះលេខ 12 ក");
  expectAll({{"number('២៥') + 1", "26"}, {"'១០' > 9", "true"}});
  auto session = sessionFor("${age} * 2", {{"age", "២៥"}});
  EXPECT_EQ(session->state("age").value, "25");
  EXPECT_EQ(session->state("out").value, "50");
  session->setAnswer("income", "១២.៥");
  EXPECT_EQ(session->state("income").value, "12.5");
}

TEST(Expressions, ConditionalsAndText) {
  expectAll({{"if(${age} > 17, 'adult', 'child')", "child"},
             {"coalesce(${name}, 'unknown')", "unknown"},
             {"coalesce('', ${name}, 'z')", "z"},
             {"concat('a', 1, true(), ${name})", "a1true"},
             {"string-length('ខ្មែរ')", "5"},
             {"string-length('')", "0"},
             {"contains('Phnom Penh', 'Penh')", "true"},
             {"starts-with('Phnom Penh', 'Ph')", "true"},
             {"ends-with('Phnom Penh', 'Phnom')", "false"},
             {"substr('abcdef', 1, 3)", "bc"},
             {"substr('abcdef', 2)", "cdef"},
             {"substr('abc', 5)", ""},
             {"substr('កខគ', 1)", "ខគ"},
             {"regex('012345678', '^0[0-9]{8}$')", "true"},
             {"regex('12345678', '^0[0-9]{8}$')", "false"},
             {"normalize-space('  a   b ')", "a b"},
             {"string(12)", "12"},
             {"string(2.50)", "2.5"}});
  expectAll(
      {{"if(${age} > 17, 'adult', 'child')", "adult"}, {"coalesce(${name}, 'unknown')", "Sokha"}},
      {{"age", "30"}, {"name", "Sokha"}});
}

TEST(Expressions, BadRegexIsReportedNotThrown) {
  auto session = sessionFor("regex(${name}, '([a-z')", {{"name", "abc"}});
  const FieldState& state = session->state("out");
  EXPECT_FALSE(state.valid);
  EXPECT_NE(state.message.find("the pattern '([a-z' in regex() cannot be used: it is not a valid "
                               "regular expression (missing ]: [a-z)"),
            std::string::npos)
      << state.message;
}

TEST(Expressions, Selects) {
  Answers answers{{"langs", "km th"}, {"sex", "f"}};
  expectAll({{"selected(${langs}, 'km')", "true"},
             {"selected(${langs}, 'en')", "false"},
             {"selected(${langs}, ' th ')", "true"},
             {"count-selected(${langs})", "2"},
             {"selected-at(${langs}, 1)", "th"},
             {"selected-at(${langs}, 5)", ""},
             {"${sex} = 'f'", "true"},
             {"jr:choice-name(${sex}, '${sex}')", "Female"},
             {"jr:choice-name(selected-at(${langs}, 0), '${langs}')", "Khmer"}},
            answers);
  auto khmer = sessionFor("jr:choice-name(${sex}, '${sex}')", answers, "km");
  EXPECT_EQ(khmer->state("out").value, "ស្រី");
  EXPECT_EQ(calc("count-selected(${langs})"), "0");
}

TEST(Expressions, NumericFunctions) {
  expectAll({{"int(3.7)", "3"},
             {"int(-3.7)", "-3"},
             {"round(2.5)", "3"},
             {"round(-2.5)", "-2"},
             {"round(3.14159, 2)", "3.14"},
             {"floor(-1.5)", "-2"},
             {"ceiling(1.2)", "2"},
             {"abs(-4)", "4"},
             {"pow(2, 10)", "1024"},
             {"number('7') + 1", "8"},
             {"min(3, 1, 2)", "1"},
             {"max(3, 1, 2)", "3"}});
}

TEST(Expressions, DatesAreDaysSinceEpoch) {
  Answers answers{{"dob", "2026-11-19"}};
  expectAll({{"today()", "2026-11-29"},  // the device's local date, not UTC's
             {"now()", "2026-11-29T03:30:00.000+07:00"},
             {"today() - ${dob}", "10"},
             {"${dob} < today()", "true"},
             {"${dob} = '2026-11-19'", "true"},
             {"${dob} + 1 > '2026-11-19'", "true"},
             {"date('2000-02-29')", "2000-02-29"},
             {"date(${dob} + 13)", "2026-12-02"},
             {"date(0)", "1970-01-01"},
             {"decimal-date-time('1970-01-02')", "1"},
             {"decimal-date-time('1970-01-01T12:00:00Z')", "0.5"},
             {"decimal-date-time('1970-01-01T07:00:00+07:00')", "0"},
             {"format-date(${dob}, '%e %b %Y, %a')", "19 Nov 2026, Thu"},
             {"format-date(${dob}, '%d/%m/%y %n')", "19/11/26 11"},
             {"format-date(now(), '%H:%M:%S.%3 %h')", "03:30:00.000 3"},
             {"format-date(${name}, '%Y')", ""},
             {"int((today() - date('2000-11-28')) div 365.25)", "26"}},
            answers);
  auto session = sessionFor("date('31/12/2020')", {});
  EXPECT_FALSE(session->state("out").valid);
  EXPECT_NE(session->state("out").message.find("date() cannot read '31/12/2020' as a date"),
            std::string::npos);
}

TEST(Expressions, RepeatReferences) {
  Answers answers{{"age", "40"},
                  {"members[1]/m_name", "Dara"},
                  {"members[1]/m_age", "70"},
                  {"members[2]/m_name", "Vibol"},
                  {"members[2]/m_age", "12"}};
  expectAll({{"count(${members})", "2"},
             {"sum(${m_age})", "82"},
             {"max(${m_age})", "70"},
             {"min(${m_age})", "12"},
             {"${m_age} > 60", "true"},  // node-set: true when any instance is
             {"${m_age} > 80", "false"},
             {"concat(${m_name})", "DaraVibol"},
             {"count(${m_name})", "2"},
             {"position(..)", "0"}},
            answers);
  auto session =
      sessionFor("concat(${m_name}, ' ', position(..), '/', count(${members}))", answers);
  EXPECT_EQ(session->state("members[1]/m_pos").value, "1");
  EXPECT_EQ(session->state("members[2]/m_pos").value, "2");
  EXPECT_EQ(session->state("members[1]/m_older").value, "true");  // same instance's m_age
  EXPECT_EQ(session->state("members[2]/m_older").value, "false");
  EXPECT_EQ(session->state("members[2]/m_out").value, "Vibol 2/2");
  EXPECT_EQ(calc("sum(${m_age})", {{"members[1]/m_age", "3"}, {"members[2]/m_name", "x"}}), "");
}

TEST(Expressions, OnceKeepsTheFirstValue) {
  auto session = sessionFor("once(${age})", {{"age", "5"}});
  EXPECT_EQ(session->state("out").value, "5");
  session->setAnswer("age", "6");
  EXPECT_EQ(session->state("out").value, "5");
}

}  // namespace
}  // namespace phum::forms::engine
