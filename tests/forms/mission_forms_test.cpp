// The four mission forms in forms/ compile, are fully bilingual (Khmer and English), mark the
// fields that identify people as sensitive, and only reference reference-data files that exist in
// data/reference with the columns their choice filters use.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <ostream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "forms/expr/evaluator.h"
#include "forms/expr/parser.h"
#include "forms/xlsform_compiler.h"

namespace phum::forms {
namespace {

std::filesystem::path sourceDir() {
#if defined(PHUM_SOURCE_DIR)
  return std::filesystem::path(PHUM_SOURCE_DIR);
#elif defined(PHUM_REPO_FORMS_DIR)
  return std::filesystem::path(PHUM_REPO_FORMS_DIR).parent_path();
#else
  // tests/forms/mission_forms_test.cpp -> repository root.
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
#endif
}

struct MissionForm {
  std::string file;
  std::string formId;
  std::vector<std::string> sensitive;  // fields that must be marked sensitive
};

// Readable failure messages instead of a byte dump.
void PrintTo(const MissionForm& form, std::ostream* out) { *out << form.file; }

const std::vector<MissionForm>& missionForms() {
  static const std::vector<MissionForm> forms = {
      {"household_survey.xlsform.md",
       "household_survey",
       {"gps", "respondent_name", "member_name"}},
      {"returnee_registration.xlsform.md", "returnee_registration", {"full_name", "phone"}},
      {"trafficking_case_report.xlsform.md",
       "trafficking_case_report",
       {"prs_Name", "prs_MobilePhone", "vic_LocationOfExploitation", "narrative", "photo"}},
      {"agency_complaint.xlsform.md",
       "agency_complaint",
       {"complainant_name", "complainant_phone", "worker_name", "description"}},
  };
  return forms;
}

using FieldVisitor = std::function<void(const phum::v1::Field&)>;

void visitFields(const google::protobuf::RepeatedPtrField<phum::v1::Field>& fields,
                 const FieldVisitor& visit) {
  for (const phum::v1::Field& field : fields) {
    visit(field);
    visitFields(field.children(), visit);
  }
}

bool shownToUser(const phum::v1::Field& field) {
  switch (field.type()) {
    case phum::v1::FIELD_TYPE_CALCULATE:
    case phum::v1::FIELD_TYPE_START:
    case phum::v1::FIELD_TYPE_END:
    case phum::v1::FIELD_TYPE_TODAY:
    case phum::v1::FIELD_TYPE_DEVICEID:
    case phum::v1::FIELD_TYPE_USERNAME:
      return false;
    default:
      return true;
  }
}

// Both languages present and non-empty whenever the text exists in either (or must exist).
void expectBilingual(const google::protobuf::Map<std::string, std::string>& texts,
                     const std::string& what, bool mustExist) {
  if (!mustExist && texts.empty()) return;
  for (const char* language : {"en", "km"}) {
    auto it = texts.find(language);
    EXPECT_TRUE(it != texts.end() && !it->second.empty())
        << what << " has no '" << language << "' text";
  }
}

class MissionFormTest : public ::testing::TestWithParam<MissionForm> {
 protected:
  void SetUp() override {
    const std::filesystem::path path = sourceDir() / "forms" / GetParam().file;
    ASSERT_TRUE(std::filesystem::exists(path)) << path;
    result_ = compileFormFile(path.string());
    std::string diagnostics;
    for (const Diagnostic& d : result_.diagnostics) {
      diagnostics += formatDiagnostic(d, GetParam().file) + "\n";
    }
    ASSERT_TRUE(result_.ok()) << diagnostics;
  }
  const phum::v1::FormDefinition& form() const { return result_.form; }

 private:
  CompileResult result_;
};

TEST_P(MissionFormTest, SettingsNameTheFormVersionAndKhmerFirst) {
  EXPECT_EQ(form().form_id(), GetParam().formId);
  EXPECT_TRUE(
      std::regex_match(form().version(), std::regex("20[0-9]{2}[01][0-9][0-3][0-9][0-9]{2}")))
      << "version must be yyyymmddNN, got " << form().version();
  EXPECT_EQ(form().default_language(), "km");
  std::set<std::string> languages(form().languages().begin(), form().languages().end());
  EXPECT_EQ(languages, (std::set<std::string>{"en", "km"}));
}

TEST_P(MissionFormTest, EveryLabelHintAndMessageIsInKhmerAndEnglish) {
  visitFields(form().fields(), [](const phum::v1::Field& field) {
    const std::string where = "field '" + field.name() + "'";
    expectBilingual(field.labels(), where + " label", shownToUser(field));
    expectBilingual(field.hints(), where + " hint", false);
    expectBilingual(field.constraint_messages(), where + " constraint message",
                    !field.constraint().empty());
    expectBilingual(field.required_messages(), where + " required message",
                    !field.required().empty());
  });
  for (const phum::v1::ChoiceList& list : form().choice_lists()) {
    for (const phum::v1::Choice& choice : list.choices()) {
      expectBilingual(choice.labels(), "choice " + list.list_name() + "/" + choice.name(), true);
    }
  }
}

TEST_P(MissionFormTest, FieldsThatIdentifyPeopleAreSensitive) {
  std::map<std::string, bool> sensitivity;
  visitFields(form().fields(), [&](const phum::v1::Field& field) {
    sensitivity[field.name()] = field.sensitive();
    // Exact GPS and photos always identify someone.
    if (field.type() == phum::v1::FIELD_TYPE_GEOPOINT ||
        field.type() == phum::v1::FIELD_TYPE_IMAGE) {
      EXPECT_TRUE(field.sensitive()) << field.name();
    }
    const std::regex identifying("name|phone", std::regex::icase);
    if (field.type() == phum::v1::FIELD_TYPE_TEXT && std::regex_search(field.name(), identifying)) {
      EXPECT_TRUE(field.sensitive()) << field.name();
    }
  });
  for (const std::string& name : GetParam().sensitive) {
    ASSERT_EQ(sensitivity.count(name), 1u) << "no field " << name;
    EXPECT_TRUE(sensitivity[name]) << name << " must be sensitive";
  }
}

std::vector<std::string> csvHeader(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  std::getline(in, line);
  if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  std::vector<std::string> columns;
  std::stringstream stream(line);
  for (std::string column; std::getline(stream, column, ',');) columns.push_back(column);
  return columns;
}

// Bare names in a choice filter are choice (CSV) columns; skip strings, ${refs} and functions.
std::set<std::string> filterColumns(const std::string& filter) {
  static const std::set<std::string> kKeywords = {"and", "or", "div", "mod"};
  static const std::regex kToken(
      R"('[^']*'|"[^"]*"|\$\{[^}]*\}|([A-Za-z_][A-Za-z0-9_.-]*)(\s*\()?)");
  std::set<std::string> columns;
  for (auto it = std::sregex_iterator(filter.begin(), filter.end(), kToken);
       it != std::sregex_iterator(); ++it) {
    const std::smatch& match = *it;
    if (!match[1].matched || match[2].matched) continue;  // string, ${ref} or function
    if (kKeywords.count(match[1].str()) == 0) columns.insert(match[1].str());
  }
  return columns;
}

TEST_P(MissionFormTest, ChoiceFilesExistWithTheColumnsTheFormUses) {
  int fromFile = 0;
  visitFields(form().fields(), [&](const phum::v1::Field& field) {
    if (field.choice_file().empty()) return;
    ++fromFile;
    const std::filesystem::path csv = sourceDir() / "data" / "reference" / field.choice_file();
    ASSERT_TRUE(std::filesystem::exists(csv)) << field.name() << " needs " << csv;
    const std::vector<std::string> header = csvHeader(csv);
    const std::set<std::string> available(header.begin(), header.end());
    for (const std::string& column : filterColumns(field.choice_filter())) {
      EXPECT_EQ(available.count(column), 1u) << field.name() << ": choice_filter uses column '"
                                             << column << "' not in " << field.choice_file();
    }
    std::smatch value;
    if (std::regex_search(field.parameters(), value, std::regex(R"(value=([A-Za-z0-9_]+))"))) {
      EXPECT_EQ(available.count(value[1].str()), 1u)
          << field.name() << ": parameters value column missing from " << field.choice_file();
    }
  });
  EXPECT_GT(fromFile, 0) << "every mission form takes places or registries from reference data";
}

TEST(MissionFormFilters, ColumnExtractionSkipsStringsReferencesAndFunctions) {
  EXPECT_EQ(filterColumns("level='district' and parent=${province}"),
            (std::set<std::string>{"level", "parent"}));
  EXPECT_EQ(filterColumns("selected(${x}, type) or starts-with(code, 'M')"),
            (std::set<std::string>{"type", "code"}));
}

TEST(MissionForms, LocationQuestionsCascadeThroughTheGazetteer) {
  const std::filesystem::path path = sourceDir() / "forms" / "household_survey.xlsform.md";
  CompileResult result = compileFormFile(path.string());
  ASSERT_TRUE(result.ok());
  std::map<std::string, std::string> filters;
  visitFields(result.form.fields(), [&](const phum::v1::Field& field) {
    if (field.choice_file() == "gazetteer.csv") filters[field.name()] = field.choice_filter();
  });
  EXPECT_EQ(filters["province"], "level='province'");
  EXPECT_EQ(filters["district"], "level='district' and parent=${province}");
  EXPECT_EQ(filters["commune"], "level='commune' and parent=${district}");
  EXPECT_EQ(filters["village"], "level='village' and parent=${commune}");
}

// The rows of a reference CSV as column -> value maps. The shipped files quote nothing, so a
// plain split is enough; a row whose field count differs fails loudly instead of misleading.
std::vector<std::map<std::string, std::string>> csvRows(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  const std::vector<std::string> header = csvHeader(path);
  std::vector<std::map<std::string, std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> cells;
    std::stringstream stream(line);
    for (std::string cell; std::getline(stream, cell, ',');) cells.push_back(cell);
    if (line.back() == ',') cells.emplace_back();
    EXPECT_EQ(cells.size(), header.size()) << path.filename() << ": " << line;
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

// Evaluates a choice_filter for one reference row, with the answers given so far.
class ChoiceRowContext : public expr::EvalContext {
 public:
  ChoiceRowContext(const std::map<std::string, std::string>& answers,
                   const std::map<std::string, std::string>& row)
      : answers_(answers), row_(row) {}
  expr::Value field(std::string_view name) const override {
    auto it = answers_.find(std::string(name));
    return expr::Value::string(it == answers_.end() ? "" : it->second);
  }
  expr::Value self() const override { return expr::Value::string(""); }
  int position() const override { return 0; }
  expr::Value choiceColumn(std::string_view column) const override {
    auto it = row_.find(std::string(column));
    return expr::Value::string(it == row_.end() ? "" : it->second);
  }

 private:
  const std::map<std::string, std::string>& answers_;
  const std::map<std::string, std::string>& row_;
};

TEST(MissionForms, LocationCascadeNarrowsTheShippedGazetteerLevelByLevel) {
  CompileResult result =
      compileFormFile((sourceDir() / "forms" / "household_survey.xlsform.md").string());
  ASSERT_TRUE(result.ok());
  std::map<std::string, std::string> filters;
  visitFields(result.form.fields(), [&](const phum::v1::Field& field) {
    if (field.choice_file() == "gazetteer.csv") filters[field.name()] = field.choice_filter();
  });
  const auto rows = csvRows(sourceDir() / "data" / "reference" / "gazetteer.csv");
  std::map<std::string, std::string> answers;
  std::string parent;
  for (const char* level : {"province", "district", "commune", "village"}) {
    auto parsed = expr::parseExpression(filters[level], expr::Dialect::ChoiceFilter);
    ASSERT_TRUE(parsed.ok()) << filters[level];
    std::vector<const std::map<std::string, std::string>*> offered;
    for (const auto& row : rows) {
      if (expr::evaluateBoolean(*parsed.expr, ChoiceRowContext(answers, row))) {
        offered.push_back(&row);
      }
    }
    ASSERT_FALSE(offered.empty()) << "no " << level << " offered after " << parent;
    if (std::string(level) == "province") {
      EXPECT_EQ(offered.size(), 25u);
    }
    for (const auto* row : offered) {
      EXPECT_EQ(row->at("level"), level);
      if (!parent.empty()) {
        EXPECT_EQ(row->at("parent"), parent);
      }
    }
    // Choose the first offered unit that has units below it, as an enumerator would.
    parent = offered.front()->at("code");
    for (const auto* row : offered) {
      const std::string& code = row->at("code");
      bool hasChildren = false;
      for (const auto& other : rows) hasChildren = hasChildren || other.at("parent") == code;
      if (hasChildren) {
        parent = code;
        break;
      }
    }
    answers[level] = parent;
  }
  EXPECT_EQ(answers["village"].size(), 8u) << "a village has an 8-digit NIS code";
}

INSTANTIATE_TEST_SUITE_P(Forms, MissionFormTest, ::testing::ValuesIn(missionForms()),
                         [](const ::testing::TestParamInfo<MissionForm>& info) {
                           return info.param.formId;
                         });

}  // namespace
}  // namespace phum::forms
