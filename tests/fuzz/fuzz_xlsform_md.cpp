// A form written as .xlsform.md (the text format of the mission forms): the Markdown tables
// reader, then the XLSForm compiler, then the writer that must read back what it wrote.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "forms/markdown_form.h"
#include "forms/xlsform_compiler.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto workbook = phum::forms::readMarkdownWorkbook(text, "fuzz.xlsform.md");
    const auto result = phum::forms::compileWorkbook(workbook);
    phum::forms::compileReport(result, "fuzz.xlsform.md");
    phum::forms::readMarkdownWorkbook(phum::forms::writeMarkdownWorkbook(workbook), "again.md");
  } catch (const phum::forms::FormReadError&) {
  }
  return 0;
}
