#pragma once
// The reports' summary tables: answers the reports need, extracted once per stored record
// revision (services/reports/report_facts.cpp decides which), so a report is one SQL aggregate
// instead of decoding every record's protobuf per request. Only the newest extracted revision of
// a record is kept; the aggregates count it when the record's last review approved exactly that
// revision (the "approved" state of services/review_console.cpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/duplicate_storage.h"

namespace phum::server::storage {

// One summary table per mission form.
enum class FactTable { Members, Returnees, Trafficking, Complaints, Remittances };

// One row of a summary table; which of the fields a table has is listed in factColumns().
struct FactRow {
  std::string day;       // YYYY-MM-DD, the day the report counts the row on
  std::string location;  // NIS code of the record's place
  std::string sex;       // "male", "female" or ""
  std::int64_t age = -1;
  // Table-specific categories, by column name (see factColumns).
  std::vector<std::pair<std::string, std::string>> text;
  std::vector<std::pair<std::string, std::int64_t>> numbers;
  bool counted = true;  // false for the extra rows of a select_multiple (one per choice)
};

struct RecordFacts {
  FactTable table = FactTable::Members;
  std::string uuid;  // 16 bytes
  std::uint32_t revision = 0;
  std::vector<FactRow> rows;
};

// The category columns of each table: the only names a FactQuery may group or filter by, so no
// request text ever reaches SQL as a name.
const std::vector<std::string>& factTextColumns(FactTable table);
const std::vector<std::string>& factNumberColumns(FactTable table);
const char* factTableName(FactTable table);

struct FactQuery {
  FactTable table = FactTable::Members;
  std::vector<std::string> groupBy;  // columns of the table, plus "sex", "day", "month", "age"
  std::vector<std::pair<std::string, std::vector<std::string>>> equals;  // column IN (values)
  std::string fromDay, toDay;  // inclusive YYYY-MM-DD bounds; "" = open
  std::string placePrefix;     // NIS prefix the location starts with; "" = anywhere
  bool countedOnly = true;     // count each record's person once (skip select_multiple extras)
  std::string sumColumn;       // a number column to sum as well (for means); "" = none
};

struct FactGroup {
  std::vector<std::string> keys;  // aligned with FactQuery::groupBy
  std::int64_t count = 0;
  double sum = 0;  // of sumColumn over the rows that have it
  std::int64_t summed = 0;
};

// Raw stored records for the extractor, in seq order.
struct StoredBody {
  std::uint64_t seq = 0;
  std::string formId;
  std::string body;
};

// A reviewer raising or clearing a recruitment agency's watch flag (from the complaints report).
struct WatchChange {
  std::string licence;  // the agencies dataset's key
  bool watch = false;   // raised (true) or cleared
  std::string reason;
  std::string reviewer;
  std::int64_t atMs = 0;
};

class ReportStorage {
 public:
  virtual ~ReportStorage() = default;
  // The highest records.seq already extracted (0 at first).
  virtual std::uint64_t extractedThrough() = 0;
  virtual void setExtractedThrough(std::uint64_t seq) = 0;
  virtual std::vector<StoredBody> recordsAfter(std::uint64_t seq, int limit) = 0;
  // Replaces what is held for the record when `facts` is of a newer (or the same) revision.
  virtual void replaceFacts(const RecordFacts& facts) = 0;
  // replaceFacts of each, in order: the extractor's batch. An adapter whose statements are
  // round trips (PostgreSQL) does the whole batch in a few statements per table.
  virtual void replaceFactsOfRecords(const std::vector<RecordFacts>& facts) {
    for (const auto& one : facts) replaceFacts(one);
  }
  // Groups of rows of approved records (their approved revision only).
  virtual std::vector<FactGroup> aggregate(const FactQuery& query) = 0;
  // The watch flag's history: every raise and clear, kept (the flag itself lives in the agencies
  // reference dataset, which is what reaches the tablets).
  virtual void insertWatchChange(const WatchChange& change) = 0;
  // Newest first; every agency's when `licence` is empty.
  virtual std::vector<WatchChange> watchChanges(std::string_view licence) = 0;

  // Likely duplicates (duplicate_storage.h). The key of a record replaces an older revision's.
  virtual void replacePersonKey(const PersonKey& key) = 0;
  // Keys of other registrations on the same form, of the same sex and origin village, registered
  // within `windowDays` of `key`.
  virtual std::vector<PersonKey> personKeysNear(const PersonKey& key, std::int64_t windowDays) = 0;
  // A new pair, or (while still open) the pair's newer score, rules and revisions.
  virtual void recordDuplicatePair(const DuplicatePair& pair) = 0;
  // The revision of the record's stored key; nothing when it has none.
  virtual std::optional<std::uint32_t> personKeyRevision(std::string_view uuid) = 0;
  // Pairs in `state` ("" = any) whose two records are both under `placePrefix` ("" = anywhere),
  // one page of them, newest found first.
  virtual std::vector<DuplicatePair> duplicatePairs(std::string_view placePrefix,
                                                    std::string_view state,
                                                    const DuplicatePage& page) = 0;
  virtual std::optional<DuplicatePair> duplicatePair(std::int64_t id) = 0;
  // Every pair the record is in, whatever its state.
  virtual std::vector<DuplicatePair> duplicatePairsOf(std::string_view uuid) = 0;
  virtual void deleteDuplicatePair(std::int64_t id) = 0;
  virtual void decideDuplicatePair(std::int64_t id, std::string_view state,
                                   std::string_view reviewer, std::int64_t atMs) = 0;
  // The confirmed pairs, as (uuidA, uuidB). Concurrent write transactions that call it run one
  // after the other from here on, so each regroups with the others' decisions.
  virtual std::vector<std::pair<std::string, std::string>> confirmedDuplicatePairs() = 0;
  // The records the reports leave out as counted with another, by uuid.
  virtual std::vector<CountedAs> countedAs() = 0;
  virtual void setCountedAs(const CountedAs& member) = 0;
  virtual void clearCountedAs(std::string_view uuid) = 0;
};

// What replaceFactsOfRecords leaves in the end, per table: of each record's facts the newest
// revision, the later one when two have the same revision.
std::vector<std::pair<FactTable, std::vector<const RecordFacts*>>> newestFactsByTable(
    const std::vector<RecordFacts>& facts);

// The SQL of FactQuery, shared by the adapters: SQLite's '?' or PostgreSQL's '$n' placeholders,
// in order of params (all text). Result columns: the group keys as text, count, the sum as text,
// the count of summed values.
enum class SqlDialect { Sqlite, Postgres };
struct FactSql {
  std::string sql;
  std::vector<std::string> params;
};
FactSql factAggregateSql(const FactQuery& query, SqlDialect dialect = SqlDialect::Sqlite);

// The SELECT of DuplicatePair's columns in their order, each pair `p` with its records' newest
// key revisions (a record without a key counts as unchanged); the adapters add the WHERE clause.
extern const char* const kDuplicatePairSelect;

}  // namespace phum::server::storage
