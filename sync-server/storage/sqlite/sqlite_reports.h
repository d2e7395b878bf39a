#pragma once
// The reports' summary tables on SQLite (storage/report_storage.h).
#include "sqlite/sqlite_db.h"
#include "storage/report_storage.h"

namespace phum::server::storage {

class SqliteReports : public ReportStorage {  // sqlite_reports.cpp
 public:
  explicit SqliteReports(phum::sqlite::Database& db) : db_(db) {}
  std::uint64_t extractedThrough() override;
  void setExtractedThrough(std::uint64_t seq) override;
  std::vector<StoredBody> recordsAfter(std::uint64_t seq, int limit) override;
  void replaceFacts(const RecordFacts& facts) override;
  std::vector<FactGroup> aggregate(const FactQuery& query) override;
  void insertWatchChange(const WatchChange& change) override;
  std::vector<WatchChange> watchChanges(std::string_view licence) override;
  // sqlite_duplicates.cpp
  void replacePersonKey(const PersonKey& key) override;
  std::vector<PersonKey> personKeysNear(const PersonKey& key, std::int64_t windowDays) override;
  void recordDuplicatePair(const DuplicatePair& pair) override;
  std::optional<std::uint32_t> personKeyRevision(std::string_view uuid) override;
  std::vector<DuplicatePair> duplicatePairs(std::string_view placePrefix, std::string_view state,
                                            const DuplicatePage& page) override;
  std::optional<DuplicatePair> duplicatePair(std::int64_t id) override;
  std::vector<DuplicatePair> duplicatePairsOf(std::string_view uuid) override;
  void deleteDuplicatePair(std::int64_t id) override;
  void decideDuplicatePair(std::int64_t id, std::string_view state, std::string_view reviewer,
                           std::int64_t atMs) override;
  std::vector<std::pair<std::string, std::string>> confirmedDuplicatePairs() override;
  std::vector<CountedAs> countedAs() override;
  void setCountedAs(const CountedAs& member) override;
  void clearCountedAs(std::string_view uuid) override;

 private:
  phum::sqlite::Database& db_;
};

// The schema step that creates the summary tables (appended to sqlite_database.cpp's list).
// Indexes: by uuid (replacing a record's rows on a new revision), and by day (the date filter
// every report has). The aggregates scan the rest: a million rows take well under a second.
inline constexpr const char* kSqliteReportsMigration = R"sql(
CREATE TABLE report_state (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
CREATE TABLE report_members (
  uuid BLOB NOT NULL, revision INTEGER NOT NULL, counted INTEGER NOT NULL,
  day TEXT NOT NULL, location TEXT NOT NULL, sex TEXT NOT NULL, age INTEGER NOT NULL,
  marital TEXT NOT NULL, education TEXT NOT NULL, migrant TEXT NOT NULL,
  destination TEXT NOT NULL, channel TEXT NOT NULL, sector TEXT NOT NULL, reason TEXT NOT NULL,
  decided_by TEXT NOT NULL, year_left INTEGER
);
CREATE INDEX report_members_by_uuid ON report_members (uuid);
CREATE INDEX report_members_by_day ON report_members (day);
CREATE TABLE report_returnees (
  uuid BLOB NOT NULL, revision INTEGER NOT NULL, counted INTEGER NOT NULL,
  day TEXT NOT NULL, location TEXT NOT NULL, sex TEXT NOT NULL, age INTEGER NOT NULL,
  crossing_point TEXT NOT NULL, destination TEXT NOT NULL, legal_status TEXT NOT NULL,
  return_reason TEXT NOT NULL, sector TEXT NOT NULL
);
CREATE INDEX report_returnees_by_uuid ON report_returnees (uuid);
CREATE INDEX report_returnees_by_day ON report_returnees (day);
CREATE TABLE report_trafficking (
  uuid BLOB NOT NULL, revision INTEGER NOT NULL, counted INTEGER NOT NULL,
  day TEXT NOT NULL, location TEXT NOT NULL, sex TEXT NOT NULL, age INTEGER NOT NULL,
  exploitation TEXT NOT NULL, destination TEXT NOT NULL, minor TEXT NOT NULL,
  referral TEXT NOT NULL, situation TEXT NOT NULL
);
CREATE INDEX report_trafficking_by_uuid ON report_trafficking (uuid);
CREATE TABLE report_complaints (
  uuid BLOB NOT NULL, revision INTEGER NOT NULL, counted INTEGER NOT NULL,
  day TEXT NOT NULL, location TEXT NOT NULL, sex TEXT NOT NULL, age INTEGER NOT NULL,
  agency TEXT NOT NULL, issue TEXT NOT NULL, case_status TEXT NOT NULL
);
CREATE INDEX report_complaints_by_uuid ON report_complaints (uuid);
)sql";

// Table 2.4: one row per household that received money (per use for its other uses). Extraction
// starts over so the households already stored get their rows (replaceFacts keeps the rest).
inline constexpr const char* kSqliteRemittancesMigration = R"sql(
CREATE TABLE report_remittances (
  uuid BLOB NOT NULL, revision INTEGER NOT NULL, counted INTEGER NOT NULL,
  day TEXT NOT NULL, location TEXT NOT NULL, sex TEXT NOT NULL, age INTEGER NOT NULL,
  destination TEXT NOT NULL, sector TEXT NOT NULL, channel TEXT NOT NULL, spent_on TEXT NOT NULL,
  amount_usd INTEGER
);
CREATE INDEX report_remittances_by_uuid ON report_remittances (uuid);
DELETE FROM report_state WHERE key = 'extracted_through';
)sql";

// The agency watch flag's history (report_storage.h's WatchChange).
inline constexpr const char* kSqliteAgencyWatchMigration = R"sql(
CREATE TABLE agency_watch (
  id INTEGER PRIMARY KEY,
  licence TEXT NOT NULL,
  watch INTEGER NOT NULL,
  reason TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  at_ms INTEGER NOT NULL
);
CREATE INDEX agency_watch_by_licence ON agency_watch (licence, id);
)sql";

// Likely duplicates (duplicate_storage.h): the matcher's keys (no names) and the pairs found. The
// partial index serves the reports, which leave out the second record of a confirmed pair.
// Extraction starts over so the registrations already stored are compared too.
inline constexpr const char* kSqliteDuplicatesMigration = R"sql(
CREATE TABLE duplicate_keys (
  uuid BLOB PRIMARY KEY, revision INTEGER NOT NULL, form_id TEXT NOT NULL, sex TEXT NOT NULL,
  village TEXT NOT NULL, day INTEGER NOT NULL, age INTEGER NOT NULL, location TEXT NOT NULL
);
CREATE INDEX duplicate_keys_by_village ON duplicate_keys (form_id, village, sex, day);
CREATE TABLE duplicate_pairs (
  id INTEGER PRIMARY KEY, uuid_a BLOB NOT NULL, uuid_b BLOB NOT NULL,
  revision_a INTEGER NOT NULL, revision_b INTEGER NOT NULL, form_id TEXT NOT NULL,
  location_a TEXT NOT NULL, location_b TEXT NOT NULL, score INTEGER NOT NULL, rules TEXT NOT NULL,
  state TEXT NOT NULL, reviewer TEXT NOT NULL, found_at_ms INTEGER NOT NULL,
  decided_at_ms INTEGER NOT NULL,
  UNIQUE (uuid_a, uuid_b)
);
CREATE INDEX duplicate_pairs_confirmed ON duplicate_pairs (uuid_b) WHERE state = 'confirmed';
DELETE FROM report_state WHERE key = 'extracted_through';
)sql";

// Each summary row's approved flag (report_storage.h), filled from review_state for the rows
// already extracted, so the reports no longer join review_state.
inline constexpr const char* kSqliteApprovedMigration = R"sql(
ALTER TABLE report_members ADD COLUMN approved INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_returnees ADD COLUMN approved INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_trafficking ADD COLUMN approved INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_complaints ADD COLUMN approved INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_remittances ADD COLUMN approved INTEGER NOT NULL DEFAULT 0;
UPDATE report_members SET approved = 1 WHERE EXISTS (SELECT 1 FROM review_state s
  WHERE s.uuid = report_members.uuid AND s.revision = report_members.revision AND s.decision = 'approve');
UPDATE report_returnees SET approved = 1 WHERE EXISTS (SELECT 1 FROM review_state s
  WHERE s.uuid = report_returnees.uuid AND s.revision = report_returnees.revision AND s.decision = 'approve');
UPDATE report_trafficking SET approved = 1 WHERE EXISTS (SELECT 1 FROM review_state s
  WHERE s.uuid = report_trafficking.uuid AND s.revision = report_trafficking.revision AND s.decision = 'approve');
UPDATE report_complaints SET approved = 1 WHERE EXISTS (SELECT 1 FROM review_state s
  WHERE s.uuid = report_complaints.uuid AND s.revision = report_complaints.revision AND s.decision = 'approve');
UPDATE report_remittances SET approved = 1 WHERE EXISTS (SELECT 1 FROM review_state s
  WHERE s.uuid = report_remittances.uuid AND s.revision = report_remittances.revision AND s.decision = 'approve');
)sql";

// Groups of confirmed duplicates (duplicate_storage.h, CountedAs): the records the reports leave
// out as counted with another, kept by the summary refresh (services/reports/duplicate_groups.h),
// which fills it on its first run after this step. The index on uuid_b serves a record's pairs,
// looked at again when a newer revision of it is read.
inline constexpr const char* kSqliteDuplicateGroupsMigration = R"sql(
CREATE TABLE duplicate_counted_as (
  uuid BLOB PRIMARY KEY, representative BLOB NOT NULL
) WITHOUT ROWID;
CREATE INDEX duplicate_pairs_by_second ON duplicate_pairs (uuid_b);
)sql";

}  // namespace phum::server::storage
