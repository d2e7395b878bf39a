// The compiled definition of a form that uses every supported type and column.
#include <gtest/gtest.h>

#include "forms/form_summary.h"
#include "forms_test_support.h"

namespace phum::forms {
namespace {

using phum::v1::Field;
using testing::compileMarkdown;
using testing::describe;
using testing::surveyForm;
using testing::testDataPath;

class AllFeaturesForm : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    result_ = new CompileResult(compileFormFile(testDataPath("all_features.xlsform.md")));
  }
  static void TearDownTestSuite() {
    delete result_;
    result_ = nullptr;
  }
  // Depth-first search of the field tree by name.
  static const Field* find(const std::string& name) { return find(form().fields(), name); }
  static const Field* find(const google::protobuf::RepeatedPtrField<Field>& fields,
                           const std::string& name) {
    for (const Field& field : fields) {
      if (field.name() == name) return &field;
      if (const Field* child = find(field.children(), name)) return child;
    }
    return nullptr;
  }
  static const Field& field(const std::string& name) {
    const Field* found = find(name);
    if (found == nullptr) throw std::runtime_error("no field " + name);
    return *found;
  }
  static const phum::v1::FormDefinition& form() { return result_->form; }
  static CompileResult* result_;
};
CompileResult* AllFeaturesForm::result_ = nullptr;

TEST_F(AllFeaturesForm, CompilesWithoutErrorsOrWarnings) {
  EXPECT_TRUE(result_->ok()) << describe(result_->diagnostics);
  EXPECT_TRUE(result_->diagnostics.empty()) << describe(result_->diagnostics);
}

TEST_F(AllFeaturesForm, ReadsSettings) {
  EXPECT_EQ(form().form_id(), "all_features");
  EXPECT_EQ(form().title(), "All features");
  EXPECT_EQ(form().version(), "2026112801");
  EXPECT_EQ(form().default_language(), "en");
  EXPECT_EQ(form().instance_name(), "concat(${full_name}, ' ', ${interview_date})");
}

TEST_F(AllFeaturesForm, ListsLanguagesWithNames) {
  ASSERT_EQ(form().languages_size(), 2);
  EXPECT_EQ(form().languages(0), "en");
  EXPECT_EQ(form().languages(1), "km");
  ASSERT_EQ(form().language_names_size(), 2);
  EXPECT_EQ(form().language_names(1).code(), "km");
  EXPECT_EQ(form().language_names(1).name(), "Khmer");
}

TEST_F(AllFeaturesForm, MapsEveryTypeName) {
  const std::pair<const char*, phum::v1::FieldType> expected[] = {
      {"started_at", phum::v1::FIELD_TYPE_START},
      {"ended_at", phum::v1::FIELD_TYPE_END},
      {"interview_date", phum::v1::FIELD_TYPE_TODAY},
      {"device", phum::v1::FIELD_TYPE_DEVICEID},
      {"enumerator", phum::v1::FIELD_TYPE_USERNAME},
      {"consent", phum::v1::FIELD_TYPE_ACKNOWLEDGE},
      {"respondent", phum::v1::FIELD_TYPE_GROUP},
      {"full_name", phum::v1::FIELD_TYPE_TEXT},
      {"age", phum::v1::FIELD_TYPE_INTEGER},
      {"monthly_income", phum::v1::FIELD_TYPE_DECIMAL},
      {"sex", phum::v1::FIELD_TYPE_SELECT_ONE},
      {"migration_reasons", phum::v1::FIELD_TYPE_SELECT_MULTIPLE},
      {"departure_date", phum::v1::FIELD_TYPE_DATE},
      {"return_time", phum::v1::FIELD_TYPE_DATETIME},
      {"usual_start", phum::v1::FIELD_TYPE_TIME},
      {"village", phum::v1::FIELD_TYPE_SELECT_ONE},
      {"agencies", phum::v1::FIELD_TYPE_SELECT_MULTIPLE},
      {"home_location", phum::v1::FIELD_TYPE_GEOPOINT},
      {"id_photo", phum::v1::FIELD_TYPE_IMAGE},
      {"members", phum::v1::FIELD_TYPE_REPEAT},
      {"member_is_minor", phum::v1::FIELD_TYPE_CALCULATE},
      {"summary_note", phum::v1::FIELD_TYPE_NOTE},
  };
  for (const auto& [name, type] : expected) {
    EXPECT_EQ(field(name).type(), type) << name;
  }
}

TEST_F(AllFeaturesForm, NestsGroupsAndRepeats) {
  const Field& group = field("respondent");
  ASSERT_EQ(group.children_size(), 10);  // with the or_other text question
  EXPECT_EQ(group.children(0).name(), "full_name");
  EXPECT_EQ(group.children(9).name(), "phone");
  const Field& repeat = field("members");
  ASSERT_EQ(repeat.children_size(), 3);
  EXPECT_EQ(repeat.children(2).name(), "member_is_minor");
  EXPECT_EQ(form().fields(7).name(), "province");  // back at the top level after end group
}

TEST_F(AllFeaturesForm, KeepsLabelsHintsAndMessagesPerLanguage) {
  const Field& age = field("age");
  EXPECT_EQ(age.labels().at("en"), "Age");
  EXPECT_EQ(age.labels().at("km"), "អាយុ");
  EXPECT_EQ(age.hints().at("en"), "In completed years");
  EXPECT_EQ(age.hints().count("km"), 0u);
  EXPECT_EQ(age.constraint_messages().at("en"), "Age must be between 15 and 99");
  EXPECT_EQ(age.constraint_messages().at("km"), "អាយុត្រូវនៅចន្លោះ ១៥ និង ៩៩");
  EXPECT_EQ(field("consent").required_messages().at("en"), "Consent is needed to continue");
  EXPECT_EQ(field("summary_note").labels().at("en"),
            "${full_name} has ${adults} adult migrants | check");
}

TEST_F(AllFeaturesForm, StoresExpressionsAsSourceText) {
  EXPECT_EQ(field("consent").required(), "true()");  // "yes"
  EXPECT_EQ(field("return_time").required(), "");
  EXPECT_EQ(field("respondent").relevant(), "${consent} = 'OK'");
  EXPECT_EQ(field("age").constraint(), ". >= 15 and . <= 99");
  EXPECT_EQ(field("member_is_minor").calculation(), "if(${member_age} < 18, 1, 0)");
  EXPECT_EQ(field("village").choice_filter(), "province_code = ${province}");
  EXPECT_EQ(field("members").repeat_count(), "${member_count}");
  EXPECT_EQ(field("reviewer_note").read_only(), "true()");
}

TEST_F(AllFeaturesForm, KeepsPresentationColumns) {
  EXPECT_EQ(field("monthly_income").default_value(), "0");
  EXPECT_EQ(field("sex").appearance(), "minimal");
  EXPECT_EQ(field("respondent").appearance(), "field-list");
  EXPECT_EQ(field("migration_reasons").parameters(), "randomize=true");
  EXPECT_EQ(field("id_photo").parameters(), "max-pixels=1024");
  EXPECT_EQ(field("age").source_row(), 10u);
}

TEST_F(AllFeaturesForm, DescribesSelects) {
  EXPECT_EQ(field("sex").list_name(), "sex");
  EXPECT_FALSE(field("sex").or_other());
  EXPECT_EQ(field("migration_reasons").list_name(), "reasons");
  EXPECT_TRUE(field("migration_reasons").or_other());
  // or_other as pyxform compiles it: a choice "other" and a text question asked when it is chosen
  const Field& other = field("migration_reasons_other");
  EXPECT_EQ(other.type(), phum::v1::FIELD_TYPE_TEXT);
  EXPECT_EQ(other.relevant(), "selected(${migration_reasons}, 'other')");
  EXPECT_EQ(other.labels().at("en"), "Specify other.");
  EXPECT_EQ(other.labels().at("km"), "សូមបញ្ជាក់ផ្សេងទៀត។");
  const phum::v1::ChoiceList& reasons = form().choice_lists(1);
  ASSERT_EQ(reasons.list_name(), "reasons");
  const phum::v1::Choice& last = reasons.choices(reasons.choices_size() - 1);
  EXPECT_EQ(last.name(), "other");
  EXPECT_EQ(last.labels().at("en"), "Other");
  EXPECT_EQ(last.labels().at("km"), "ផ្សេងៗ");
  EXPECT_EQ(field("village").choice_file(), "gazetteer.csv");
  EXPECT_EQ(field("village").list_name(), "");
  EXPECT_EQ(field("agencies").choice_file(), "agencies.csv");
}

TEST_F(AllFeaturesForm, ReadsChoiceListsWithExtraColumns) {
  ASSERT_EQ(form().choice_lists_size(), 3);
  const phum::v1::ChoiceList& province = form().choice_lists(2);
  EXPECT_EQ(province.list_name(), "province");
  ASSERT_EQ(province.choices_size(), 2);
  EXPECT_EQ(province.choices(1).name(), "02");
  EXPECT_EQ(province.choices(1).labels().at("en"), "Battambang");
  EXPECT_EQ(province.choices(1).labels().at("km"), "បាត់ដំបង");
  EXPECT_EQ(province.choices(1).columns().at("province_code"), "02");
}

TEST_F(AllFeaturesForm, MarksSensitiveFields) {
  const FormSummary summary = summarizeForm(form());
  const std::vector<std::string> expected = {"full_name", "phone",       "home_location",
                                             "id_photo",  "member_name", "narrative"};
  EXPECT_EQ(summary.sensitiveFields, expected);
  EXPECT_FALSE(field("age").sensitive());
}

TEST_F(AllFeaturesForm, SummarisesCounts) {
  const FormSummary summary = summarizeForm(form());
  EXPECT_EQ(summary.groups, 1);
  EXPECT_EQ(summary.repeats, 1);
  EXPECT_EQ(summary.fields, 30);
  EXPECT_EQ(summary.choiceLists, 3);
  const std::vector<std::string> languages = {"en (English)", "km (Khmer)"};
  EXPECT_EQ(summary.languages, languages);
}

TEST(XlsformCompiler, PlainLabelUsesTheDefaultLanguage) {
  const CompileResult result = compileMarkdown(
      "## survey\n| type | name | label | label::Khmer (km) |\n|---|---|---|---|\n"
      "| text | a | Name | ឈ្មោះ |\n"
      "## settings\n| form_id | version | default_language |\n|---|---|---|\n"
      "| f | 1 | English (en) |\n");
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  EXPECT_EQ(result.form.fields(0).labels().at("en"), "Name");
  EXPECT_EQ(result.form.fields(0).labels().at("km"), "ឈ្មោះ");
  EXPECT_EQ(result.form.default_language(), "en");
}

TEST(XlsformCompiler, SingleLanguageFormsUseDefault) {
  const CompileResult result = compileMarkdown(surveyForm("| text | a | Name |"));
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  EXPECT_EQ(result.form.fields(0).labels().at("default"), "Name");
  ASSERT_EQ(result.form.languages_size(), 1);
  EXPECT_EQ(result.form.languages(0), "default");
}

TEST(XlsformCompiler, AcceptsCommonSpellingsOfTypesAndColumns) {
  const CompileResult result = compileMarkdown(
      "## survey\n| type | name | label | jr:constraintMsg | readonly | calculate |\n"
      "|---|---|---|---|---|---|\n"
      "| begin_group | g | G | | | |\n"
      "| int | n | N | Too big | no | |\n"
      "| calculate | c | | | | ${n} * 2 |\n"
      "| end_group | | | | | |\n" +
      std::string(testing::kSettings));
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  const Field& group = result.form.fields(0);
  EXPECT_EQ(group.type(), phum::v1::FIELD_TYPE_GROUP);
  EXPECT_EQ(group.children(0).type(), phum::v1::FIELD_TYPE_INTEGER);
  EXPECT_EQ(group.children(0).constraint_messages().at("default"), "Too big");
  EXPECT_EQ(group.children(1).calculation(), "${n} * 2");
}

TEST(XlsformCompiler, RequiredAcceptsAnExpression) {
  const CompileResult result = compileMarkdown(
      "## survey\n| type | name | label | required |\n|---|---|---|---|\n"
      "| integer | n | N | |\n| text | t | T | ${n} > 2 |\n" +
      std::string(testing::kSettings));
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  EXPECT_EQ(result.form.fields(1).required(), "${n} > 2");
}

TEST(XlsformCompiler, FormIdFallsBackToTheFileNameWithAWarning) {
  const CompileResult result = compileMarkdown(
      "## survey\n| type | name | label |\n|---|---|---|\n| text | a | A |\n"
      "## settings\n| version |\n|---|\n| 3 |\n",
      "household_v2.xlsform.md");
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  EXPECT_EQ(result.form.form_id(), "household_v2");
  EXPECT_EQ(result.form.title(), "household_v2");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].severity, Severity::Warning);
  EXPECT_NE(result.diagnostics[0].message.find("no form_id"), std::string::npos);
}

TEST(XlsformCompiler, KoboBookkeepingColumnsAreIgnoredQuietly) {
  const CompileResult result = compileMarkdown(
      "## survey\n| type | name | label | $kuid |\n|---|---|---|---|\n"
      "| text | a | A | x1y2 |\n" +
      std::string(testing::kSettings));
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.diagnostics.empty()) << describe(result.diagnostics);
}

}  // namespace
}  // namespace phum::forms
