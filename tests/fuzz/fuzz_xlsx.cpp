// An uploaded .xlsx as the console and `phum-admin forms check` read it: the ZIP, the sheets'
// XML and shared strings, then the XLSForm compiler. Whatever the bytes, the answer is a form or
// diagnostics, or FormReadError with a message; nothing else may escape.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "forms/xlsform_compiler.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const auto workbook = phum::forms::loadWorkbookBytes(bytes, "upload.xlsx");
    const auto result = phum::forms::compileWorkbook(workbook);
    phum::forms::compileReport(result, "upload.xlsx");
  } catch (const phum::forms::FormReadError&) {
  }
  return 0;
}
