#pragma once
// The fixture of the PostgreSQL-only test programs here: skipped without PGHOST, otherwise each
// test gets a fresh schema (tools::PostgresSchema, dropped afterwards) and an admin connection to
// look at what the backend stored.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "common/secrets.h"
#include "storage/postgres/pg_connection.h"
#include "storage_backend.h"

namespace phum::server {

class PostgresSchemaTest : public ::testing::Test {
 protected:
  // Derived fixtures call this first and return if IsSkipped().
  void SetUp() override {
    if (const auto reason = tools::postgresUnavailableReason(); !reason.empty())
      GTEST_SKIP() << reason;
    initSecrets();
    schema_.emplace();
    admin_ = std::make_unique<pg::Connection>("");
  }
  void TearDown() override {
    admin_.reset();
    schema_.reset();
  }

  const std::string& schemaName() const { return schema_->name(); }
  // For storage::openDatabase and phum-server --db.
  const std::string& conninfo() const { return schema_->conninfo(); }
  pg::Connection& admin() { return *admin_; }
  std::int64_t count(const std::string& sql) {
    return admin_->exec("SELECT (" + sql + ")::bigint").int64(0, 0);
  }

 private:
  std::optional<tools::PostgresSchema> schema_;
  std::unique_ptr<pg::Connection> admin_;
};

}  // namespace phum::server
