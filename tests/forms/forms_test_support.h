#pragma once
// Helpers shared by the forms tests: temporary folders and small forms written inline.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "forms/markdown_form.h"
#include "forms/xlsform_compiler.h"

namespace phum::forms::testing {

inline std::string testDataPath(const std::string& name) {
  return std::string(PHUM_FORMS_TEST_DATA) + "/" + name;
}

// A fresh directory under the system temp dir, removed when the test ends.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "phum-forms-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  std::string write(const std::string& name, const std::string& content) const {
    std::ofstream out(file(name), std::ios::binary);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + file(name));
    return file(name);
  }

 private:
  std::filesystem::path path_;
};

inline CompileResult compileMarkdown(const std::string& text,
                                     const std::string& name = "test.xlsform.md") {
  return compileWorkbook(readMarkdownWorkbook(text, name));
}

// A minimal valid settings sheet, appended to survey snippets in tests.
inline const char* kSettings =
    "\n## settings\n\n| form_id | version |\n|---|---|\n| test_form | 1 |\n";

// A survey sheet with the given table rows (each "| type | name | label |" style, 3 columns).
inline std::string surveyForm(const std::string& rows, const std::string& extra = "") {
  return "## survey\n\n| type | name | label |\n|---|---|---|\n" + rows + "\n" + extra + kSettings;
}

inline std::string describe(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += formatDiagnostic(d, "form") + "\n";
  return out;
}

// The single error of a result; fails the test when there is not exactly one.
inline Diagnostic onlyError(const CompileResult& result) {
  std::vector<Diagnostic> errors;
  for (const Diagnostic& d : result.diagnostics) {
    if (d.severity == Severity::Error) errors.push_back(d);
  }
  EXPECT_EQ(errors.size(), 1u) << describe(result.diagnostics);
  return errors.empty() ? Diagnostic{} : errors.front();
}

// Writes a workbook part by part, as another spreadsheet program would.
inline void writeZip(const std::string& path,
                     const std::vector<std::pair<std::string, std::string>>& parts) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(archive, nullptr);
  for (const auto& [name, content] : parts) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    ASSERT_GE(zip_file_add(archive, name.c_str(), source, 0), 0);
  }
  ASSERT_EQ(zip_close(archive), 0);
}

inline std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace phum::forms::testing
