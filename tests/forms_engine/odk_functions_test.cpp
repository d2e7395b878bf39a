// The ODK XForms function list, one test per function, evaluated by the real engine: each
// expression is the calculation of a calculate field in a real form, read back as its value.
#include <gtest/gtest.h>

#include <cmath>
#include <utility>
#include <vector>

#include "form_builder.h"
#include "forms/engine/form_session.h"
#include "forms/expr/parser.h"
#include "forms/expr/value.h"

namespace phum::forms::engine {
namespace {

using namespace phum::forms::testing;
namespace v1 = phum::v1;
using Answers = std::vector<std::pair<std::string, std::string>>;

// 2026-11-28T20:30:00Z, which is already 2026-11-29 03:30 in Cambodia (UTC+7).
const std::int64_t kNow = expr::daysFromCivil(2026, 11, 28) * 86400000 + 20 * 3600000 + 1800000;

v1::FormDefinition functionsForm(const std::string& expression) {
  Field langs = question(v1::FIELD_TYPE_SELECT_MULTIPLE, "langs");
  langs.set_list_name("langs");
  return form({question(v1::FIELD_TYPE_TEXT, "name"), question(v1::FIELD_TYPE_INTEGER, "age"),
               question(v1::FIELD_TYPE_GEOPOINT, "home"), question(v1::FIELD_TYPE_TEXT, "trace"),
               question(v1::FIELD_TYPE_TIME, "start_time"), langs,
               repeat("plots", {question(v1::FIELD_TYPE_GEOPOINT, "corner"),
                                question(v1::FIELD_TYPE_INTEGER, "size"),
                                repeat("trees", {question(v1::FIELD_TYPE_TEXT, "species")})}),
               calculate("out", expression)},
              {choiceList("langs", {{"km", "Khmer"}, {"en", "English"}, {"th", "Thai"}})});
}

v1::ChoiceList villages() {
  v1::ChoiceList list = choiceList(
      "gazetteer", {{"01020304", "Phum Chas", "ភូមិចាស់"}, {"01020399", "Phum Thmei", "ភូមិថ្មី"}});
  (*list.mutable_choices(0)->mutable_columns())["population"] = "812";
  (*list.mutable_choices(1)->mutable_columns())["population"] = "95";
  return list;
}

std::unique_ptr<FormSession> sessionFor(const std::string& expression, const Answers& answers) {
  static const v1::ChoiceList gazetteer = villages();
  SessionOptions options;
  options.nowMillis = kNow;
  options.externalChoices = [](std::string_view file) -> const v1::ChoiceList* {
    return file == "gazetteer.csv" ? &gazetteer : nullptr;
  };
  auto session = std::make_unique<FormSession>(
      std::make_shared<const FormModel>(functionsForm(expression)), options);
  for (const auto& [path, value] : answers) {
    if (value == "+") {  // "+": add an instance of the repeat at `path`
      session->addRepeatInstance(path);
    } else {
      session->setAnswer(path, value);
    }
  }
  return session;
}

std::string calc(const std::string& expression, const Answers& answers = {}) {
  auto session = sessionFor(expression, answers);
  const FieldState& state = session->state("out");
  EXPECT_TRUE(state.valid) << expression << ": " << state.message;
  return state.value;
}

std::string failure(const std::string& expression, const Answers& answers = {}) {
  auto session = sessionFor(expression, answers);
  EXPECT_FALSE(session->state("out").valid) << expression;
  return session->state("out").message;
}

struct Case {
  const char* expression;
  const char* expected;
};

void expectAll(std::initializer_list<Case> cases, const Answers& answers = {}) {
  for (const auto& c : cases) EXPECT_EQ(calc(c.expression, answers), c.expected) << c.expression;
}

double number(const std::string& expression, const Answers& answers = {}) {
  return std::stod(calc(expression, answers));
}

const Answers kPlots = {{"plots", "+"},
                        {"plots[1]/corner", "11.55 104.91"},
                        {"plots[1]/size", "3"},
                        {"plots", "+"},
                        {"plots[2]/corner", "11.56 104.91"},
                        {"plots[2]/size", "4"},
                        {"plots[2]/trees", "+"},
                        {"plots[2]/trees", "+"},
                        {"plots[2]/trees[1]/species", "teak"},
                        {"plots[2]/trees[2]/species", "mango"}};

TEST(OdkFunctions, Join) {
  expectAll({{"join(', ', ${size})", "3, 4"}, {"join('-', 'a', 'b', ${name})", "a-b-"}}, kPlots);
}

TEST(OdkFunctions, SubstringBeforeAndAfter) {
  expectAll({{"substring-before('2026-11-28', '-')", "2026"},
             {"substring-after('2026-11-28', '-')", "11-28"},
             {"substring-before('abc', 'x')", ""},
             {"substring-after('ភូមិ ថ្មី', ' ')", "ថ្មី"}});
}

TEST(OdkFunctions, Translate) {
  expectAll({{"translate('abc-def', 'abc-', 'ABC')", "ABCdef"},
             {"translate('០១២', '០១២', '012')", "012"}});
}

TEST(OdkFunctions, BooleanFromString) {
  expectAll({{"boolean-from-string('true')", "true"},
             {"boolean-from-string('TRUE')", "true"},
             {"boolean-from-string('1')", "true"},
             {"boolean-from-string('yes')", "false"},
             {"boolean-from-string('')", "false"}});
}

TEST(OdkFunctions, MathFunctions) {
  expectAll({{"sqrt(16)", "4"},
             {"exp(0)", "1"},
             {"exp10(3)", "1000"},
             {"log(1)", "0"},
             {"log10(1000)", "3"},
             {"sin(0)", "0"},
             {"cos(0)", "1"},
             {"tan(0)", "0"},
             {"asin(1) * 2 = pi()", "true"},
             {"acos(1)", "0"},
             {"atan(0)", "0"},
             {"round(atan2(1, 1) * 4, 6) = round(pi(), 6)", "true"},
             {"round(pi(), 5)", "3.14159"},
             {"string(sqrt(-1))", "NaN"}});
}

TEST(OdkFunctions, Random) {
  for (int i = 0; i < 20; ++i) {
    const double r = number("random()");
    EXPECT_GE(r, 0.0);
    EXPECT_LT(r, 1.0);
  }
}

TEST(OdkFunctions, Checklist) {
  Answers answers{{"name", "x"}, {"age", "0"}};
  expectAll({{"checklist(1, 2, ${name}, ${age}, true())", "true"},
             {"checklist(3, -1, ${name}, ${age}, true())", "false"},
             {"checklist(-1, 1, ${name}, true())", "false"},
             {"checklist(-1, -1)", "true"}},
            answers);
}

TEST(OdkFunctions, WeightedChecklist) {
  expectAll({{"weighted-checklist(5, 10, true(), 3, false(), 4, 1 = 1, 2)", "true"},
             {"weighted-checklist(6, 10, true(), 3, false(), 4, 1 = 1, 2)", "false"}});
  expectAll({{"weighted-checklist(7, 7, ${size}, ${size})", "true"}}, kPlots);
}

TEST(OdkFunctions, CountNonEmpty) {
  Answers answers = kPlots;
  answers.push_back({"plots", "+"});
  expectAll({{"count-non-empty(${size})", "2"}, {"count(${size})", "3"}}, answers);
}

TEST(OdkFunctions, Uuid) {
  const std::string id = calc("uuid()");
  EXPECT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '4');  // version 4
  EXPECT_NE(id, calc("uuid()"));
  const std::string code = calc("uuid(12)");
  EXPECT_EQ(code.size(), 12u);
  EXPECT_EQ(
      code.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
      std::string::npos);
  EXPECT_NE(failure("uuid(1000000000)").find("uuid() makes random strings of 0 to 10000"),
            std::string::npos);
}

TEST(OdkFunctions, Digest) {
  expectAll({{"digest('abc', 'MD5', 'hex')", "900150983cd24fb0d6963f7d28e17f72"},
             {"digest('abc', 'SHA-1', 'hex')", "a9993e364706816aba3e25717850c26c9cd0d89d"},
             {"digest('abc', 'SHA-256')", "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="},
             {"digest('abc', 'SHA-384', 'hex')",
              "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358ba"
              "eca134c825a7"},
             {"string-length(digest('abc', 'SHA-512', 'hex'))", "128"}});
  EXPECT_NE(failure("digest('abc', 'SHA-3')").find("digest() knows MD5, SHA-1"), std::string::npos);
}

TEST(OdkFunctions, Base64Decode) {
  expectAll({{"base64-decode('UGh1bQ==')", "Phum"},
             {"base64-decode('4Z6X4Z684Z6Y4Z63')", "ភូមិ"},
             {"base64-decode('not base64!')", ""}});
  EXPECT_NE(failure("base64-decode('/w==')").find("not UTF-8"), std::string::npos);
}

TEST(OdkFunctions, PulldataReadsAReferenceDataset) {
  expectAll({{"pulldata('gazetteer', 'population', 'name', '01020399')", "95"},
             {"pulldata('gazetteer', 'label', 'name', '01020304')", "Phum Chas"},
             {"pulldata('gazetteer.csv', 'name', 'population', 812)", "01020304"},
             {"pulldata('gazetteer', 'population', 'name', 'nowhere')", ""},
             {"pulldata('unknown', 'population', 'name', '01020399')", ""}});
  expectAll({{"pulldata('gazetteer', 'population', 'name', ${name}) * 2", "1624"}},
            {{"name", "01020304"}});
}

TEST(OdkFunctions, Version) { EXPECT_EQ(calc("version()"), "2026-11"); }

TEST(OdkFunctions, FormatDateTime) {
  expectAll({{"format-date-time('2026-11-28T20:30:15.250Z', '%Y-%m-%d %H:%M:%S.%3')",
              "2026-11-29 03:30:15.250"},
             {"format-date-time(now(), '%e %b %h:%M, %a')", "29 Nov 3:30, Sun"},
             {"format-date-time('', '%Y')", ""}});
}

TEST(OdkFunctions, DecimalTime) {
  expectAll({{"decimal-time('12:00')", "0.5"},
             {"decimal-time('18:00:00.000+07:00')", "0.75"},
             {"decimal-time('11:00:00Z')", "0.75"},  // 18:00 in Cambodia
             {"decimal-time(${start_time})", ""}});
  expectAll({{"decimal-time(${start_time})", "0.25"}}, {{"start_time", "06:00"}});
}

TEST(OdkFunctions, DateTime) {
  expectAll({{"date-time(0.5)", "1970-01-01T19:00:00.000+07:00"},
             {"date-time('2026-11-28')", "2026-11-28T00:00:00.000+07:00"},
             {"decimal-date-time(date-time(1.25))", "1.25"},
             {"date-time('')", ""}});
}

TEST(OdkFunctions, IndexedRepeat) {
  expectAll({{"indexed-repeat(${size}, ${plots}, 2)", "4"},
             {"indexed-repeat(${size}, ${plots}, 1) + 1", "4"},
             {"indexed-repeat(${size}, ${plots}, 3)", ""},
             {"indexed-repeat(${species}, ${plots}, 2, ${trees}, 2)", "mango"},
             {"count(indexed-repeat(${species}, ${plots}, 2))", "2"}},
            kPlots);
  EXPECT_NE(failure("indexed-repeat(${name}, ${plots}, 1)", kPlots).find("is not inside ${plots}"),
            std::string::npos);
}

TEST(OdkFunctions, IndexedRepeatFollowsChanges) {
  auto session = sessionFor("indexed-repeat(${size}, ${plots}, 2)", kPlots);
  EXPECT_EQ(session->state("out").value, "4");
  session->setAnswer("plots[2]/size", "9");
  EXPECT_EQ(session->state("out").value, "9");
  session->removeRepeatInstance("plots", 1);
  EXPECT_EQ(session->state("out").value, "");
}

TEST(OdkFunctions, Distance) {
  // One hundredth of a degree of latitude on ODK's sphere: 2 * pi * 6378100 / 36000 metres.
  const double step = 2 * M_PI * 6378100 / 36000;
  EXPECT_NEAR(number("distance(${corner})", kPlots), step, 0.01);
  EXPECT_NEAR(number("distance('11.55 104.91 0 0; 11.56 104.91 0 0; 11.57 104.91')"), 2 * step,
              0.01);
  EXPECT_NEAR(number("distance(${home}, '11.56 104.91')", {{"home", "11.55 104.91 12 5"}}), step,
              0.01);
  EXPECT_EQ(calc("distance(${home}, '11.56 104.91')"), "");  // not captured yet
  EXPECT_NE(failure("distance('here; there')").find("distance() received 'here'"),
            std::string::npos);
}

TEST(OdkFunctions, Area) {
  // A square of 0.01 degrees at the equator.
  const double side = 2 * M_PI * 6378100 / 36000;
  EXPECT_NEAR(number("area('0 0; 0 0.01; 0.01 0.01; 0.01 0; 0 0')"), side * side,
              side * side * 1e-4);
  EXPECT_EQ(calc("area('0 0; 0 1')"), "0");
  EXPECT_EQ(calc("enclosed-area('0 0; 0 0.01; 0.01 0.01; 0 0') > 0"), "true");
}

TEST(OdkFunctions, Geofence) {
  const char* shape = "'11 104; 11 105; 12 105; 12 104; 11 104'";
  expectAll({{(std::string("geofence('11.5 104.5', ") + shape + ")").c_str(), "true"}});
  expectAll({{(std::string("geofence('13 104.5', ") + shape + ")").c_str(), "false"}});
  expectAll({{(std::string("geofence(${home}, ") + shape + ")").c_str(), "false"}});
}

TEST(OdkFunctions, IsSelectedIsSelected) {
  expectAll({{"is-selected(${langs}, 'km')", "true"}, {"is-selected(${langs}, 'en')", "false"}},
            {{"langs", "km th"}});
}

TEST(OdkFunctions, EveryFunctionIsNamedOnce) {
  std::vector<std::string_view> known = expr::knownFunctionNames();
  for (std::string_view name : expr::unsupportedFunctionNames()) {
    EXPECT_EQ(std::count(known.begin(), known.end(), name), 0) << name;
  }
  std::sort(known.begin(), known.end());
  EXPECT_EQ(std::adjacent_find(known.begin(), known.end()), known.end());
}

}  // namespace
}  // namespace phum::forms::engine
