// One pushed answer must not take the server down: regex() constraints with + and * and a
// catastrophic-backtracking pattern, fed megabyte answers through a real phum-server that
// validates every record. Each bad record gets its own REJECTED naming the field; the server keeps
// serving and the next normal push is accepted.
#include <gtest/gtest.h>

#include <fstream>

#include "core/uuid.h"
#include "server_fixture.h"

namespace phum::testing {
namespace {

constexpr std::size_t kMegabyte = 1'000'000;

// Four text questions with the patterns that crashed std::regex; `parameters` goes on each.
std::string patternForm(const std::string& formId, const std::string& parameters) {
  std::string form =
      "# " + formId +
      "\n\n## survey\n\n| type | name | label | constraint | parameters |\n|---|---|---|---|---|\n";
  for (const auto& [name, pattern] :
       std::vector<std::pair<std::string, std::string>>{{"letters", "^[a-z ]+$"},
                                                        {"digits", "^[0-9]+$"},
                                                        {"anything", "^.*x.*$"},
                                                        {"nested", "^(a+)+$"}}) {
    form += "| text | " + name + " | " + name + " | regex(., '" + pattern + "') | " + parameters +
            " |\n";
  }
  return form + "\n## settings\n\n| form_id | version |\n|---|---|\n| " + formId + " | 1 |\n";
}

phum::v1::Record patternRecord(const std::string& formId,
                               const std::vector<std::pair<std::string, std::string>>& answers) {
  phum::v1::Record record;
  record.set_uuid(Uuid::generate().toBytes());
  record.set_form_id(formId);
  record.set_form_version("1");
  record.set_revision(1);
  record.set_created_at_ms(1'790'000'000'000);
  record.set_updated_at_ms(1'790'000'000'000);
  record.set_author("sokha");
  record.set_device_id("tablet-1");
  record.set_location_code("01020101");
  for (const auto& [name, text] : answers) {
    auto* answer = record.mutable_answers()->add_answers();
    answer->set_name(name);
    answer->mutable_value()->set_text(text);
  }
  return record;
}

class ServerAnswerLimitsTest : public ::testing::Test {
 protected:
  ServerAnswerLimitsTest() {
    for (const auto& [formId, parameters] :
         {std::pair<std::string, std::string>{"patterns", ""},
          std::pair<std::string, std::string>{"patterns_long", "max-length=1000000"}}) {
      const std::string path = (dir_.path() / (formId + ".xlsform.md")).string();
      std::ofstream(path) << patternForm(formId, parameters);
      const auto published = runAdmin({"forms", "publish", path, "--data", dataDir()});
      EXPECT_EQ(published.exitCode, 0) << published.out << published.err;
    }
  }
  std::string dataDir() const { return (dir_.path() / "server").string(); }

  // One record per push, as its own batch: megabyte records stay well under the body limit.
  phum::v1::RecordAck pushOne(const ServerProcess& server, const phum::v1::Record& record) {
    phum::v1::PushBatch batch;
    batch.set_batch_id(randomBytes(16));
    batch.set_device_id("tablet-1");
    *batch.add_records() = record;
    const auto response =
        httpRequest("POST", server.url() + "/v1/push", batch.SerializeAsString(),
                    {"Content-Type: application/x-protobuf", "Accept: application/x-protobuf"});
    EXPECT_EQ(response.status, 200) << response.error << response.body.substr(0, 500);
    phum::v1::PushAck ack;
    EXPECT_TRUE(ack.ParseFromString(response.body));
    EXPECT_EQ(ack.acks_size(), 1);
    return ack.acks_size() == 1 ? ack.acks(0) : phum::v1::RecordAck();
  }

  static std::vector<std::string> fieldsIn(const phum::v1::RecordAck& ack) {
    std::vector<std::string> fields;
    for (const auto& error : ack.field_errors()) fields.push_back(error.field());
    return fields;
  }

  TempDir dir_;
};

TEST_F(ServerAnswerLimitsTest, AMegabyteAnswerIsRefusedByTheLengthLimit) {
  ServerProcess server(dataDir(), {"--open"}, FormChecks::AllRecords);
  const auto ack =
      pushOne(server, patternRecord("patterns", {{"letters", std::string(kMegabyte, 'a')},
                                                 {"digits", std::string(kMegabyte, '1')}}));
  EXPECT_EQ(ack.status(), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_EQ(fieldsIn(ack), (std::vector<std::string>{"letters", "digits"})) << ack.reason();
  EXPECT_NE(ack.reason().find("letters: the answer is too long: 1000000 characters, at most "
                              "10000 are allowed"),
            std::string::npos)
      << ack.reason().substr(0, 500);
  EXPECT_LT(ack.ByteSizeLong(), 2000u) << "the rejection must not echo the answer";
  server.expectRunning();
  const auto normal = pushOne(server, patternRecord("patterns", {{"letters", "sok dara"},
                                                                 {"digits", "012345678"},
                                                                 {"anything", "box"},
                                                                 {"nested", "aaa"}}));
  EXPECT_EQ(normal.status(), phum::v1::RECORD_STATUS_ACCEPTED) << normal.reason();
  EXPECT_EQ(countStoredRecords(dataDir()), 1);
}

// A form that allows megabyte answers: the regular-expression engine alone meets them.
TEST_F(ServerAnswerLimitsTest, TheRegexEngineAloneHandlesMegabyteAnswers) {
  ServerProcess server(dataDir(), {"--open"}, FormChecks::AllRecords);
  const std::string letters(kMegabyte, 'a');
  const std::string digits(kMegabyte, '7');
  const auto broken = pushOne(
      server, patternRecord("patterns_long", {{"letters", digits},
                                              {"digits", letters},
                                              {"anything", std::string(kMegabyte, 'b')},
                                              {"nested", std::string(kMegabyte - 1, 'a') + "!"}}));
  EXPECT_EQ(broken.status(), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_EQ(fieldsIn(broken), (std::vector<std::string>{"letters", "digits", "anything", "nested"}))
      << broken.reason().substr(0, 500);
  EXPECT_NE(broken.reason().find("nested: the answer breaks the form's rule regex(., '^(a+)+$')"),
            std::string::npos)
      << broken.reason().substr(0, 500);
  server.expectRunning();

  std::string withX(kMegabyte, 'b');
  withX[kMegabyte - 1] = 'x';
  const auto matching = pushOne(server, patternRecord("patterns_long", {{"letters", letters},
                                                                        {"digits", digits},
                                                                        {"anything", withX},
                                                                        {"nested", letters}}));
  EXPECT_EQ(matching.status(), phum::v1::RECORD_STATUS_ACCEPTED) << matching.reason();
  server.expectRunning();
  const auto normal = pushOne(server, patternRecord("patterns", {{"letters", "sok dara"}}));
  EXPECT_EQ(normal.status(), phum::v1::RECORD_STATUS_ACCEPTED) << normal.reason();
  EXPECT_EQ(countStoredRecords(dataDir()), 2);
}

}  // namespace
}  // namespace phum::testing
