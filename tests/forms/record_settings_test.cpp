// Phum's settings columns location_field and roles: compiled into the FormDefinition, and every
// mistake named at its settings cell.
#include <gtest/gtest.h>

#include "forms_test_support.h"

namespace phum::forms {
namespace {

using testing::compileMarkdown;
using testing::describe;
using testing::onlyError;

// A survey with a place asked at the top level and one inside a repeat.
std::string formWith(const std::string& header, const std::string& values) {
  std::string separator = "|";
  for (char c : header) separator += c == '|' ? "---|" : "";
  separator.resize(separator.size() - 4);
  return "## survey\n\n| type | name | label |\n|---|---|---|\n"
         "| select_one_from_file crossing_points.csv | crossing_point | Crossing |\n"
         "| select_one_from_file gazetteer.csv | village | Village |\n"
         "| integer | size | Size |\n"
         "| begin repeat | trip | Trip |\n"
         "| text | trip_place | Place |\n"
         "| end repeat | | |\n"
         "\n## settings\n\n" +
         header + "\n" + separator + "\n" + values + "\n";
}

void expectError(const CompileResult& result, const std::string& column, const std::string& words) {
  const Diagnostic d = onlyError(result);
  EXPECT_EQ(d.sheet, "settings");
  EXPECT_EQ(d.row, 2);
  EXPECT_EQ(d.column, column);
  EXPECT_NE(d.message.find(words), std::string::npos) << d.message;
}

TEST(RecordSettings, LocationFieldAndRolesReachTheDefinition) {
  const auto result = compileMarkdown(formWith("| form_id | version | location_field | roles |",
                                               "| f | 1 | crossing_point | outreach_worker, "
                                               "Counsellor outreach_worker |"));
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  EXPECT_EQ(result.form.location_field(), "crossing_point");
  ASSERT_EQ(result.form.roles_size(), 2);
  EXPECT_EQ(result.form.roles(0), "outreach_worker");
  EXPECT_EQ(result.form.roles(1), "counsellor");
}

TEST(RecordSettings, WithoutThemEveryRoleAndTheMostPreciseGazetteerAnswer) {
  const auto result = compileMarkdown(formWith("| form_id | version |", "| f | 1 |"));
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  EXPECT_EQ(result.form.location_field(), "");
  EXPECT_EQ(result.form.roles_size(), 0);
}

TEST(RecordSettings, LocationFieldMustNameAQuestion) {
  expectError(
      compileMarkdown(formWith("| form_id | version | location_field |", "| f | 1 | vilage |")),
      "location_field", "names no question of this form; did you mean 'village'?");
}

TEST(RecordSettings, LocationFieldOutsideRepeats) {
  expectError(
      compileMarkdown(formWith("| form_id | version | location_field |", "| f | 1 | trip_place |")),
      "location_field", "is inside a repeat");
}

TEST(RecordSettings, LocationFieldHoldsACode) {
  expectError(
      compileMarkdown(formWith("| form_id | version | location_field |", "| f | 1 | size |")),
      "location_field", "must be a select_one");
}

TEST(RecordSettings, UnknownRoleIsNamedWithASuggestion) {
  expectError(compileMarkdown(formWith("| form_id | version | roles |", "| f | 1 | enumerater |")),
              "roles", "'enumerater' is not a role; did you mean 'enumerator'?");
}

TEST(RecordSettings, OfficeRolesDoNotFillInForms) {
  expectError(compileMarkdown(formWith("| form_id | version | roles |", "| f | 1 | reviewer |")),
              "roles", "reviewers do not fill in forms on a tablet");
}

}  // namespace
}  // namespace phum::forms
