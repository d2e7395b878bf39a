#pragma once
// The XLSForm compiler: reads a form officer's XLSForm (.xlsx or .xlsform.md) and produces the
// FormDefinition that devices download. It reports every problem it finds, not just the first,
// each located by sheet, row, column (and .xlsform.md line) with a suggested fix.
#include <string>
#include <string_view>
#include <vector>

#include "forms/workbook.h"
#include "phum/v1/form.pb.h"

namespace phum::forms {

struct CompileResult {
  phum::v1::FormDefinition form;        // as complete as the errors allowed; use only when ok()
  std::vector<Diagnostic> diagnostics;  // errors and warnings, in sheet order
  bool ok() const { return !hasErrors(diagnostics); }
};

CompileResult compileWorkbook(const Workbook& workbook);

// Reads `.xlsx` or `.xlsform.md` (chosen by the file name). Throws FormReadError when the file
// cannot be read or its extension is neither.
Workbook loadWorkbookFile(const std::string& path);
// Writes `.xlsx` or `.xlsform.md` (chosen by the file name). Throws FormReadError on failure.
void saveWorkbookFile(const Workbook& workbook, const std::string& path);

// The same from a file's bytes (an upload), chosen by `sourceName`; messages name `sourceName`.
Workbook loadWorkbookBytes(std::string_view bytes, const std::string& sourceName);

// What `phum-admin forms check` prints and the console shows for a compiled form, one message a
// line: each diagnostic, then, when the form has errors, their count and the XLSForm features
// Phum does not support yet.
std::vector<std::string> compileReport(const CompileResult& result, const std::string& sourceName);

// loadWorkbookFile + compileWorkbook. Throws FormReadError only when the file cannot be read.
CompileResult compileFormFile(const std::string& path);

}  // namespace phum::forms
