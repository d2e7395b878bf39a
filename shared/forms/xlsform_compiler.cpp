#include "forms/xlsform_compiler.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "forms/compiler_internal.h"
#include "forms/markdown_form.h"
#include "forms/xlsx_workbook.h"

namespace phum::forms {
namespace {

bool endsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         toLowerAscii(text.substr(text.size() - suffix.size())) == suffix;
}

// "forms/household.xlsform.md" -> "household": the form_id when the settings sheet has none.
std::string fileStem(const std::string& sourceName) {
  std::string name = sourceName.substr(sourceName.find_last_of('/') + 1);
  for (std::string_view suffix : {".xlsform.md", ".xlsx", ".md"}) {
    if (endsWith(name, suffix)) return name.substr(0, name.size() - suffix.size());
  }
  return name;
}

void applySettings(const detail::Settings& settings, const Workbook& workbook,
                   detail::Diagnostics& diagnostics, phum::v1::FormDefinition& form) {
  std::string formId = settings.formId;
  if (formId.empty()) {
    formId = fileStem(workbook.sourceName);
    diagnostics.warning({"settings", settings.row, nullptr},
                        "no form_id on the settings sheet; using '" + formId +
                            "' from the file name. Add a form_id column so renaming the file "
                            "does not change the form");
  }
  if (settings.version.empty()) {
    diagnostics.error({"settings", settings.row, nullptr},
                      "no version on the settings sheet; add a 'version' column with a value such "
                      "as 2026112801 and raise it on every change, so each record names the form "
                      "version it was made with");
  }
  form.set_form_id(formId);
  form.set_title(settings.title.empty() ? formId : settings.title);
  form.set_version(settings.version);
  form.set_default_language(settings.defaultLanguage);
  form.set_instance_name(settings.instanceName);
}

void applyLanguages(const detail::Languages& languages, const detail::Settings& settings,
                    detail::Diagnostics& diagnostics, phum::v1::FormDefinition& form) {
  for (const std::string& code : languages.codes) {
    form.add_languages(code);
    phum::v1::Language* language = form.add_language_names();
    language->set_code(code);
    const auto name = languages.names.find(code);
    if (name != languages.names.end()) language->set_name(name->second);
  }
  const std::string& wanted = settings.defaultLanguage;
  if (!wanted.empty() &&
      std::find(languages.codes.begin(), languages.codes.end(), wanted) == languages.codes.end()) {
    diagnostics.error({"settings", settings.row, nullptr},
                      "default_language '" + wanted +
                          "' has no label columns; write it as in the survey headers, e.g. "
                          "'English (en)', or add label::" +
                          wanted + " columns");
  }
}

// Survey, then choices, then settings, each top to bottom, as a form officer reads the file.
void sortInSheetOrder(std::vector<Diagnostic>& diagnostics) {
  const auto rank = [](const Diagnostic& d) {
    if (d.sheet == "survey") return 1;
    if (d.sheet == "choices") return 2;
    if (d.sheet == "settings") return 3;
    return 0;
  };
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) {
                     return std::pair(rank(a), a.row) < std::pair(rank(b), b.row);
                   });
}

std::string readTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FormReadError("cannot open " + path + " (missing or not readable)");
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) throw FormReadError("cannot read " + path);
  return content.str();
}

}  // namespace

CompileResult compileWorkbook(const Workbook& workbook) {
  CompileResult result;
  detail::Diagnostics diagnostics;
  diagnostics.all() = workbook.diagnostics;
  detail::Languages languages;
  const detail::Settings settings = readSettings(workbook, languages, diagnostics);
  languages.defaultCode = settings.defaultLanguage.empty() ? "default" : settings.defaultLanguage;
  detail::SurveyResult survey;
  readSurvey(workbook, languages, diagnostics, result.form, survey);
  readChoices(workbook, languages, diagnostics, result.form);
  applySettings(settings, workbook, diagnostics, result.form);
  applyLanguages(languages, settings, diagnostics, result.form);
  applyRecordSettings(settings, diagnostics, result.form);
  if (survey.columns) checkSurvey(survey, settings, result.form, diagnostics);
  result.diagnostics = std::move(diagnostics.all());
  sortInSheetOrder(result.diagnostics);
  return result;
}

Workbook loadWorkbookFile(const std::string& path) {
  if (endsWith(path, ".xlsx")) return readXlsxWorkbook(path);
  if (endsWith(path, ".md")) {
    return readMarkdownWorkbook(readTextFile(path), path.substr(path.find_last_of('/') + 1));
  }
  throw FormReadError(path + ": not an XLSForm file; use a .xlsx workbook or a .xlsform.md file");
}

void saveWorkbookFile(const Workbook& workbook, const std::string& path) {
  if (endsWith(path, ".xlsx")) return writeXlsxWorkbook(workbook, path);
  if (!endsWith(path, ".md")) {
    throw FormReadError(path + ": choose a .xlsx or .xlsform.md file name for the output");
  }
  const std::string text = writeMarkdownWorkbook(workbook);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw FormReadError("cannot write " + path + " (disk full or not writable?)");
}

CompileResult compileFormFile(const std::string& path) {
  return compileWorkbook(loadWorkbookFile(path));
}

}  // namespace phum::forms
