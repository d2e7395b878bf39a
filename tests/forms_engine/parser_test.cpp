#include "forms/expr/parser.h"

#include <gtest/gtest.h>

namespace phum::forms::expr {
namespace {

std::string errorOf(std::string_view source, Dialect dialect = Dialect::Field) {
  ParseResult result = parseExpression(source, dialect);
  EXPECT_FALSE(result.ok()) << source;
  return result.error ? result.error->message : "";
}

TEST(Parser, AcceptsTheXlsFormSubset) {
  for (const char* source : {
           "${age} >= 18 and ${age} <= 60",
           ". > 0 or . = ''",
           "-${a} + 2 * 3 div 4 mod 5 - -1",
           "if(selected(${langs}, 'km'), 'yes', \"no\")",
           "jr:choice-name(${sex}, '${sex}')",
           "count(${members}) != sum(${m_age})",
           "position(..)",
           "format-date(today(), '%Y-%m-%d')",
           "not(true()) = false()",
           "string-length(.) <= 10",
           ".5 + 3.25",
           "regex(., '^[0-9]{9}$')",
       }) {
    ParseResult result = parseExpression(source);
    EXPECT_TRUE(result.ok()) << source << ": "
                             << (result.error ? result.error->message : std::string());
  }
}

TEST(Parser, PrecedenceFollowsXPath) {
  ParseResult result = parseExpression("1 + 2 * 3 = 7 or 1 = 2 and 3 = 4");
  ASSERT_TRUE(result.ok());
  const Expr& root = *result.expr;
  ASSERT_EQ(root.kind, Expr::Kind::Binary);
  EXPECT_EQ(root.op, BinaryOp::Or);
  EXPECT_EQ(root.args[1].op, BinaryOp::And);
  const Expr& equality = root.args[0];
  EXPECT_EQ(equality.op, BinaryOp::Eq);
  EXPECT_EQ(equality.args[0].op, BinaryOp::Add);
  EXPECT_EQ(equality.args[0].args[1].op, BinaryOp::Mul);
}

TEST(Parser, UnclosedCallNamesTheOpeningColumn) {
  ParseResult result = parseExpression("if(${a} > 1, 'x', 'y'");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->message, "expected ')' to close 'if(' opened at column 1");
  EXPECT_EQ(result.error->offset, 21u);

  EXPECT_EQ(errorOf("1 + if(${a}, 2, 3"), "expected ')' to close 'if(' opened at column 5");
  EXPECT_EQ(errorOf("(1 + 2"), "expected ')' to close '(' opened at column 1");
}

TEST(Parser, ColumnsCountKhmerCharactersNotBytes) {
  // "ក" is three bytes in UTF-8 but one column.
  ParseResult result = parseExpression("'ក' = concat(${a}");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->message, "expected ')' to close 'concat(' opened at column 7");
  EXPECT_EQ(result.error->column, 18u);
  EXPECT_EQ(result.error->offset, 19u);
}

TEST(Parser, ExplainsOtherMistakes) {
  EXPECT_EQ(errorOf(""), "the expression is empty");
  EXPECT_EQ(errorOf("age > 5"),
            "unknown word 'age': write field references as ${age} and text in quotes");
  EXPECT_EQ(errorOf("foo(1)"), "unknown function 'foo()'");
  EXPECT_EQ(errorOf("substring('abc', 1)"),
            "unknown function 'substring()'; did you mean substr()?");
  EXPECT_EQ(errorOf("if(1, 2)"), "if() takes 3 arguments, got 2");
  EXPECT_EQ(errorOf("substr('a')"), "substr() takes 2 to 3 arguments, got 1");
  EXPECT_EQ(errorOf("coalesce(1)"), "coalesce() takes at least 2 arguments, got 1");
  EXPECT_EQ(errorOf("today(1)"), "today() takes 0 arguments, got 1");
  EXPECT_EQ(errorOf("${age"), "expected '}' to close '${age' opened at column 1");
  EXPECT_EQ(errorOf("${}"), "expected a field name after '${'");
  EXPECT_EQ(errorOf("$age"), "'$' must start a field reference written ${name}");
  EXPECT_EQ(errorOf("'abc"), "text opened with ' at column 1 is never closed");
  EXPECT_EQ(errorOf("1 +"), "the expression ends where a value was expected");
  EXPECT_EQ(errorOf("1 2"), "unexpected '2' after a complete expression");
  EXPECT_EQ(errorOf("* 2"), "unexpected '*' where a value was expected");
}

TEST(Parser, RefusesExpressionsNestedTooDeeply) {
  EXPECT_TRUE(parseExpression(std::string(50, '(') + "1" + std::string(50, ')')).ok());
  EXPECT_EQ(errorOf(std::string(5000, '(') + "1" + std::string(5000, ')')),
            "the expression is nested too deeply (over 100 levels)");
  EXPECT_EQ(errorOf(std::string(5000, '-') + "1"),
            "the expression is nested too deeply (over 100 levels)");
}

TEST(Parser, ChoiceFiltersMayNameChoiceColumns) {
  EXPECT_EQ(errorOf("province = ${province}"),
            "unknown word 'province': write field references as ${province} and text in quotes");
  ParseResult result =
      parseExpression("province = ${province} and name != 'x'", Dialect::ChoiceFilter);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.expr->args[0].args[0].kind, Expr::Kind::Column);
  EXPECT_EQ(result.expr->args[0].args[0].text, "province");
}

TEST(Parser, ReferencedFieldsAreDistinctAndInOrder) {
  EXPECT_EQ(referencedFields("${b} + ${a} * ${b} + jr:choice-name(${c}, '${c}')"),
            (std::vector<std::string>{"b", "a", "c"}));
  EXPECT_EQ(referencedFields("jr:choice-name(., '${sex}')"), (std::vector<std::string>{"sex"}));
  EXPECT_TRUE(referencedFields("1 +").empty());
  EXPECT_EQ(referencedFields("district = ${d}", Dialect::ChoiceFilter),
            (std::vector<std::string>{"d"}));
}

TEST(Parser, NamesOdkFeaturesPhumCannotEvaluate) {
  ParseResult result =
      parseExpression("instance('cities')/root/item[name = current()/../city]/label");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->unsupported, "instance()");
  EXPECT_EQ(result.error->message.rfind("Phum cannot evaluate instance() yet", 0), 0u);

  // Every such function of one expression is reported, not only the first.
  result = parseExpression("concat(jr:itext('x'), property('deviceid'), randomize(${a}))");
  ASSERT_EQ(result.problems.size(), 3u);
  EXPECT_EQ(result.problems[0].unsupported, "jr:itext()");
  EXPECT_EQ(result.problems[1].unsupported, "property()");
  EXPECT_EQ(result.problems[1].column, 23u);
  EXPECT_EQ(result.problems[2].unsupported, "randomize()");

  result = parseExpression("/data/age > 5");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error->unsupported, "XPath paths");
  EXPECT_EQ(
      result.error->message,
      "Phum cannot evaluate XPath paths such as '/data/age' yet; refer to answers as ${name}");
  EXPECT_EQ(parseExpression("../age > 5").error->unsupported, "XPath paths");
  EXPECT_EQ(parseExpression("${a}[1]").error->unsupported, "XPath paths");
  EXPECT_EQ(parseExpression("${a} | ${b}").error->unsupported, "XPath unions");
  EXPECT_EQ(parseExpression("${last-saved#village}").error->unsupported, "${last-saved#...}");
}

TEST(Parser, ExplainsTypographicQuotes) {
  EXPECT_EQ(errorOf("${a} = \u2019yes\u2019"),
            "text in typographic quotes \u2019yes\u2019: write it in straight quotes ' or \" "
            "(spreadsheet AutoCorrect turns them into curly ones)");
  EXPECT_NE(errorOf("selected(${a}, \u2018other\u2019)").find("typographic quotes"),
            std::string::npos);
}

TEST(Parser, ChecksTheShapeOfSpecialArguments) {
  EXPECT_TRUE(parseExpression("indexed-repeat(${a}, ${r}, 1, ${s}, ${n})").ok());
  EXPECT_EQ(errorOf("indexed-repeat(${a}, 'r', 1)"),
            "indexed-repeat() takes ${field}, ${repeat}, index, and up to two more ${repeat}, "
            "index pairs for nested repeats");
  EXPECT_NE(errorOf("indexed-repeat(${a}, ${r}, 1, ${s})").find("indexed-repeat() takes"),
            std::string::npos);
  EXPECT_EQ(errorOf("weighted-checklist(1, 2, true())"),
            "weighted-checklist() takes min, max, then value and weight pairs; got 3 arguments");
}

TEST(Parser, OperatorWordsNeedAnOperandBefore) {
  // `div`, `mod`, `and`, `or` are operators only after an operand; hyphens belong to names.
  ParseResult result = parseExpression("string-length('ab') div 2");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.expr->op, BinaryOp::Div);
  EXPECT_EQ(functionName(result.expr->args[0].function), "string-length");
}

}  // namespace
}  // namespace phum::forms::expr
