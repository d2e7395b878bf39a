// The public corpus (tests/forms/corpus, licences in its README): real XLSForms written for ODK and
// KoboToolbox. Each compiles to the meaning written in corpus/expected/ (fields with their type,
// list, relevance, constraint, requirement and calculation; choice lists) or fails with the errors
// written there, each naming its row and column. Every workbook also survives .xlsx -> .xlsform.md
// -> .xlsx unchanged, media and '::' language columns included.
//
// After a deliberate change of meaning, rewrite the expectations with
//   PHUM_UPDATE_CORPUS=1 build/tests/forms/forms_tests --gtest_filter='Corpus*'
// and review the diff of corpus/expected/ like code.
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "forms/markdown_form.h"
#include "forms/xlsform_compiler.h"
#include "forms/xlsx_workbook.h"
#include "forms_test_support.h"

namespace phum::forms {
namespace {

namespace fs = std::filesystem;
using testing::describe;
using testing::readFile;
using testing::TempDir;

const fs::path kCorpus = fs::path(PHUM_FORMS_TEST_DATA).parent_path() / "corpus";

std::string typeName(phum::v1::FieldType type) {
  std::string name = phum::v1::FieldType_Name(type);
  name = name.substr(std::string("FIELD_TYPE_").size());
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

void describeField(const phum::v1::Field& field, const std::string& parent, std::ostream& out) {
  const std::string path = parent + "/" + field.name();
  out << "field " << path << " " << typeName(field.type());
  if (!field.list_name().empty()) out << " list=" << field.list_name();
  if (!field.choice_file().empty()) out << " file=" << field.choice_file();
  if (field.or_other()) out << " or_other";
  out << "\n";
  const std::pair<const char*, const std::string*> rules[] = {
      {"relevant", &field.relevant()},           {"constraint", &field.constraint()},
      {"required", &field.required()},           {"calculation", &field.calculation()},
      {"choice_filter", &field.choice_filter()}, {"repeat_count", &field.repeat_count()},
      {"read_only", &field.read_only()},         {"default", &field.default_value()}};
  for (const auto& [rule, text] : rules) {
    if (!text->empty()) out << "  " << rule << ": " << *text << "\n";
  }
  for (const auto& child : field.children()) describeField(child, path, out);
}

// What a form means, in the terms pyxform's XForm states it: one line per field and per list.
std::string describeMeaning(const CompileResult& result) {
  std::ostringstream out;
  for (const Diagnostic& d : result.diagnostics) {
    if (d.severity != Severity::Error) continue;
    const std::string line = formatDiagnostic(d, "");  // ": error: ...", without a file name
    out << line.substr(line.rfind(": error: ", 0) == 0 ? 2 : 0) << "\n";
  }
  for (const std::string& feature : unsupportedFeatures(result.diagnostics)) {
    out << "lacks: " << feature << "\n";
  }
  if (!result.ok()) return out.str();
  const auto& form = result.form;
  out << "form " << form.form_id() << " \"" << form.title() << "\"\n";
  for (const auto& field : form.fields()) describeField(field, "", out);
  for (const auto& list : form.choice_lists()) {
    out << "list " << list.list_name() << ":";
    for (const auto& choice : list.choices()) out << " " << choice.name();
    out << "\n";
  }
  return out.str();
}

std::vector<fs::path> corpusForms() {
  std::vector<fs::path> forms;
  for (const auto& entry : fs::recursive_directory_iterator(kCorpus)) {
    if (entry.path().extension() == ".xlsx") forms.push_back(entry.path());
  }
  forms.push_back(fs::path(PHUM_FORMS_TEST_DATA) / "htcds_xlsform.xlsx");
  std::sort(forms.begin(), forms.end());
  return forms;
}

// Messages name the file as given; the expectations do not depend on where the repo is.
std::string withoutFolder(std::string message, const fs::path& form) {
  const std::string folder = form.parent_path().string() + "/";
  for (auto at = message.find(folder); at != std::string::npos; at = message.find(folder)) {
    message.erase(at, folder.size());
  }
  return message;
}

std::string corpusName(const fs::path& form) {
  return form.parent_path().filename().string() + "/" + form.stem().string();
}

TEST(Corpus, EveryFormMeansWhatIsExpected) {
  const bool update = std::getenv("PHUM_UPDATE_CORPUS") != nullptr;
  int compiled = 0;
  int total = 0;
  for (const fs::path& form : corpusForms()) {
    const std::string name = corpusName(form);
    CompileResult result;
    try {
      result = compileFormFile(form.string());
    } catch (const FormReadError& e) {
      Diagnostic unreadable;
      unreadable.message = withoutFolder(e.what(), form);
      result.diagnostics.push_back(unreadable);
    }
    ++total;
    compiled += result.ok() ? 1 : 0;
    const std::string meaning = describeMeaning(result);
    const fs::path expected = kCorpus / "expected" / (name + ".txt");
    if (update) {
      fs::create_directories(expected.parent_path());
      std::ofstream(expected, std::ios::binary) << meaning;
      continue;
    }
    ASSERT_TRUE(fs::exists(expected)) << expected << " is missing; run with PHUM_UPDATE_CORPUS=1";
    EXPECT_EQ(meaning, readFile(expected.string())) << name;
  }
  std::cout << "corpus: " << compiled << " of " << total << " forms compile\n";
}

// pyxform's own expected XForms (tests/test_expected_output in pyxform) for the corpus forms that
// compile: the same fields, relevance, calculation and choices, checked field by field.
TEST(Corpus, SameMeaningAsPyxformForOrOther) {
  const CompileResult result = compileFormFile((kCorpus / "pyxform" / "or_other.xlsx").string());
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  // <bind nodeset="/or_other/fav_color_other" relevant="selected(../fav_color, 'other')"/>
  ASSERT_EQ(result.form.fields_size(), 3);
  EXPECT_EQ(result.form.fields(0).name(), "fav_color");
  EXPECT_EQ(result.form.fields(1).name(), "fav_color_other");
  EXPECT_EQ(result.form.fields(1).relevant(), "selected(${fav_color}, 'other')");
  EXPECT_EQ(result.form.fields(1).labels().begin()->second, "Specify other.");
  EXPECT_EQ(result.form.fields(2).choice_filter(), "pastel=yes");
  // <instance id="colors"> red green blue mauve apricot, then other labelled "Other".
  ASSERT_EQ(result.form.choice_lists_size(), 1);
  std::vector<std::string> names;
  for (const auto& choice : result.form.choice_lists(0).choices()) names.push_back(choice.name());
  EXPECT_EQ(names, (std::vector<std::string>{"red", "green", "blue", "mauve", "apricot", "other"}));
  EXPECT_EQ(result.form.choice_lists(0).choices(5).labels().begin()->second, "Other");
  EXPECT_EQ(result.form.choice_lists(0).choices(3).columns().at("pastel"), "yes");
}

TEST(Corpus, SameMeaningAsPyxformForPullData) {
  const CompileResult result = compileFormFile((kCorpus / "pyxform" / "pull_data.xlsx").string());
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  // <bind calculate="pulldata('fruits', 'name','name', 'mango')" nodeset="/pull_data/fruit"/>
  // <instance id="fruits" src="jr://file-csv/fruits.csv"/>: csv-external is no question.
  ASSERT_EQ(result.form.fields_size(), 2);
  EXPECT_EQ(result.form.fields(0).name(), "fruit");
  EXPECT_EQ(result.form.fields(0).type(), phum::v1::FIELD_TYPE_CALCULATE);
  EXPECT_EQ(result.form.fields(0).calculation(), "pulldata('fruits', 'name','name', 'mango')");
  EXPECT_EQ(result.form.fields(1).name(), "note_fruite");
  EXPECT_EQ(result.form.fields(1).type(), phum::v1::FIELD_TYPE_NOTE);
}

// pyxform's tests/test_builder.py, test_specify_other: the dictionary pyxform builds.
TEST(Corpus, SameMeaningAsPyxformForSpecifyOther) {
  const CompileResult result =
      compileFormFile((kCorpus / "pyxform" / "specify_other.xlsx").string());
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  // "sex": select one from "sexes", label {"English": "What sex are you?"}
  ASSERT_EQ(result.form.fields_size(), 2);
  EXPECT_EQ(result.form.fields(0).type(), phum::v1::FIELD_TYPE_SELECT_ONE);
  EXPECT_EQ(result.form.fields(0).list_name(), "sexes");
  EXPECT_EQ(result.form.fields(0).labels().at("en"), "What sex are you?");
  // "sex_other": text, relevant "selected(../sex, 'other')", label "Specify other."
  EXPECT_EQ(result.form.fields(1).name(), "sex_other");
  EXPECT_EQ(result.form.fields(1).type(), phum::v1::FIELD_TYPE_TEXT);
  EXPECT_EQ(result.form.fields(1).relevant(), "selected(${sex}, 'other')");
  EXPECT_EQ(result.form.fields(1).labels().begin()->second, "Specify other.");
  // "sexes": male "Male", female "Female", other "Other", all in English.
  const auto& choices = result.form.choice_lists(0).choices();
  ASSERT_EQ(choices.size(), 3);
  EXPECT_EQ(choices[0].labels().at("en"), "Male");
  EXPECT_EQ(choices[1].labels().at("en"), "Female");
  EXPECT_EQ(choices[2].name(), "other");
  EXPECT_EQ(choices[2].labels().at("en"), "Other");
}

TEST(Corpus, EveryWorkbookSurvivesMarkdownAndBack) {
  for (const fs::path& form : corpusForms()) {
    Workbook original;
    try {
      original = loadWorkbookFile(form.string());
    } catch (const FormReadError&) {
      continue;  // not a workbook at all: nothing to convert
    }
    if (hasErrors(original.diagnostics)) continue;
    TempDir dir;
    // Same file name: a form without form_id is named after its file.
    const std::string md = dir.file(form.stem().string() + ".xlsform.md");
    const std::string xlsx = dir.file(form.filename().string());
    saveWorkbookFile(original, md);
    saveWorkbookFile(loadWorkbookFile(md), xlsx);
    const CompileResult before = compileFormFile(form.string());
    const CompileResult after = compileFormFile(xlsx);
    EXPECT_EQ(describeMeaning(before), describeMeaning(after)) << corpusName(form);
    google::protobuf::util::MessageDifferencer differencer;
    std::string difference;
    differencer.ReportDifferencesToString(&difference);
    EXPECT_TRUE(differencer.Compare(before.form, after.form))  // media, '::' languages, columns
        << corpusName(form) << "\n"
        << difference.substr(0, 2000);
  }
}

}  // namespace
}  // namespace phum::forms
