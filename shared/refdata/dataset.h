#pragma once
// Reference datasets pushed to devices (gazetteer, agencies, crossing points, referral
// directory): validated import from CSV. Every problem is reported with file, line and column
// and says how to fix it, so an admin can correct the spreadsheet without reading code.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refdata/csv.h"

namespace phum::refdata {

struct ImportIssue {
  std::string file;
  int line = 0;
  std::string column;  // empty when the problem is the whole row
  std::string message;

  // "gazetteer.csv:12: column 'parent': ..." (the format admins see).
  std::string toString() const;
};

using RowColumns = std::map<std::string, std::string>;

// One dataset as devices hold it: rows keyed by their code (NIS code, licence number...).
// Row values exclude the key column. Ordered maps keep deltas deterministic.
struct Dataset {
  std::string name;                  // the ReferenceDelta.dataset value, e.g. "gazetteer"
  std::string keyColumn;             // e.g. "code", "licence"
  std::vector<std::string> columns;  // all columns in file order, key included
  std::map<std::string, RowColumns> rows;

  const RowColumns* find(std::string_view key) const;
};

struct ImportResult {
  Dataset dataset;
  std::vector<ImportIssue> issues;

  bool ok() const { return issues.empty(); }
  std::string report() const;  // one issue per line
};

enum class DatasetKind { Gazetteer, Agencies, CrossingPoints, ReferralDirectory };

std::string_view datasetName(DatasetKind kind);      // "gazetteer", "agencies", ...
std::string_view datasetFileName(DatasetKind kind);  // "gazetteer.csv", ...
std::optional<DatasetKind> datasetKindFromName(std::string_view nameOrFileName);

// Columns each dataset must have (extra columns are kept and travel to devices as they are).
const std::vector<std::string>& requiredColumns(DatasetKind kind);

// code, level (province|district|commune|village), parent, name_en, name_km. NIS codes have
// 2/4/6/8 digits and begin with the parent's code.
ImportResult importGazetteer(const CsvTable& table);

// Province columns are checked against `gazetteer` when given, else against NIS codes 01-25.
ImportResult importAgencies(const CsvTable& table, const Dataset* gazetteer = nullptr);
ImportResult importCrossingPoints(const CsvTable& table, const Dataset* gazetteer = nullptr);
ImportResult importReferralDirectory(const CsvTable& table, const Dataset* gazetteer = nullptr);

ImportResult importDataset(DatasetKind kind, const CsvTable& table,
                           const Dataset* gazetteer = nullptr);

// Imports the four files of a directory like data/reference: the gazetteer first, then the
// others with their province columns checked against it. Results are in DatasetKind order.
// Throws CsvError when a file is missing, unreadable or not CSV.
std::vector<ImportResult> importReferenceDirectory(const std::filesystem::path& directory);

}  // namespace phum::refdata
