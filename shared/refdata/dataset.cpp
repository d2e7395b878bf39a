#include "refdata/dataset.h"

#include <algorithm>
#include <array>
#include <set>

namespace phum::refdata {
namespace {

struct SourceRow {
  int line = 0;
  std::string key;
  RowColumns values;  // every column, key included
};

struct DatasetSpec {
  DatasetKind kind;
  std::string_view name;
  std::string_view fileName;
  std::string keyColumn;
  std::vector<std::string> required;  // columns that must exist
  std::vector<std::string> nonEmpty;  // columns whose cells must be filled in
};

const std::vector<DatasetSpec>& specs() {
  static const std::vector<DatasetSpec> all = {
      {DatasetKind::Gazetteer,
       "gazetteer",
       "gazetteer.csv",
       "code",
       {"code", "level", "parent", "name_en", "name_km"},
       {"code", "level", "name_en", "name_km"}},
      {DatasetKind::Agencies,
       "agencies",
       "agencies.csv",
       "licence",
       {"licence", "name_en", "name_km", "watch", "province"},
       {"licence", "name_en", "name_km", "watch"}},
      {DatasetKind::CrossingPoints,
       "crossing_points",
       "crossing_points.csv",
       "code",
       {"code", "name_en", "name_km", "province"},
       {"code", "name_en", "name_km", "province"}},
      {DatasetKind::ReferralDirectory,
       "referral_directory",
       "referral_directory.csv",
       "code",
       {"code", "type", "name_en", "name_km", "province"},
       {"code", "type", "name_en", "name_km"}},
  };
  return all;
}

const DatasetSpec& specFor(DatasetKind kind) {
  for (const DatasetSpec& spec : specs()) {
    if (spec.kind == kind) return spec;
  }
  return specs().front();  // unreachable: every kind has a spec
}

// Collects issues for one file so the checks below stay one line each.
class IssueSink {
 public:
  explicit IssueSink(std::string file) : file_(std::move(file)) {}
  void add(int line, std::string column, std::string message) {
    issues_.push_back({file_, line, std::move(column), std::move(message)});
  }
  std::vector<ImportIssue> take() {
    std::stable_sort(issues_.begin(), issues_.end(),
                     [](const ImportIssue& a, const ImportIssue& b) { return a.line < b.line; });
    return std::move(issues_);
  }

 private:
  std::string file_;
  std::vector<ImportIssue> issues_;
};

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

std::string trimmed(const std::string& text) {
  auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// Checks the header, field counts, filled-in cells and unique keys common to every dataset.
std::vector<SourceRow> readRows(const CsvTable& table, const DatasetSpec& spec, IssueSink& sink) {
  bool headerOk = true;
  for (const std::string& column : spec.required) {
    if (std::find(table.header.begin(), table.header.end(), column) == table.header.end()) {
      sink.add(table.headerLine, column,
               "the header row has no column '" + column + "'; the header must name the columns " +
                   joined(spec.required));
      headerOk = false;
    }
  }
  std::vector<SourceRow> rows;
  if (!headerOk) return rows;
  std::map<std::string, int> firstLineOfKey;
  for (const CsvRecord& record : table.records) {
    if (record.fields.size() != table.header.size()) {
      sink.add(record.line, "",
               "this row has " + std::to_string(record.fields.size()) +
                   " fields but the header has " + std::to_string(table.header.size()) +
                   "; put any value containing a comma in double quotes and check for missing or "
                   "extra commas");
      continue;
    }
    SourceRow row{record.line, {}, {}};
    for (std::size_t i = 0; i < table.header.size(); ++i) {
      row.values[table.header[i]] = trimmed(record.fields[i]);
    }
    row.key = row.values[spec.keyColumn];
    bool filled = true;
    for (const std::string& column : spec.nonEmpty) {
      if (row.values[column].empty()) {
        sink.add(row.line, column, "the " + column + " cell is empty; fill it in");
        filled = false;
      }
    }
    if (!filled && row.key.empty()) continue;
    auto [it, inserted] = firstLineOfKey.emplace(row.key, row.line);
    if (!inserted) {
      sink.add(row.line, spec.keyColumn,
               spec.keyColumn + " '" + row.key + "' is already used on line " +
                   std::to_string(it->second) + "; each " + spec.keyColumn +
                   " must appear once, so remove or renumber one of them");
      continue;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Dataset buildDataset(const CsvTable& table, const DatasetSpec& spec,
                     const std::vector<SourceRow>& rows) {
  Dataset dataset;
  dataset.name = std::string(spec.name);
  dataset.keyColumn = spec.keyColumn;
  dataset.columns = table.header;
  for (const SourceRow& row : rows) {
    RowColumns values = row.values;
    values.erase(spec.keyColumn);
    dataset.rows.emplace(row.key, std::move(values));
  }
  return dataset;
}

bool allDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Empty is allowed (national bodies, embassies abroad); anything else must be a province.
void checkProvince(const SourceRow& row, const Dataset* gazetteer, bool required, IssueSink& sink) {
  const std::string& code = row.values.at("province");
  if (code.empty()) {
    if (required) sink.add(row.line, "province", "the province cell is empty; fill it in");
    return;
  }
  bool known = false;
  if (gazetteer != nullptr) {
    const RowColumns* unit = gazetteer->find(code);
    known = unit != nullptr && unit->count("level") != 0 && unit->at("level") == "province";
  } else {
    known = code.size() == 2 && allDigits(code) && code >= "01" && code <= "25";
  }
  if (!known) {
    sink.add(row.line, "province",
             "'" + code +
                 "' is not a province code; use the two-digit NIS code of the province (01 to 25), "
                 "e.g. 01 for Banteay Meanchey");
  }
}

}  // namespace

std::string ImportIssue::toString() const {
  std::string out = file + ":" + std::to_string(line) + ": ";
  if (!column.empty()) out += "column '" + column + "': ";
  return out + message;
}

const RowColumns* Dataset::find(std::string_view key) const {
  auto it = rows.find(std::string(key));
  return it == rows.end() ? nullptr : &it->second;
}

std::string ImportResult::report() const {
  std::string out;
  for (const ImportIssue& issue : issues) out += issue.toString() + "\n";
  return out;
}

std::string_view datasetName(DatasetKind kind) { return specFor(kind).name; }
std::string_view datasetFileName(DatasetKind kind) { return specFor(kind).fileName; }

std::optional<DatasetKind> datasetKindFromName(std::string_view nameOrFileName) {
  for (const DatasetSpec& spec : specs()) {
    if (nameOrFileName == spec.name || nameOrFileName == spec.fileName) return spec.kind;
  }
  return std::nullopt;
}

const std::vector<std::string>& requiredColumns(DatasetKind kind) { return specFor(kind).required; }

namespace {

struct Level {
  std::string_view name;
  std::size_t codeDigits;
};

// NIS administrative levels, top down; each adds two digits to its parent's code.
constexpr std::array<Level, 4> kLevels = {
    {{"province", 2}, {"district", 4}, {"commune", 6}, {"village", 8}}};

const Level* findLevel(std::string_view name) {
  for (const Level& level : kLevels) {
    if (level.name == name) return &level;
  }
  return nullptr;
}

std::string article(std::string_view levelName) { return "a " + std::string(levelName); }

void checkGazetteerParent(const SourceRow& row, const Level& level,
                          const std::map<std::string, const SourceRow*>& byCode, IssueSink& sink) {
  const std::string& parent = row.values.at("parent");
  if (level.name == "province") {
    if (!parent.empty()) {
      sink.add(row.line, "parent", "a province has no parent; leave the parent cell empty");
    }
    return;
  }
  const Level& parentLevel = kLevels[static_cast<std::size_t>(&level - kLevels.data()) - 1];
  if (parent.empty()) {
    sink.add(row.line, "parent",
             "the parent cell is empty; " + article(level.name) + " needs the code of its " +
                 std::string(parentLevel.name));
    return;
  }
  auto found = byCode.find(parent);
  if (found == byCode.end()) {
    sink.add(row.line, "parent",
             "parent code '" + parent + "' is not in the file; add that " +
                 std::string(parentLevel.name) + " or correct the parent code");
    return;
  }
  const std::string& actual = found->second->values.at("level");
  if (actual != parentLevel.name) {
    sink.add(row.line, "parent",
             "parent '" + parent + "' is " + article(actual) + " (line " +
                 std::to_string(found->second->line) + ") but the parent of " +
                 article(level.name) + " must be " + article(parentLevel.name));
    return;
  }
  if (!row.key.starts_with(parent)) {
    sink.add(row.line, "code",
             "code '" + row.key + "' does not start with its parent's code '" + parent +
                 "'; NIS codes begin with the code of the unit they belong to");
  }
}

}  // namespace

ImportResult importGazetteer(const CsvTable& table) {
  const DatasetSpec& spec = specFor(DatasetKind::Gazetteer);
  IssueSink sink(table.source);
  std::vector<SourceRow> rows = readRows(table, spec, sink);
  // Parents may appear after their children, so index every row before checking links.
  std::map<std::string, const SourceRow*> byCode;
  for (const SourceRow& row : rows) byCode.emplace(row.key, &row);
  for (const SourceRow& row : rows) {
    const std::string& levelName = row.values.at("level");
    const Level* level = findLevel(levelName);
    if (level == nullptr) {
      if (!levelName.empty()) {
        sink.add(row.line, "level",
                 "unknown level '" + levelName +
                     "'; use one of province, district, commune, village (lower case)");
      }
      continue;
    }
    if (!allDigits(row.key) || row.key.size() != level->codeDigits) {
      sink.add(row.line, "code",
               "code '" + row.key + "' is not a " + std::string(level->name) + " code; " +
                   article(level->name) + " has a " + std::to_string(level->codeDigits) +
                   "-digit NIS code (keep leading zeros: format the column as text)");
      continue;
    }
    checkGazetteerParent(row, *level, byCode, sink);
  }
  return {buildDataset(table, spec, rows), sink.take()};
}

ImportResult importAgencies(const CsvTable& table, const Dataset* gazetteer) {
  const DatasetSpec& spec = specFor(DatasetKind::Agencies);
  IssueSink sink(table.source);
  std::vector<SourceRow> rows = readRows(table, spec, sink);
  for (const SourceRow& row : rows) {
    const std::string& watch = row.values.at("watch");
    if (!watch.empty() && watch != "yes" && watch != "no") {
      sink.add(row.line, "watch",
               "watch flag '" + watch +
                   "' is not understood; write yes (the agency is on the watch list) or no");
    }
    checkProvince(row, gazetteer, false, sink);
  }
  return {buildDataset(table, spec, rows), sink.take()};
}

ImportResult importCrossingPoints(const CsvTable& table, const Dataset* gazetteer) {
  const DatasetSpec& spec = specFor(DatasetKind::CrossingPoints);
  IssueSink sink(table.source);
  std::vector<SourceRow> rows = readRows(table, spec, sink);
  for (const SourceRow& row : rows) checkProvince(row, gazetteer, true, sink);
  return {buildDataset(table, spec, rows), sink.take()};
}

ImportResult importReferralDirectory(const CsvTable& table, const Dataset* gazetteer) {
  static const std::set<std::string> kTypes = {
      "mrc",       "labour_office", "ngo_legal_aid", "ngo_shelter", "ngo_health",
      "ngo_other", "police",        "embassy",       "hotline",     "government"};
  const DatasetSpec& spec = specFor(DatasetKind::ReferralDirectory);
  IssueSink sink(table.source);
  std::vector<SourceRow> rows = readRows(table, spec, sink);
  for (const SourceRow& row : rows) {
    const std::string& type = row.values.at("type");
    if (!type.empty() && kTypes.count(type) == 0) {
      std::vector<std::string> names(kTypes.begin(), kTypes.end());
      sink.add(row.line, "type", "unknown type '" + type + "'; use one of " + joined(names));
    }
    checkProvince(row, gazetteer, false, sink);
  }
  return {buildDataset(table, spec, rows), sink.take()};
}

ImportResult importDataset(DatasetKind kind, const CsvTable& table, const Dataset* gazetteer) {
  switch (kind) {
    case DatasetKind::Gazetteer:
      return importGazetteer(table);
    case DatasetKind::Agencies:
      return importAgencies(table, gazetteer);
    case DatasetKind::CrossingPoints:
      return importCrossingPoints(table, gazetteer);
    case DatasetKind::ReferralDirectory:
      return importReferralDirectory(table, gazetteer);
  }
  return importGazetteer(table);  // unreachable: the switch covers every kind
}

std::vector<ImportResult> importReferenceDirectory(const std::filesystem::path& directory) {
  std::vector<ImportResult> results;
  results.push_back(
      importGazetteer(readCsvFile(directory / datasetFileName(DatasetKind::Gazetteer))));
  const Dataset* gazetteer = &results.front().dataset;
  for (DatasetKind kind :
       {DatasetKind::Agencies, DatasetKind::CrossingPoints, DatasetKind::ReferralDirectory}) {
    results.push_back(
        importDataset(kind, readCsvFile(directory / datasetFileName(kind)), gazetteer));
    gazetteer = &results.front().dataset;  // push_back may have moved the vector's elements
  }
  return results;
}

}  // namespace phum::refdata
