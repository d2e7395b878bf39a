// The shared sqlite3 wrapper on real files: each audience's error wording, read-only opens and
// rollback of an unfinished write transaction, binds that borrow the caller's bytes.
#include "sqlite/sqlite_db.h"

#include <gtest/gtest.h>

#include "core/errors.h"
#include "support/scratch_dir.h"

namespace phum::sqlite {
namespace {

const OpenOptions kServer{
    .wording = ErrorWording::Server, .readOnly = false, .busyTimeoutMs = 1000};

std::string errorOf(Database& db, std::string_view sql) {
  try {
    db.exec(sql);
  } catch (const StorageError& e) {
    return e.what();
  }
  return "no error";
}

TEST(SqliteDb, TabletWordingTellsTheFieldWorkerWhatToTry) {
  test::ScratchDir dir;
  Database db(dir.file("tablet.db"));
  const std::string message = errorOf(db, "SELECT * FROM missing_table");
  EXPECT_NE(message.find("The local database " + dir.file("tablet.db") + " could not be used"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("no such table: missing_table"), std::string::npos) << message;
  EXPECT_NE(message.find("Free some storage or restart the app"), std::string::npos) << message;
}

TEST(SqliteDb, ServerWordingNamesTheFailingStepForTheAdmin) {
  test::ScratchDir dir;
  Database db(dir.file("server.db"), kServer);
  EXPECT_EQ(errorOf(db, "SELECT * FROM missing_table"),
            "server database " + dir.file("server.db") +
                ": 'SELECT * FROM missing_table' failed: no such table: missing_table");
  try {
    db.prepare("SELECT nope FROM sqlite_master");
    FAIL() << "preparing a bad column should throw";
  } catch (const StorageError& e) {
    EXPECT_NE(std::string(e.what()).find("preparing 'SELECT nope"), std::string::npos) << e.what();
  }
}

TEST(SqliteDb, ReadOnlyOpenNeitherCreatesNorWrites) {
  test::ScratchDir dir;
  EXPECT_THROW(Database(dir.file("absent.db"), OpenOptions{.readOnly = true}), StorageError);
  {
    Database writer(dir.file("data.db"), kServer);
    writer.exec("CREATE TABLE t (v INTEGER)");
  }
  Database reader(dir.file("data.db"),
                  OpenOptions{.wording = ErrorWording::Server, .readOnly = true});
  EXPECT_NE(errorOf(reader, "INSERT INTO t VALUES (1)").find("readonly"), std::string::npos);
}

TEST(SqliteDb, UncommittedTransactionRollsBackAndCommittedOneStays) {
  test::ScratchDir dir;
  Database db(dir.file("data.db"));
  db.exec("CREATE TABLE t (v TEXT)");
  {
    WriteTransaction tx(db);
    db.prepare("INSERT INTO t VALUES (?1)").bind(1, std::string_view("kept")).run();
    EXPECT_EQ(db.lastInsertRowId(), 1);
    tx.commit();
  }
  {
    WriteTransaction tx(db);
    db.prepare("INSERT INTO t VALUES ('dropped')").run();
  }
  auto rows = db.prepare("SELECT v FROM t");
  ASSERT_TRUE(rows.step());
  EXPECT_EQ(rows.text(0), "kept");
  EXPECT_FALSE(rows.step());
}

TEST(SqliteDb, BorrowedBindsStoreTheBytesAndEmptyValuesStayNotNull) {
  test::ScratchDir dir;
  Database db(dir.file("data.db"));
  db.exec("CREATE TABLE t (name TEXT NOT NULL, body BLOB NOT NULL)");
  const std::string body("\0\1binary\0", 9);
  {
    auto insert = db.prepare("INSERT INTO t VALUES (?1, ?2)");
    insert.bindBorrowed(1, std::string_view("household")).bindBlobBorrowed(2, body).run();
    insert.reset();
    insert.bindBorrowed(1, std::string_view()).bindBlobBorrowed(2, std::string_view()).run();
  }
  auto rows = db.prepare("SELECT name, body, typeof(body) FROM t ORDER BY rowid");
  ASSERT_TRUE(rows.step());
  EXPECT_EQ(rows.text(0), "household");
  EXPECT_EQ(rows.blob(1), body);
  ASSERT_TRUE(rows.step());
  EXPECT_EQ(rows.text(0), "");
  EXPECT_EQ(rows.text(2), "blob");
  EXPECT_FALSE(rows.step());
}

TEST(SqliteDb, AFailedCommitOfAReadIsReportedAndLeavesNoTransactionOpen) {
  test::ScratchDir dir;
  Database db(dir.file("server.db"), kServer);
  db.exec("CREATE TABLE t (n INTEGER)");
  {
    ReadTransaction read(db);
    // A statement still writing when the transaction ends makes COMMIT fail ("SQL statements in
    // progress"): the one way to see a read transaction's COMMIT fail on demand.
    Statement pending(db, "INSERT INTO t (n) VALUES (1), (2) RETURNING n");
    ASSERT_TRUE(pending.step());
    try {
      read.finish();
      FAIL() << "COMMIT with a statement in progress should fail";
    } catch (const StorageError& e) {
      EXPECT_NE(std::string(e.what()).find("ending a read transaction"), std::string::npos)
          << e.what();
    }
    EXPECT_EQ(sqlite3_get_autocommit(db.handle()), 1) << "the connection is still in a transaction";
  }
  // The connection starts new transactions as usual (with the old one open, BEGIN would fail).
  ReadTransaction again(db);
  Statement count(db, "SELECT count(*) FROM t");
  ASSERT_TRUE(count.step());
  EXPECT_EQ(count.int64(0), 0);
  count.reset();
  again.finish();
  WriteTransaction write(db);
  db.exec("INSERT INTO t (n) VALUES (3)");
  write.commit();
}

}  // namespace
}  // namespace phum::sqlite
