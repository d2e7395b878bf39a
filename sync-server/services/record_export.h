#pragma once
// The export of records as CSV files in one ZIP (docs/console-api.md, Export), shared by
// GET /v1/console/export and `phum-admin records export`. It reads the newest revision of each
// record the filters select, one keyset page at a time, and hands the archive out in pieces, so
// memory stays flat whatever the number of records: a page of records, the open deflate stream,
// and the repeat rows of the current form spooled to an anonymous temporary file.
//
// Files: FORM.csv per form (one row per record) and FORM-REPEAT.csv per repeat group (one row per
// instance, linked by record_uuid and, for a nested repeat, parent_index). UTF-8 with a BOM so
// Excel reads Khmer; row 1 names the columns (field names), row 2 labels them in the chosen
// language. Columns are the union of every published version of the form. Sensitive fields are
// left out unless the export includes them.
#include <google/protobuf/arena.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/sealing_keys.h"
#include "services/catalog_service.h"
#include "services/zip_pipeline.h"
#include "storage/database.h"

namespace phum::server {

struct ExportRequest {
  storage::QueueQuery query;  // the queue's filters; `after` and `limit` are ignored
  std::string scope;          // "national" or the NIS prefix the records must be in
  bool includeSensitive = false;
  std::string language = "km";  // of the labels row
};

class RecordExport {
 public:
  // Throws std::invalid_argument when the form asked for was never published.
  // Sensitive answers, when asked for, are opened with `keys`.
  RecordExport(storage::Database& db, CatalogService& catalog, SealingKeys& keys,
               ExportRequest request);
  ~RecordExport();
  RecordExport(const RecordExport&) = delete;
  RecordExport& operator=(const RecordExport&) = delete;

  // The next piece of the archive (one page of records, or up to ~1 MiB of a repeat file);
  // nothing once the archive is complete. Throws StorageError.
  std::optional<std::string> next();
  std::int64_t records() const { return records_; }

  struct Column {
    std::string name;
    std::string label;
    bool geopoint = false;  // three CSV columns: NAME_latitude, NAME_longitude, NAME_accuracy
    bool text = false;      // free text: guarded against spreadsheet formulas
  };
  struct RepeatPlan {
    std::string name;
    std::vector<Column> columns;
    std::FILE* spool = nullptr;  // this form's rows, until the form's pass ends
    std::string pending;         // rows not yet written to the spool
  };
  using ColumnIndex = std::map<std::string, int, std::less<>>;  // name -> column
  struct FormPlan {
    std::string formId;
    std::vector<Column> columns;
    ColumnIndex columnIndex;
    std::vector<RepeatPlan> repeats;
    std::map<std::string, ColumnIndex, std::less<>> repeatColumnIndex;
  };

 private:
  bool readPage();
  void startForm();
  bool copySpool();
  // `body`: the stored phum.v1.Record.
  void writeRecord(const storage::QueueRow& row, std::string_view body);
  void writeFixedCells(const storage::QueueRow& row);
  // `answerSet`: a phum.v1.AnswerSet, whose repeat instances become rows of the repeat files.
  void writeRepeats(const std::string& uuid, std::string_view answerSet,
                    const std::string& parentIndex);
  void flushRepeats(std::size_t above);

  storage::Database& db_;
  SealingKeys& keys_;
  ExportRequest request_;
  std::int64_t startedAtMs_ = 0;
  std::vector<FormPlan> forms_;
  std::size_t form_ = 0;
  enum class Phase { StartForm, Rows, Repeats, Finish, Done } phase_ = Phase::StartForm;
  std::size_t repeat_ = 0;  // Repeats: the one being copied
  bool repeatStarted_ = false;
  std::optional<storage::QueueKey> after_;
  ZipPipeline zip_;
  std::string line_;  // the CSV lines of the page being read
  // With sensitive answers, each record is parsed into this arena to open its sealed answers,
  // and reset after it: its first block is reused.
  std::vector<char> arenaBlock_;
  std::unique_ptr<google::protobuf::Arena> arena_;
  std::string opened_;                    // that record's bytes, opened
  std::vector<std::string_view> values_;  // the Value bytes of the row's cells (null: none)
  std::string scratch_;                   // a cell being put together
  std::int64_t records_ = 0;
};

}  // namespace phum::server
