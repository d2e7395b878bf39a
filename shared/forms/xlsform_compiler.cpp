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

// FNV-1a over the workbook's cells: the same content gives the same version whichever file
// format holds it (blank rows, trailing empty cells, surrounding spaces and cells in columns
// without a header do not count: the compiler reads none of them).
std::string contentVersion(const Workbook& workbook) {
  std::uint64_t hash = 1469598103934665603ULL;
  auto add = [&hash](std::string_view text) {
    for (unsigned char c : text) {
      if (c != '\r') hash = (hash ^ c) * 1099511628211ULL;  // Windows line ends count as '\n'
    }
    hash = (hash ^ 0x1F) * 1099511628211ULL;  // cell separator
  };
  auto usedWidth = [](const std::vector<std::string>& cells, std::size_t limit) {
    std::size_t width = std::min(cells.size(), limit);
    while (width > 0 && trimAscii(cells[width - 1]).empty()) --width;
    return width;
  };
  for (const char* name : {"survey", "choices", "external_choices", "settings"}) {
    const Sheet* sheet = workbook.findSheet(name);
    if (sheet == nullptr) continue;
    const std::size_t headerWidth = usedWidth(sheet->header, sheet->header.size());
    if (headerWidth == 0) continue;  // an empty sheet is no sheet
    add(name);
    auto addRow = [&](const std::vector<std::string>& cells) {
      const std::size_t width = usedWidth(cells, headerWidth);
      for (std::size_t i = 0; i < width; ++i) add(trimAscii(cells[i]));
      add("\n");
    };
    addRow(sheet->header);
    for (const SheetRow& row : sheet->rows) {
      if (usedWidth(row.cells, headerWidth) > 0) addRow(row.cells);
    }
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string version = "content-";
  for (int shift = 44; shift >= 0; shift -= 4) version.push_back(kHex[(hash >> shift) & 0xF]);
  return version;
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
  std::string version = settings.version;
  if (version.empty()) {
    version = contentVersion(workbook);
    diagnostics.warning({"settings", settings.row, nullptr},
                        "no version on the settings sheet; using '" + version +
                            "', made from the form's content, so any change to the form gives "
                            "a new version. Add a 'version' column (e.g. 2026112801) to choose "
                            "versions yourself");
  }
  form.set_form_id(formId);
  form.set_title(settings.title.empty() ? formId : settings.title);
  form.set_version(version);
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

// Sheets Phum does not read are named once, with the likely intended one (pyxform warns too).
void warnAboutOtherSheets(const Workbook& workbook, detail::Diagnostics& diagnostics) {
  const std::vector<std::string> known = {"survey",   "choices",  "external_choices",
                                          "settings", "entities", "osm"};
  for (const Sheet& sheet : workbook.sheets) {
    const std::string name = toLowerAscii(trimAscii(sheet.name));
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    const auto suggestion = detail::closestMatch(name, known);
    diagnostics.warning({"", nullptr, nullptr},
                        "sheet '" + sheet.name + "' is not an XLSForm sheet; Phum ignores it" +
                            (suggestion ? " (did you mean '" + *suggestion + "'?)" : ""));
  }
}

// Survey, then choices, then settings, each top to bottom, as a form officer reads the file.
void sortInSheetOrder(std::vector<Diagnostic>& diagnostics) {
  const auto rank = [](const Diagnostic& d) {
    if (d.sheet == "survey") return 1;
    if (d.sheet == "choices") return 2;
    if (d.sheet == "external_choices") return 3;
    if (d.sheet == "settings") return 4;
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
  // A form is kilobytes; a file of more than 64 MiB is not one (and would cost its size twice).
  in.seekg(0, std::ios::end);
  if (in && in.tellg() > std::streamoff(64) << 20) {
    throw FormReadError(path + " is larger than 64 MiB; this is not a form");
  }
  in.seekg(0, std::ios::beg);
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
  warnAboutOtherSheets(workbook, diagnostics);
  detail::Settings settings = readSettings(workbook, languages, diagnostics);
  languages.defaultCode = settings.defaultLanguage.empty() ? "default" : settings.defaultLanguage;
  detail::SurveyResult survey;
  readSurvey(workbook, languages, diagnostics, result.form, survey);
  detail::ChoicesResult choices;
  readChoices(workbook, settings, languages, diagnostics, result.form, choices);
  addOtherChoices(survey, languages, result.form);
  applySettings(settings, workbook, diagnostics, result.form);
  applyLanguages(languages, settings, diagnostics, result.form);
  applyRecordSettings(settings, diagnostics, result.form);
  if (survey.columns) checkSurvey(survey, choices, settings, result.form, diagnostics);
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

Workbook loadWorkbookBytes(std::string_view bytes, const std::string& sourceName) {
  if (endsWith(sourceName, ".xlsx")) return readXlsxWorkbookBytes(bytes, sourceName);
  if (endsWith(sourceName, ".md")) return readMarkdownWorkbook(bytes, sourceName);
  throw FormReadError(sourceName +
                      ": not an XLSForm file; use a .xlsx workbook or a .xlsform.md file");
}

std::vector<std::string> compileReport(const CompileResult& result, const std::string& sourceName) {
  std::vector<std::string> lines;
  std::size_t errors = 0;
  for (const Diagnostic& diagnostic : result.diagnostics) {
    lines.push_back(formatDiagnostic(diagnostic, sourceName));
    errors += diagnostic.severity == Severity::Error ? 1 : 0;
  }
  if (result.ok()) return lines;
  lines.push_back(sourceName + ": " + std::to_string(errors) +
                  " error(s); the form was not compiled");
  // Together, so a form author sees in one pass everything Phum lacks for this form.
  const std::vector<std::string> missing = unsupportedFeatures(result.diagnostics);
  if (!missing.empty()) {
    lines.push_back(sourceName + ": valid XLSForm that Phum does not support yet:");
    for (const std::string& feature : missing) lines.push_back("  - " + feature);
  }
  return lines;
}

CompileResult compileFormFile(const std::string& path) {
  return compileWorkbook(loadWorkbookFile(path));
}

}  // namespace phum::forms
