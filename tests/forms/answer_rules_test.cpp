// What the compiler says about the answer rules the engine enforces on untrusted answers: regex()
// patterns the linear-time engine cannot run, and the max-length of text questions.
#include <gtest/gtest.h>

#include "forms_test_support.h"

namespace phum::forms {
namespace {

using testing::compileMarkdown;
using testing::describe;
using testing::kSettings;
using testing::onlyError;

// A survey sheet with the columns type | name | label | constraint | parameters.
std::string ruleForm(const std::string& rows) {
  return "## survey\n\n| type | name | label | constraint | parameters |\n|---|---|---|---|---|\n" +
         rows + "\n" + kSettings;
}

void expectErrorAt(const CompileResult& result, int row, const std::string& column,
                   const std::string& words) {
  const Diagnostic d = onlyError(result);
  EXPECT_EQ(d.sheet, "survey");
  EXPECT_EQ(d.row, row);
  EXPECT_EQ(d.column, column);
  EXPECT_NE(d.message.find(words), std::string::npos) << d.message;
}

TEST(AnswerRules, PatternsTheEngineCanRunCompile) {
  const auto result = compileMarkdown(
      ruleForm("| text | a | A | regex(., '^[a-z ]+$') | |\n"
               "| text | b | B | regex(., '^[0-9]+$') and regex(., '\\p{Khmer}*') | |\n"
               "| text | c | C | not(regex(., '^(a+)+$')) | |"));
  EXPECT_TRUE(result.ok()) << describe(result.diagnostics);
}

TEST(AnswerRules, BackreferenceIsRefusedWithWhereAndWhatToChange) {
  const auto result =
      compileMarkdown(ruleForm("| text | a | A | | |\n"
                               "| text | b | B | regex(., '^(ab)\\1$') | |"));
  expectErrorAt(result, 3, "constraint", "the regex() pattern '^(ab)\\1$' cannot be used");
  const Diagnostic d = onlyError(result);
  EXPECT_NE(d.message.find("backreference \\1"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("write the repeated part out"), std::string::npos) << d.message;
  EXPECT_EQ(formatDiagnostic(d, "f.xlsform.md")
                .rfind("f.xlsform.md:6: error: survey row 3, "
                       "column D (constraint): ",
                       0),
            0u)
      << formatDiagnostic(d, "f.xlsform.md");
}

TEST(AnswerRules, LookaroundAndBadPatternsAreRefused) {
  expectErrorAt(compileMarkdown(ruleForm("| text | a | A | regex(., '^(?=.*[0-9]).+$') | |")), 2,
                "constraint", "lookahead or lookbehind ((?=)");
  expectErrorAt(compileMarkdown(ruleForm("| text | a | A | regex(., '(?>a)b') | |")), 2,
                "constraint", "atomic group");
  expectErrorAt(compileMarkdown(ruleForm("| text | a | A | regex(., 'a++') | |")), 2, "constraint",
                "possessive repeat ++");
  expectErrorAt(compileMarkdown(ruleForm("| text | a | A | regex(., '[a-') | |")), 2, "constraint",
                "not a valid regular expression (missing ]: [a-)");
  // Also where a pattern appears in a calculation or a relevance.
  expectErrorAt(
      compileMarkdown("## survey\n\n| type | name | label | relevant |\n|---|---|---|---|\n"
                      "| text | a | A | |\n| text | b | B | regex(${a}, '(x)\\1') |\n" +
                      std::string(kSettings)),
      3, "relevant", "backreference");
}

TEST(AnswerRules, MaxLengthIsCompiledIntoTheField) {
  const auto result =
      compileMarkdown(ruleForm("| text | story | Story | | max-length=20000 |\n"
                               "| text | name | Name | | |\n"
                               "| select_one_from_file g.csv | v | V | | "
                               "value=code, max-length=5 |"));
  // max-length on a select is refused; the other two fields compile as written.
  expectErrorAt(result, 4, "parameters", "max-length only applies to text questions");
  EXPECT_EQ(result.form.fields(0).max_length(), 20000u);
  EXPECT_EQ(result.form.fields(0).parameters(), "max-length=20000");
  EXPECT_EQ(result.form.fields(1).max_length(), 0u);  // the engine's default applies
}

TEST(AnswerRules, BadMaxLengthIsRefused) {
  for (const char* value :
       {"max-length=0", "max-length=abc", "max-length=1000001", "max-length=-5", "max-length="}) {
    SCOPED_TRACE(value);
    expectErrorAt(compileMarkdown(ruleForm("| text | a | A | | " + std::string(value) + " |")), 2,
                  "parameters",
                  "max-length must be a whole number of characters from 1 to 1000000");
  }
  expectErrorAt(compileMarkdown(ruleForm("| text | a | A | | maxlength=30 |")), 2, "parameters",
                "'maxlength' is not a parameter; write max-length=30");
}

}  // namespace
}  // namespace phum::forms
