#pragma once
// The plain-text XLSForm kept in the repository (`*.xlsform.md`), so form changes diff cleanly.
//
// Each sheet is a level-2 heading `## survey`, `## choices`, `## external_choices`, `## settings`
// or `## entities` followed by one or more pipe tables. A table's first row is the XLSForm header
// row, its second the `|---|` separator. Further tables under the same heading continue the sheet
// and must repeat the same header, so a long survey can be split into documented sections. Cells
// are trimmed; `\|` is a literal pipe, `<br>` a line break inside a cell and `\<br>` the text
// `<br>` itself (HTML that Kobo forms put in labels). Every other line
// (titles, paragraphs, level-3+ headings, fenced code blocks) is documentation and ignored. Any
// other level-1/2 heading ends the sheet.
//
// Sheet rows are numbered as in the equivalent spreadsheet: header = row 1, then one row per table
// row, so `forms convert` to .xlsx keeps the row numbers that errors mention.
#include <string>
#include <string_view>

#include "forms/workbook.h"

namespace phum::forms {

Workbook readMarkdownWorkbook(std::string_view text, std::string sourceName);
std::string writeMarkdownWorkbook(const Workbook& workbook);

}  // namespace phum::forms
