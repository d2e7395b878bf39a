// One test per compiler message: where it points (sheet, row, column, line) and what it says.
#include <gtest/gtest.h>

#include "forms_test_support.h"

namespace phum::forms {
namespace {

using testing::compileMarkdown;
using testing::describe;
using testing::kSettings;
using testing::onlyError;
using testing::surveyForm;

// In surveyForm(), sheet row N (header = 1) is on file line N + 3.
void expectAt(const Diagnostic& d, const std::string& sheet, int row, const std::string& column,
              const std::string& words) {
  EXPECT_EQ(d.sheet, sheet);
  EXPECT_EQ(d.row, row);
  EXPECT_EQ(d.column, column);
  EXPECT_NE(d.message.find(words), std::string::npos) << d.message;
}

const Diagnostic* findWarning(const CompileResult& result, const std::string& words) {
  for (const Diagnostic& d : result.diagnostics) {
    if (d.severity == Severity::Warning && d.message.find(words) != std::string::npos) return &d;
  }
  return nullptr;
}

std::string withColumns(const std::string& header, const std::string& rows) {
  std::string separator = "|";
  for (char c : header) separator += c == '|' ? "---|" : "";
  separator.resize(separator.size() - 4);
  return "## survey\n\n" + header + "\n" + separator + "\n" + rows + "\n" + kSettings;
}

TEST(FormErrors, FormatsLikeACompiler) {
  const Diagnostic d = onlyError(compileMarkdown(surveyForm("| text | a | A |\n| txt | b | B |")));
  EXPECT_EQ(d.line, 6);
  EXPECT_EQ(formatDiagnostic(d, "hh.xlsform.md"),
            "hh.xlsform.md:6: error: survey row 3, column A (type): unknown type 'txt'; did you "
            "mean 'text'? Supported types: text, integer, decimal, range, select_one, "
            "select_multiple, select_one_from_file, select_multiple_from_file, "
            "select_one_external, date, datetime, time, geopoint, image, barcode, note, "
            "acknowledge, calculate, hidden, begin group, end group, begin repeat, end repeat, "
            "start, end, today, deviceid, username");
}

TEST(FormErrors, UnknownType) {
  expectAt(onlyError(compileMarkdown(surveyForm("| selectone x | a | A |"))), "survey", 2, "type",
           "unknown type 'selectone x'; did you mean 'select_one'?");
}

TEST(FormErrors, UnsupportedType) {
  const Diagnostic d = onlyError(compileMarkdown(surveyForm("| audio | a | A |")));
  expectAt(d, "survey", 2, "type",
           "type 'audio' is valid XLSForm, but Phum cannot capture this type yet");
  EXPECT_EQ(d.unsupported, "type 'audio'");
}

TEST(FormErrors, WordsAfterASimpleType) {
  expectAt(onlyError(compileMarkdown(surveyForm("| integer big | a | A |"))), "survey", 2, "type",
           "type 'integer' takes nothing after it; remove 'big'");
}

TEST(FormErrors, SelectWithoutList) {
  expectAt(onlyError(compileMarkdown(surveyForm("| select_one | a | A |"))), "survey", 2, "type",
           "'select_one' needs a list name: write 'select_one LIST'");
}

TEST(FormErrors, SelectFromFileWithoutFile) {
  expectAt(onlyError(compileMarkdown(surveyForm("| select_one_from_file | a | A |"))), "survey", 2,
           "type",
           "'select_one_from_file' needs a file name: write 'select_one_from_file FILE.csv'");
}

TEST(FormErrors, SelectWithTooManyWords) {
  expectAt(onlyError(compileMarkdown(surveyForm("| select_multiple l other | a | A |"))), "survey",
           2, "type", "too many words in the type");
}

TEST(FormErrors, SelectFromFileNeedsACsv) {
  expectAt(onlyError(compileMarkdown(surveyForm("| select_one_from_file villages.xml | a | A |"))),
           "survey", 2, "type",
           "'select_one_from_file villages.xml' is valid XLSForm, but Phum takes choices only "
           "from .csv reference data");
  expectAt(onlyError(compileMarkdown(surveyForm("| select_one_from_file villages | a | A |"))),
           "survey", 2, "type", "'villages' is not a .csv file name");
}

TEST(FormErrors, RowWithoutType) {
  expectAt(onlyError(compileMarkdown(surveyForm("|  | a | A |"))), "survey", 2, "type",
           "this row has content but no type");
}

TEST(FormErrors, EndWithoutBegin) {
  expectAt(onlyError(compileMarkdown(surveyForm("| text | a | A |\n| end group | | |"))), "survey",
           3, "type", "'end group' has no matching 'begin group' above it");
}

TEST(FormErrors, EndClosesTheWrongBlock) {
  const Diagnostic d = onlyError(
      compileMarkdown(surveyForm("| begin repeat | r | R |\n| text | a | A |\n| end group | | |")));
  expectAt(d, "survey", 4, "type",
           "'end group' closes the repeat 'r' opened at row 2; write 'end repeat' here");
}

TEST(FormErrors, BlockNeverClosed) {
  expectAt(onlyError(compileMarkdown(surveyForm("| begin group | g | G |\n| text | a | A |"))),
           "survey", 2, "type", "'begin group' g is never closed; add an 'end group' row");
}

TEST(FormErrors, MissingName) {
  expectAt(onlyError(compileMarkdown(surveyForm("| text |  | A |"))), "survey", 2, "name",
           "this row has no name");
}

TEST(FormErrors, InvalidName) {
  expectAt(onlyError(compileMarkdown(surveyForm("| text | full name | A |"))), "survey", 2, "name",
           "name 'full name' is not valid");
}

TEST(FormErrors, DuplicateName) {
  expectAt(onlyError(compileMarkdown(surveyForm("| text | a | A |\n| integer | a | B |"))),
           "survey", 3, "name", "duplicate name 'a': row 2 already uses it");
}

TEST(FormErrors, MissingLabel) {
  expectAt(onlyError(compileMarkdown(surveyForm("| text | a |  |"))), "survey", 2, "label",
           "'a' has no label");
}

TEST(FormErrors, CalculateWithoutCalculation) {
  expectAt(onlyError(compileMarkdown(
               withColumns("| type | name | label | calculation |", "| calculate | c | | |"))),
           "survey", 2, "calculation", "calculate field 'c' has no calculation");
}

TEST(FormErrors, SensitiveMustBeYesOrNo) {
  expectAt(onlyError(compileMarkdown(
               withColumns("| type | name | label | sensitive |", "| text | a | A | maybe |"))),
           "survey", 2, "sensitive", "sensitive must be 'yes' or 'no' (or empty), not 'maybe'");
}

TEST(FormErrors, RepeatCountOutsideRepeat) {
  expectAt(onlyError(compileMarkdown(
               withColumns("| type | name | label | repeat_count |", "| text | a | A | 3 |"))),
           "survey", 2, "repeat_count", "repeat_count only applies to 'begin repeat' rows");
}

TEST(FormErrors, ChoiceFilterOutsideSelect) {
  expectAt(onlyError(compileMarkdown(
               withColumns("| type | name | label | choice_filter |", "| text | a | A | x = 1 |"))),
           "survey", 2, "choice_filter", "choice_filter only applies to select questions");
}

TEST(FormErrors, ConstraintMessageWithoutConstraintWarns) {
  const CompileResult result = compileMarkdown(
      withColumns("| type | name | label | constraint_message |", "| text | a | A | Too long |"));
  EXPECT_TRUE(result.ok()) << describe(result.diagnostics);
  const Diagnostic* d = findWarning(result, "has no constraint; the message will never show");
  ASSERT_NE(d, nullptr) << describe(result.diagnostics);
  expectAt(*d, "survey", 2, "constraint_message", "constraint_message is set");
}

TEST(FormErrors, LikelySensitiveFieldWarns) {
  const CompileResult result = compileMarkdown(
      withColumns("| type | name | label | sensitive |",
                  "| geopoint | gps | GPS | |\n| text | mother_name | Mother | no |\n"
                  "| text | phone | Phone | yes |\n| image | photo | Photo | |"));
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(result.diagnostics.size(), 2u) << describe(result.diagnostics);
  expectAt(result.diagnostics[0], "survey", 2, "sensitive",
           "'gps' looks like an exact GPS position, which the protection rules treat as sensitive; "
           "write 'yes' in the sensitive column");
  expectAt(result.diagnostics[1], "survey", 5, "sensitive", "'photo' looks like a photo");
}

TEST(FormErrors, UnknownReference) {
  const Diagnostic d = onlyError(
      compileMarkdown(withColumns("| type | name | label | relevant |",
                                  "| integer | age | Age | |\n| text | a | A | ${agee} > 3 |")));
  expectAt(d, "survey", 3, "relevant",
           "unknown field ${agee}: no survey row is named 'agee'; did you mean ${age}?");
  EXPECT_EQ(d.columnLetter, "D");
}

TEST(FormErrors, BadExpression) {
  expectAt(onlyError(compileMarkdown(withColumns("| type | name | label | constraint |",
                                                 "| integer | a | A | . > (3 |"))),
           "survey", 2, "constraint", "bad expression '. > (3': ");
}

TEST(FormErrors, UnknownReferenceInALabel) {
  expectAt(
      onlyError(compileMarkdown(surveyForm("| note | n | Hello ${nmae} |\n| text | name | N |"))),
      "survey", 2, "label", "unknown field ${nmae}");
}

TEST(FormErrors, UnclosedReferenceInALabel) {
  expectAt(onlyError(compileMarkdown(surveyForm("| note | n | Hello ${name |"))), "survey", 2,
           "label", "'${' without a closing '}'");
}

TEST(FormErrors, CalculationCycle) {
  const CompileResult result =
      compileMarkdown(withColumns("| type | name | label | calculation |",
                                  "| calculate | a | | ${c} + 1 |\n| calculate | b | | ${a} * 2 |\n"
                                  "| calculate | c | | ${b} - 1 |"));
  expectAt(onlyError(result), "survey", 2, "calculation",
           "calculation cycle: a -> c -> b -> a; a calculation cannot depend on itself");
}

TEST(FormErrors, CalculationReferringToItself) {
  expectAt(onlyError(compileMarkdown(withColumns("| type | name | label | calculation |",
                                                 "| calculate | a | | ${a} + 1 |"))),
           "survey", 2, "calculation", "calculation cycle: a -> a");
}

TEST(FormErrors, SelectListNotOnChoicesSheet) {
  const std::string choices =
      "## choices\n| list_name | name | label |\n|---|---|---|\n| yes_no | yes | Yes |\n";
  expectAt(onlyError(compileMarkdown(surveyForm("| select_one yesno | a | A |", choices))),
           "survey", 2, "type",
           "list 'yesno' is not on the choices sheet; add choices with list_name 'yesno' or fix "
           "the spelling (did you mean 'yes_no'?)");
}

TEST(FormErrors, MissingTranslationWarns) {
  const CompileResult result =
      compileMarkdown(withColumns("| type | name | label::English (en) | label::Khmer (km) |",
                                  "| text | a | Name | ឈ្មោះ |\n| text | b | Age |  |"));
  EXPECT_TRUE(result.ok());
  const Diagnostic* d = findWarning(result, "'b' has no label in language 'km'");
  ASSERT_NE(d, nullptr) << describe(result.diagnostics);
  EXPECT_EQ(d->row, 3);
}

TEST(FormErrors, NoSurveySheet) {
  const Diagnostic d = onlyError(compileMarkdown(std::string("# Just notes\n") + kSettings));
  EXPECT_EQ(d.sheet, "");
  EXPECT_NE(d.message.find("the form has no survey sheet"), std::string::npos);
}

TEST(FormErrors, SurveyWithoutNameColumn) {
  const Diagnostic d = onlyError(compileMarkdown(
      std::string("## survey\n| type | label |\n|---|---|\n| text | A |\n") + kSettings));
  expectAt(d, "survey", 0, "", "the survey sheet has no 'name' column");
}

TEST(FormErrors, ColumnAppearsTwice) {
  expectAt(onlyError(compileMarkdown(withColumns("| type | name | label | relevant | relevant |",
                                                 "| text | a | A | | |"))),
           "survey", 0, "relevant", "column 'relevant' appears twice (also column D)");
}

TEST(FormErrors, UnknownColumnWarns) {
  const CompileResult result =
      compileMarkdown(withColumns("| type | name | label | colour |", "| text | a | A | red |"));
  EXPECT_TRUE(result.ok());
  const Diagnostic* d = findWarning(result, "column 'colour' is not a survey column");
  ASSERT_NE(d, nullptr) << describe(result.diagnostics);
  EXPECT_EQ(d->columnLetter, "D");
}

std::string choicesForm(const std::string& rows) {
  return surveyForm("| select_one l | a | A |",
                    "## choices\n| list_name | name | label |\n|---|---|---|\n" + rows + "\n");
}

TEST(FormErrors, ChoiceWithoutListName) {
  expectAt(onlyError(compileMarkdown(choicesForm("| l | x | X |\n|  | y | Y |"))), "choices", 3,
           "list_name", "this choice has no list_name");
}

TEST(FormErrors, ChoiceWithoutName) {
  expectAt(onlyError(compileMarkdown(choicesForm("| l | x | X |\n| l |  | Y |"))), "choices", 3,
           "name", "choice in list 'l' has no name");
}

TEST(FormErrors, DuplicateChoice) {
  expectAt(onlyError(compileMarkdown(choicesForm("| l | x | X |\n| l | x | Y |"))), "choices", 3,
           "name", "choice 'x' appears twice in list 'l' (row 2)");
}

TEST(FormErrors, ChoiceWithoutLabelWarnsAsPyxformDoes) {
  const CompileResult result = compileMarkdown(choicesForm("| l | x |  |"));
  EXPECT_TRUE(result.ok()) << describe(result.diagnostics);
  const Diagnostic* d = findWarning(result, "choice 'x' in list 'l' has no label");
  ASSERT_NE(d, nullptr) << describe(result.diagnostics);
  expectAt(*d, "choices", 2, "label", "field workers will see its name");
}

TEST(FormErrors, ChoiceNameWithASpaceInASelectMultipleList) {
  const std::string choices =
      "## choices\n| list_name | name | label |\n|---|---|---|\n"
      "| l | x y | X |\n";
  expectAt(onlyError(compileMarkdown(surveyForm("| select_multiple l | a | A |", choices))),
           "choices", 2, "name",
           "choice name 'x y' contains a space, but list 'l' is used by the select_multiple or "
           "rank 'a' (survey row 2)");
  // select_one answers hold one name, spaces included (pyxform allows it too).
  EXPECT_TRUE(compileMarkdown(surveyForm("| select_one l | a | A |", choices)).ok());
}

TEST(FormErrors, ChoicesWithoutListNameColumn) {
  const Diagnostic d = onlyError(compileMarkdown(
      surveyForm("| text | a | A |", "## choices\n| name | label |\n|---|---|\n| x | X |\n")));
  expectAt(d, "choices", 0, "", "the choices sheet has no 'list_name' column");
}

std::string settingsForm(const std::string& header, const std::string& rows) {
  std::string separator = "|";
  for (char c : header) separator += c == '|' ? "---|" : "";
  separator.resize(separator.size() - 4);
  return "## survey\n| type | name | label |\n|---|---|---|\n| text | a | A |\n## settings\n" +
         header + "\n" + separator + "\n" + rows + "\n";
}

TEST(FormErrors, MissingVersionIsDerivedFromTheContent) {
  const CompileResult result = compileMarkdown(settingsForm("| form_id |", "| f |"));
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  const Diagnostic* d = findWarning(result, "no version on the settings sheet; using 'content-");
  ASSERT_NE(d, nullptr) << describe(result.diagnostics);
  expectAt(*d, "settings", 2, "", "Add a 'version' column");
  EXPECT_EQ(result.form.version().rfind("content-", 0), 0u);
  EXPECT_EQ(result.form.version().size(), 20u);
  // The same content gives the same version; any change gives another.
  EXPECT_EQ(compileMarkdown(settingsForm("| form_id |", "| f |")).form.version(),
            result.form.version());
  EXPECT_NE(compileMarkdown(settingsForm("| form_id |", "| g |")).form.version(),
            result.form.version());
}

TEST(FormErrors, FormIdWithALineBreak) {
  expectAt(onlyError(compileMarkdown(settingsForm("| form_id | version |", "| my<br>form | 1 |"))),
           "settings", 2, "form_id", "form_id contains a line break");
}

TEST(FormErrors, FormIdThatIsNotAnIdentifierWarns) {
  const CompileResult result =
      compileMarkdown(settingsForm("| form_id | version |", "| 44451.88 | 1 |"));
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  EXPECT_EQ(result.form.form_id(), "44451.88");
  const Diagnostic* d = findWarning(result, "form_id '44451.88' works, but");
  ASSERT_NE(d, nullptr) << describe(result.diagnostics);
  expectAt(*d, "settings", 2, "form_id", "plain identifier");
}

TEST(FormErrors, ExtraSettingsRowWarns) {
  const CompileResult result =
      compileMarkdown(settingsForm("| form_id | version |", "| f | 1 |\n| g | 2 |"));
  EXPECT_TRUE(result.ok());
  const Diagnostic* d = findWarning(result, "only the first row of the settings sheet is used");
  ASSERT_NE(d, nullptr) << describe(result.diagnostics);
  EXPECT_EQ(d->row, 3);
}

TEST(FormErrors, DefaultLanguageWithoutLabels) {
  const Diagnostic d = onlyError(compileMarkdown(
      "## survey\n| type | name | label::English (en) |\n|---|---|---|\n| text | a | A |\n"
      "## settings\n| form_id | version | default_language |\n|---|---|---|\n"
      "| f | 1 | French (fr) |\n"));
  expectAt(d, "settings", 2, "", "default_language 'fr' has no label columns");
}

TEST(FormErrors, InstanceNameWithUnknownField) {
  expectAt(onlyError(compileMarkdown(settingsForm("| form_id | version | instance_name |",
                                                  "| f | 1 | concat(${b}, 'x') |"))),
           "settings", 2, "instance_name", "unknown field ${b}");
}

TEST(FormErrors, MarkdownHeadingTwice) {
  const CompileResult result =
      compileMarkdown(surveyForm("| text | a | A |") + "\n## survey\n| type |\n|---|\n| text |\n");
  const Diagnostic d = onlyError(result);
  EXPECT_EQ(d.line, 13);
  EXPECT_NE(d.message.find("the '## survey' heading appears twice"), std::string::npos);
}

TEST(FormErrors, MarkdownMissingSeparator) {
  const Diagnostic d = onlyError(compileMarkdown(
      std::string("## survey\n| type | name | label |\n| text | a | A |\n") + kSettings));
  expectAt(d, "survey", 1, "", "the header row must be followed by a separator row");
  EXPECT_EQ(d.line, 3);
}

TEST(FormErrors, MarkdownTooManyCells) {
  const Diagnostic d = onlyError(
      compileMarkdown(withColumns("| type | name | label | relevant |",
                                  "| text | a | A | ${b} = 1 | ${b} = 2 |\n| text | b | B | |")));
  expectAt(d, "survey", 2, "",
           "this row has 5 cells but the header has 4; write a '|' inside a "
           "cell as '\\|'");
  EXPECT_EQ(d.line, 5);
}

TEST(FormErrors, MarkdownContinuationWithADifferentHeader) {
  const Diagnostic d = onlyError(compileMarkdown(surveyForm(
      "| text | a | A |", "More questions:\n\n| type | name |\n|---|---|\n| text | b |\n")));
  EXPECT_EQ(d.line, 8);
  EXPECT_NE(d.message.find("its header differs from the first table's (line 3)"),
            std::string::npos);
}

TEST(FormErrors, PhotoSizeAndGpsAccuracyParameters) {
  const std::string header = "| type | name | label | parameters |";
  for (const std::string bad : {"0", "-5", "1.5", "big", "", "99999999999"}) {
    expectAt(onlyError(compileMarkdown(
                 withColumns(header, "| image | photo | Photo | max-pixels=" + bad + " |"))),
             "survey", 2, "parameters",
             "max-pixels must be a positive whole number of pixels, not '" + bad + "'");
  }
  for (const std::string bad : {"0", "-3", "near", "", "1e1", "nan"}) {
    expectAt(onlyError(compileMarkdown(withColumns(
                 header, "| geopoint | spot | Spot | accuracyThreshold=" + bad + " |"))),
             "survey", 2, "parameters",
             "accuracyThreshold must be a positive number of metres, not '" + bad + "'");
  }
  expectAt(
      onlyError(compileMarkdown(withColumns(header, "| text | photo | Photo | max-pixels=800 |"))),
      "survey", 2, "parameters", "max-pixels only applies to image questions");
  expectAt(onlyError(compileMarkdown(
               withColumns(header, "| image | photo | Photo | accuracyThreshold=5 |"))),
           "survey", 2, "parameters", "accuracyThreshold only applies to geopoint questions");
  const auto good =
      compileMarkdown(withColumns(header,
                                  "| image | photo | Photo | max-pixels=1200 |\n"
                                  "| geopoint | spot | Spot | accuracyThreshold=2.5 |"));
  EXPECT_TRUE(good.ok()) << describe(good.diagnostics);
}

TEST(FormErrors, UnreadableFiles) {
  testing::TempDir dir;
  const std::string fake = dir.write("broken.xlsx", "this is not a zip file");
  try {
    compileFormFile(fake);
    FAIL() << "expected FormReadError";
  } catch (const FormReadError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot open " + fake + " as an .xlsx workbook"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(compileFormFile(dir.file("missing.xlsform.md")), FormReadError);
  EXPECT_THROW(compileFormFile(dir.write("form.txt", "x")), FormReadError);
}

}  // namespace
}  // namespace phum::forms
