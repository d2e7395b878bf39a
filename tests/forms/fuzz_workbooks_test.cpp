// Mutated forms, many of them: real forms from the corpus with parts cut, repeated or replaced by
// XLSForm fragments and stray bytes. Whatever comes out, the compiler answers with a definition or
// with errors that say something; it never crashes, hangs or throws anything but FormReadError.
// The seeds are fixed, so a failure names the case that reproduces it. A hang is left to ctest's
// timeout (the machines are shared: no wall-clock limits in tests); tests/fuzz goes further.
#include <gtest/gtest.h>
#include <zip.h>

#include <filesystem>
#include <random>

#include "forms/markdown_form.h"
#include "forms/xlsform_compiler.h"
#include "forms_test_support.h"

namespace phum::forms {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::testDataPath;
using testing::writeZip;

const fs::path kCorpus = fs::path(PHUM_FORMS_TEST_DATA).parent_path() / "corpus";

// Pieces of XLSForm and of the file formats, so mutations reach deep into the compiler.
const std::vector<std::string> kFragments = {"|",
                                             "\\|",
                                             "\n",
                                             "<br>",
                                             "${",
                                             "}",
                                             "(",
                                             ")",
                                             "'",
                                             "\"",
                                             "::",
                                             ":",
                                             "begin group",
                                             "end group",
                                             "begin repeat",
                                             "end repeat",
                                             "select_one ",
                                             "or_other",
                                             "calculate",
                                             "range",
                                             "${a}",
                                             "..",
                                             "/",
                                             "[",
                                             "]",
                                             "\xff\xfe",
                                             "\xe2\x80\x99",
                                             "## survey\n| type | name | label |\n|---|---|---|\n",
                                             "## choices\n",
                                             "## settings\n",
                                             "|---|",
                                             "pulldata(",
                                             "indexed-repeat(",
                                             "selected(",
                                             "<row r=\"9\">",
                                             "</row>",
                                             "<c r=\"ZZ9\" t=\"s\"><v>99999</v></c>",
                                             "<v>-1</v>",
                                             "<is><t>",
                                             "</t></is>",
                                             "&amp;",
                                             "&#0;",
                                             "<",
                                             ">",
                                             "r=\"0\"",
                                             "t=\"s\"",
                                             "999999999999999999999"};

std::string mutate(std::string text, std::mt19937& random) {
  const int edits = 1 + static_cast<int>(random() % 6);
  for (int e = 0; e < edits && !text.empty(); ++e) {
    const std::size_t at = random() % text.size();
    const std::size_t length = std::min<std::size_t>(text.size() - at, random() % 200);
    switch (random() % 4) {
      case 0:
        text.erase(at, length);
        break;
      case 1:
        text.insert(at, text.substr(at, length));
        break;
      case 2:
        text.insert(at, kFragments[random() % kFragments.size()]);
        break;
      default:
        text[at] = static_cast<char>(random() % 256);
        break;
    }
  }
  return text;
}

// A compile that went wrong must say why; nothing but a FormReadError may escape.
void expectAnAnswer(const std::string& path, const std::string& label) {
  try {
    const CompileResult result = compileFormFile(path);
    for (const Diagnostic& d : result.diagnostics) {
      ASSERT_FALSE(d.message.empty()) << label;
    }
  } catch (const FormReadError& e) {
    ASSERT_NE(std::string(e.what()), "") << label;
  }
}

std::vector<std::pair<std::string, std::string>> readParts(const std::string& path) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
  std::vector<std::pair<std::string, std::string>> parts;
  if (archive == nullptr) return parts;
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
    zip_stat_t stat;
    if (zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat) != 0) continue;
    std::string content(stat.size, '\0');
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    if (file == nullptr) continue;
    const zip_int64_t read = zip_fread(file, content.data(), content.size());
    zip_fclose(file);
    if (read >= 0) parts.emplace_back(stat.name, content.substr(0, static_cast<std::size_t>(read)));
  }
  zip_discard(archive);
  return parts;
}

const char* const kSeedForms[] = {"pyxform/xlsform_spec_test.xlsx", "pyxform/or_other.xlsx",
                                  "kobocat/exp.xlsx", "unhcr/KoBoXLSFormExamples.xlsx",
                                  "hotosm/highways.xlsx"};

TEST(FuzzWorkbooks, MutatedMarkdownForms) {
  std::vector<std::string> seeds = {testing::readFile(testDataPath("all_features.xlsform.md"))};
  for (const char* form : kSeedForms) {
    seeds.push_back(writeMarkdownWorkbook(loadWorkbookFile((kCorpus / form).string())));
  }
  TempDir dir;
  std::mt19937 random(20261130);
  for (int i = 0; i < 400; ++i) {
    const std::string& seed = seeds[static_cast<std::size_t>(i) % seeds.size()];
    const std::string path = dir.write("case.xlsform.md", mutate(seed, random));
    expectAnAnswer(path, "markdown case " + std::to_string(i));
    if (HasFatalFailure()) {
      fs::copy_file(path, fs::temp_directory_path() / "phum_fuzz_failure.xlsform.md",
                    fs::copy_options::overwrite_existing);
      return;
    }
  }
}

TEST(FuzzWorkbooks, MutatedXlsxParts) {
  TempDir dir;
  std::mt19937 random(4242);
  for (int i = 0; i < 100; ++i) {
    const char* form = kSeedForms[static_cast<std::size_t>(i) % std::size(kSeedForms)];
    auto parts = readParts((kCorpus / form).string());
    ASSERT_FALSE(parts.empty()) << form;
    // One part changed: mostly one the reader reads (worksheets, shared strings, the workbook
    // and its relationships), sometimes any other.
    std::vector<std::size_t> read;
    for (std::size_t p = 0; p < parts.size(); ++p) {
      const std::string& name = parts[p].first;
      if (name.starts_with("xl/worksheets/sheet") || name == "xl/sharedStrings.xml" ||
          name == "xl/workbook.xml" || name == "xl/_rels/workbook.xml.rels") {
        read.push_back(p);
      }
    }
    auto& part = random() % 5 != 0 && !read.empty() ? parts[read[random() % read.size()]]
                                                    : parts[random() % parts.size()];
    part.second = mutate(part.second, random);
    const std::string path = dir.file("case.xlsx");
    writeZip(path, parts);
    expectAnAnswer(path, "xlsx case " + std::to_string(i) + " (" + form + ", " + part.first + ")");
    if (HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace phum::forms
