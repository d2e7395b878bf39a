// Answers anyone can push: regex() constraints on megabyte answers (linear-time matching, no
// crash), patterns the engine cannot run, and the length limit of answers with its messages.
#include <gtest/gtest.h>

#include <thread>

#include "form_builder.h"
#include "forms/engine/validate.h"
#include "forms/expr/evaluator.h"
#include "forms/expr/regex_match.h"

namespace phum::forms::engine {
namespace {

using namespace phum::forms::testing;
namespace v1 = phum::v1;

constexpr std::size_t kMegabyte = 1'000'000;

Field textWith(const std::string& name, const std::string& constraint,
               std::uint32_t maxLength = 0) {
  Field field = question(v1::FIELD_TYPE_TEXT, name);
  field.set_constraint(constraint);
  field.set_max_length(maxLength);
  return field;
}

v1::Record recordWith(const std::vector<std::pair<std::string, std::string>>& answers) {
  v1::Record record;
  record.set_form_id("household");
  record.set_form_version("2026-11");
  for (const auto& [name, text] : answers) {
    auto* answer = record.mutable_answers()->add_answers();
    answer->set_name(name);
    answer->mutable_value()->set_text(text);
  }
  return record;
}

std::vector<std::string> problems(const v1::FormDefinition& definition, const v1::Record& record,
                                  const std::string& language = "en") {
  ValidationOptions options;
  options.language = language;
  std::vector<std::string> out;
  for (const auto& error : validateRecord(definition, record, options)) {
    out.push_back(error.field() + ": " + error.message());
  }
  return out;
}

// Forms that allow megabyte answers, so the regular-expression engine alone meets them.
v1::FormDefinition patternForm() {
  return form({textWith("letters", "regex(., '^[a-z ]+$')", kMegabyte),
               textWith("digits", "regex(., '^[0-9]+$')", kMegabyte),
               textWith("anything", "regex(., '^.*x.*$')", kMegabyte),
               textWith("nested", "regex(., '^(a+)+$')", kMegabyte)});
}

TEST(AnswerLimits, RegexOnMegabyteAnswersIsLinearAndDoesNotCrash) {
  const std::string letters(kMegabyte, 'a');
  const std::string digits(kMegabyte, '7');
  std::string withX(kMegabyte, 'b');
  withX[kMegabyte / 2] = 'x';
  const std::string catastrophic = std::string(kMegabyte - 1, 'a') + "!";
  EXPECT_TRUE(problems(patternForm(), recordWith({{"letters", letters},
                                                  {"digits", digits},
                                                  {"anything", withX},
                                                  {"nested", letters}}))
                  .empty());
  EXPECT_EQ(problems(patternForm(), recordWith({{"letters", digits},
                                                {"digits", letters},
                                                {"anything", letters},
                                                {"nested", catastrophic}})),
            (std::vector<std::string>{"letters: the answer breaks the form's rule regex(., "
                                      "'^[a-z ]+$')",
                                      "digits: the answer breaks the form's rule regex(., "
                                      "'^[0-9]+$')",
                                      "anything: the answer breaks the form's rule regex(., "
                                      "'^.*x.*$')",
                                      "nested: the answer breaks the form's rule regex(., "
                                      "'^(a+)+$')"}));
}

TEST(AnswerLimits, RegexSearchesLikeOdkAndReadsKhmerPerCharacter) {
  EXPECT_TRUE(expr::regexMatches("tel 012345678", "0[0-9]{8}"));  // a search, not a full match
  EXPECT_FALSE(expr::regexMatches("tel 012345678", "^0[0-9]{8}$"));
  EXPECT_TRUE(expr::regexMatches("សុខា", "^.{4}$"));  // 4 code points, 12 bytes
  EXPECT_TRUE(expr::regexMatches("សុខា", "^\\p{Khmer}+$"));
  EXPECT_FALSE(expr::regexMatches("a\nb", "^a.b$"));  // '.' stops at a line break
}

TEST(AnswerLimits, PatternTheEngineCannotRunIsAClearErrorNotACrash) {
  const auto definition = form({textWith("code", "regex(., '^(ab)\\1$')")});
  EXPECT_EQ(problems(definition, recordWith({{"code", "abab"}})),
            (std::vector<std::string>{
                "code: the form cannot check this answer: the pattern '^(ab)\\1$' in regex() "
                "cannot be used: it uses the backreference \\1, which is not supported (matching "
                "must stay fast on any answer); write the repeated part out, or check it with a "
                "separate rule"}));
  EXPECT_THROW(expr::regexMatches("x", "(?<=a)b"), expr::EvalError);
  EXPECT_EQ(expr::regexPatternProblem("^[a-z]+$"), "");
}

TEST(AnswerLimits, PatternsAreSharedSafelyBetweenThreads) {
  // The server validates on several threads, all compiling and matching through one cache.
  const auto model = std::make_shared<const FormModel>(patternForm());
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const std::string own = "^" + std::to_string((t * 200 + i) % 700) + "[a-z]*$";
        if (!expr::regexMatches(std::to_string((t * 200 + i) % 700) + "abc", own)) ++failures;
        if (!validateRecord(model, recordWith({{"letters", "abc"}, {"digits", "12"}})).empty()) {
          ++failures;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST(AnswerLimits, TextAnswersHaveADefaultLimitCountedInCharacters) {
  const auto definition = form({textWith("story", ""), textWith("note", "")});
  const std::string khmer10000 = [] {
    std::string text;
    for (int i = 0; i < 10'000; ++i) text += "ក";  // 3 bytes each
    return text;
  }();
  EXPECT_TRUE(
      problems(definition, recordWith({{"story", std::string(10'000, 'a')}, {"note", khmer10000}}))
          .empty());
  EXPECT_EQ(problems(definition,
                     recordWith({{"story", std::string(10'001, 'a')}, {"note", khmer10000 + "ខ"}})),
            (std::vector<std::string>{
                "story: the answer is too long: 10001 characters, at most 10000 are allowed; "
                "shorten it",
                "note: the answer is too long: 10001 characters, at most 10000 are allowed; "
                "shorten it"}));
}

TEST(AnswerLimits, AFormMaySetItsOwnLimitPerQuestion) {
  const auto definition = form({textWith("story", "", 20'000), textWith("code", "", 4)});
  EXPECT_TRUE(
      problems(definition, recordWith({{"story", std::string(20'000, 'a')}, {"code", "ab12"}}))
          .empty());
  EXPECT_EQ(
      problems(definition, recordWith({{"story", std::string(20'001, 'a')}, {"code", "ab123"}})),
      (std::vector<std::string>{
          "story: the answer is too long: 20001 characters, at most 20000 are allowed; "
          "shorten it",
          "code: the answer is too long: 5 characters, at most 4 are allowed; shorten it"}));
}

TEST(AnswerLimits, TheLimitIsToldInKhmer) {
  const auto definition = form({textWith("code", "", 4)});
  EXPECT_EQ(problems(definition, recordWith({{"code", "abcdef"}}), "km"),
            (std::vector<std::string>{"code: ចម្លើយនេះវែងពេក៖ មាន ៦ តួអក្សរ "
                                      "ប៉ុន្តែអនុញ្ញាតយ៉ាងច្រើនបំផុត ៤ តួអក្សរ។ "
                                      "សូមសរសេរឱ្យខ្លីជាងនេះ។"}));
}

TEST(AnswerLimits, TheLimitComesBeforeTheConstraintAndAppliesToEveryTypedAnswer) {
  Field choice = question(v1::FIELD_TYPE_SELECT_ONE, "choice");
  choice.set_list_name("yes_no");
  Field device = question(v1::FIELD_TYPE_DEVICEID, "device");
  const auto definition =
      form({textWith("code", "regex(., '(a)\\1')", 10), choice, device, calculate("calc", "''")},
           {choiceList("yes_no", {{"yes", "Yes"}, {"no", "No"}})});
  const std::string huge(kMegabyte, 'y');
  auto record = recordWith({{"code", std::string(11, 'a')}, {"choice", huge}, {"device", huge}});
  EXPECT_EQ(problems(definition, record),
            (std::vector<std::string>{
                "code: the answer is too long: 11 characters, at most 10 are allowed; shorten it",
                "choice: the answer is too long: 1000000 characters, at most 10000 are allowed; "
                "shorten it",
                "device: the answer is too long: 1000000 characters, at most 10000 are allowed; "
                "shorten it"}));
}

TEST(AnswerLimits, ATypeErrorQuotesOnlyTheStartOfAHugeAnswer) {
  const auto definition = form({question(v1::FIELD_TYPE_INTEGER, "age")});
  const auto found = problems(definition, recordWith({{"age", std::string(kMegabyte, '9') + "x"}}));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_LT(found[0].size(), 120u) << found[0];
  EXPECT_NE(found[0].find("…' is not a whole number"), std::string::npos) << found[0];
}

}  // namespace
}  // namespace phum::forms::engine
