#pragma once
// XLSForm spreadsheets (.xlsx, Office Open XML) read and written with libzip and pugixml.
#include <string>
#include <string_view>

#include "forms/workbook.h"

namespace phum::forms {

// Reads every worksheet as text cells. Throws FormReadError naming the file and what is wrong when
// it is missing, not a zip, or lacks the workbook parts.
Workbook readXlsxWorkbook(const std::string& path);
// The same from the file's bytes (an upload); `sourceName` names it in messages.
Workbook readXlsxWorkbookBytes(std::string_view bytes, const std::string& sourceName);

// Writes the survey, choices, external_choices, settings and entities sheets (in that order) as
// inline-string cells, keeping each row's sheet row number. Throws FormReadError when the file
// cannot be written.
void writeXlsxWorkbook(const Workbook& workbook, const std::string& path);

}  // namespace phum::forms
