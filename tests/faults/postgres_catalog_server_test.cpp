// Real phum-server processes on one PostgreSQL database validate pushed records against the forms
// and reference data another party (here an in-process store, as `phum-admin --db` would be)
// publishes while they run (label `postgres`; run under pg_virtualenv). Each test works in its
// own schema of the database PG* points at, dropped afterwards.
#include <curl/curl.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <stdexcept>

#include "age_check.h"
#include "child_process.h"
#include "core/uuid.h"
#include "phum_processes.h"
#include "postgres_schema_test.h"
#include "services/services.h"
#include "storage/open_database.h"

namespace phum::server {
namespace {

using phum::v1::RECORD_STATUS_ACCEPTED;
using phum::v1::RECORD_STATUS_REJECTED;

std::size_t appendBody(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// POST /v1/push of one record to an --open server; the ack for it.
phum::v1::RecordAck push(const std::string& serverUrl, const phum::v1::Record& record) {
  phum::v1::PushBatch batch;
  batch.set_batch_id(Uuid::generate().toBytes());
  batch.set_device_id("tab-0001");
  *batch.add_records() = record;
  const std::string body = batch.SerializeAsString();
  std::string response;
  CURL* curl = curl_easy_init();
  if (curl == nullptr) throw std::runtime_error("curl_easy_init failed");
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/x-protobuf");
  const std::string url = serverUrl + "/v1/push";
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &appendBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  const CURLcode result = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (result != CURLE_OK)
    throw std::runtime_error(std::string("push: ") + curl_easy_strerror(result));
  phum::v1::PushAck ack;
  if (status != 200 || !ack.ParseFromString(response) || ack.acks_size() != 1) {
    throw std::runtime_error("push answered HTTP " + std::to_string(status) + ": " + response);
  }
  return ack.acks(0);
}

// Version "1" of the shared "age_check" form (tests/tools/age_check.h).
phum::v1::Record ageRecord(std::int64_t age, const std::string& village) {
  return tools::ageRecord("1", age, village);
}

using PostgresCatalogServerTest = PostgresSchemaTest;

TEST_F(PostgresCatalogServerTest, ServersValidateAgainstFormsPublishedWhileTheyRun) {
  // Stands in for `phum-admin --db`.
  Services publisher(storage::openDatabase({"", conninfo()}), FormValidatorOptions{});
  tools::TempDir dir("phum-pg-catalog");
  // --accept-unpublished-forms: the age_check form is published only while they run.
  const std::vector<std::string> args = {"--db", conninfo(), "--open",
                                         "--accept-unpublished-forms"};
  tools::ServerProcess one(PHUM_SERVER_BIN, dir.file("one"), args, tools::ServerMode::AsGiven);
  tools::ServerProcess two(PHUM_SERVER_BIN, dir.file("two"), args, tools::ServerMode::AsGiven);
  one.start();
  two.start();

  // Not published yet: --accept-unpublished-forms lets it through unchecked.
  EXPECT_EQ(push(one.url(), ageRecord(130, "01020101")).status(), RECORD_STATUS_ACCEPTED);

  // Published now: both servers check the next records against it (no cached "unknown form").
  ASSERT_EQ(publisher.catalog().publishForm(tools::ageForm("1")), PublishOutcome::Published);
  publisher.catalog().applyReferenceDelta(tools::villages({"01020101"}));
  for (const auto* server : {&one, &two}) {
    const auto tooOld = push(server->url(), ageRecord(130, "01020101"));
    EXPECT_EQ(tooOld.status(), RECORD_STATUS_REJECTED) << server->url();
    ASSERT_GT(tooOld.field_errors_size(), 0) << server->url();
    EXPECT_EQ(tooOld.field_errors(0).field(), "age");
    const auto elsewhere = push(server->url(), ageRecord(30, "01020102"));
    EXPECT_EQ(elsewhere.status(), RECORD_STATUS_REJECTED) << server->url();
    EXPECT_EQ(push(server->url(), ageRecord(30, "01020101")).status(), RECORD_STATUS_ACCEPTED)
        << server->url();
  }

  // A village imported later is accepted by both without a restart.
  publisher.catalog().applyReferenceDelta(tools::villages({"01020102"}));
  EXPECT_EQ(push(one.url(), ageRecord(30, "01020102")).status(), RECORD_STATUS_ACCEPTED);
  EXPECT_EQ(push(two.url(), ageRecord(30, "01020102")).status(), RECORD_STATUS_ACCEPTED);
  one.expectRunning();
  two.expectRunning();
  EXPECT_EQ(publisher.review().listRecords(-1).size(), 5u);
}

}  // namespace
}  // namespace phum::server
