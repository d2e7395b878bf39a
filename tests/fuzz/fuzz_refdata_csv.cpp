// A reference-data CSV as an administrator uploads it: the CSV reader, then the import of every
// dataset kind (the gazetteer first, so the others are checked against the villages it found).
// Bad files are refused with CsvError or in the import's own error list, nothing else.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "refdata/csv.h"
#include "refdata/dataset.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  using phum::refdata::DatasetKind;
  try {
    const auto table = phum::refdata::parseCsv(text, "upload.csv");
    const auto gazetteer = phum::refdata::importDataset(DatasetKind::Gazetteer, table);
    for (const auto kind :
         {DatasetKind::Agencies, DatasetKind::CrossingPoints, DatasetKind::ReferralDirectory}) {
      phum::refdata::importDataset(kind, table, &gazetteer.dataset);
    }
  } catch (const phum::refdata::CsvError&) {
  }
  return 0;
}
