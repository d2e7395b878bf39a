// Who may write a record the server already holds: only its author sends further revisions, the
// form never changes, both the stored and the new location stay inside the writer's area, and an
// account that may not write a record learns nothing about it (the same refusal for every cause,
// the same 404 for its attachments as for a record that does not exist). Through a real
// phum-server in secure mode, on both backends (the pg.* copies).
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "core/uuid.h"
#include "phum/v1/changes.pb.h"
#include "secure_server.h"

namespace phum::testing {
namespace {

class RecordOwnerTest : public SecureServerTest {
 protected:
  void SetUp() override {
    SecureServerTest::SetUp();
    addUser("dara", "enumerator", "17");     // another province
    addUser("vanna", "enumerator", "0102");  // the same district as sokha
    addUser("chan", "enumerator", "national");
  }
  // The signed-in tablet of `user`, enrolled on first use.
  struct Tablet {
    Device device;
    std::string session;
  };
  const Tablet& tablet(const std::string& user) {
    auto found = tablets_.find(user);
    if (found == tablets_.end()) {
      Device device = enroll("tablet of " + user);
      found = tablets_.emplace(user, Tablet{device, token(device, user)}).first;
    }
    return found->second;
  }
  phum::v1::PushAck pushAs(const std::string& user, const std::vector<phum::v1::Record>& records) {
    phum::v1::PushBatch batch;
    batch.set_batch_id(randomBytes(16));
    for (const auto& record : records) *batch.add_records() = record;
    const auto& signedIn = tablet(user);
    return push(signedIn.device, signedIn.session, batch);
  }
  // A record sokha stored (revision 1, district 0102).
  phum::v1::Record storedBySokha(int n) {
    const auto record = makeRecord(n, "sokha", "01020304");
    const auto ack = pushAs("sokha", {record});
    EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_ACCEPTED);
    return record;
  }
  std::string storedAuthors() {
    const auto listed = runAdmin({"records", "list", "--data", dataDir(), "--json"});
    EXPECT_EQ(listed.exitCode, 0) << listed.err;
    return listed.out;
  }

  std::map<std::string, Tablet> tablets_;
};

struct WriteCase {
  const char* what;
  const char* writer;                             // the signed-in user who pushes
  std::function<void(phum::v1::Record&)> change;  // applied to a copy of the stored revision 1
  phum::v1::RecordStatus status;
  phum::v1::AckReason code;
};

void answerChanged(phum::v1::Record& record) {
  record.mutable_answers()->mutable_answers(0)->mutable_value()->set_text("taken over");
}

const std::vector<WriteCase>& writeCases() {
  using phum::v1::Record;
  static const std::vector<WriteCase> cases = {
      {"another province's user sends revision 2 as its own, located at home", "dara",
       [](Record& r) {
         r.set_revision(2);
         r.set_author("dara");
         r.set_location_code("17010203");
         answerChanged(r);
       },
       phum::v1::RECORD_STATUS_REJECTED, phum::v1::ACK_REASON_RECORD_ID_UNAVAILABLE},
      {"a user of the same district sends revision 2 as its own", "vanna",
       [](Record& r) {
         r.set_revision(2);
         r.set_author("vanna");
         answerChanged(r);
       },
       phum::v1::RECORD_STATUS_REJECTED, phum::v1::ACK_REASON_RECORD_ID_UNAVAILABLE},
      {"a national account sends revision 2 as its own", "chan",
       [](Record& r) {
         r.set_revision(2);
         r.set_author("chan");
       },
       phum::v1::RECORD_STATUS_REJECTED, phum::v1::ACK_REASON_RECORD_ID_UNAVAILABLE},
      {"another user sends revision 1 with other answers (no CONFLICT for it)", "dara",
       [](Record& r) {
         r.set_author("dara");
         r.set_location_code("17010203");
         answerChanged(r);
       },
       phum::v1::RECORD_STATUS_REJECTED, phum::v1::ACK_REASON_RECORD_ID_UNAVAILABLE},
      {"another user sends revision 5 far ahead", "vanna",
       [](Record& r) {
         r.set_revision(5);
         r.set_author("vanna");
       },
       phum::v1::RECORD_STATUS_REJECTED, phum::v1::ACK_REASON_RECORD_ID_UNAVAILABLE},
      {"the author changes the record's form", "sokha",
       [](Record& r) {
         r.set_revision(2);
         r.set_form_id("returnee_registration");
       },
       phum::v1::RECORD_STATUS_REJECTED, phum::v1::ACK_REASON_RECORD_ID_UNAVAILABLE},
      {"the author moves the record outside its area", "sokha",
       [](Record& r) {
         r.set_revision(2);
         r.set_location_code("17010203");
       },
       phum::v1::RECORD_STATUS_REJECTED, phum::v1::ACK_REASON_OUT_OF_SCOPE},
      {"another user sends revision 2 in the author's name", "dara",
       [](Record& r) { r.set_revision(2); }, phum::v1::RECORD_STATUS_REJECTED,
       phum::v1::ACK_REASON_NOT_THE_AUTHOR},
      {"the author sends a correction inside its area", "sokha",
       [](Record& r) {
         r.set_revision(2);
         r.set_location_code("01020399");
         answerChanged(r);
       },
       phum::v1::RECORD_STATUS_ACCEPTED, phum::v1::ACK_REASON_UNSPECIFIED},
      {"the author sends revision 1 again with other answers", "sokha", answerChanged,
       phum::v1::RECORD_STATUS_CONFLICT, phum::v1::ACK_REASON_REVISION_CONFLICT},
      {"the author sends revision 1 again unchanged", "sokha", [](Record&) {},
       phum::v1::RECORD_STATUS_DUPLICATE, phum::v1::ACK_REASON_UNSPECIFIED},
  };
  return cases;
}

TEST_F(RecordOwnerTest, ANewRevisionIsCheckedAgainstTheRecordTheServerHolds) {
  std::vector<phum::v1::RecordAck> unavailable;
  int n = 0;
  for (const auto& c : writeCases()) {
    SCOPED_TRACE(c.what);
    phum::v1::Record write = storedBySokha(++n);
    c.change(write);
    const auto ack = pushAs(c.writer, {write});
    ASSERT_EQ(ack.acks_size(), 1);
    EXPECT_EQ(ack.acks(0).status(), c.status) << ack.acks(0).reason();
    EXPECT_EQ(ack.acks(0).reason_code(), c.code) << ack.acks(0).reason();
    if (c.code == phum::v1::ACK_REASON_RECORD_ID_UNAVAILABLE) unavailable.push_back(ack.acks(0));
  }
  // One answer for every cause, naming nothing of the stored record: not its author, area, form,
  // revision or answers, and no field errors that would tell the causes apart.
  ASSERT_FALSE(unavailable.empty());
  for (const auto& ack : unavailable) {
    EXPECT_EQ(ack.reason(), unavailable.front().reason());
    EXPECT_EQ(ack.field_errors_size(), 0);
    EXPECT_EQ(ack.server_seq(), 0u);
    for (const char* secret : {"sokha", "0102", "household", "Household", "revision"}) {
      EXPECT_EQ(ack.reason().find(secret), std::string::npos) << secret << ": " << ack.reason();
    }
  }
  // Nothing any other account sent was stored.
  const std::string stored = storedAuthors();
  for (const char* outsider : {"dara", "vanna", "chan"}) {
    EXPECT_EQ(stored.find(std::string("\"author\":\"") + outsider + "\""), std::string::npos)
        << stored;
  }
}

TEST_F(RecordOwnerTest, OneBatchMixesRefusedRevisionsWithTheWritersOwnRecords) {
  const auto stored = storedBySokha(1);
  auto second = stored, third = stored;
  second.set_revision(2);
  second.set_author("dara");
  second.set_location_code("17010203");
  third.set_revision(3);
  third.set_author("dara");
  third.set_location_code("17010203");
  // dara's own new record, first and second revision in the same batch: both are dara's.
  auto own = makeRecord(2, "dara", "17010203");
  auto ownNext = own;
  ownNext.set_revision(2);
  answerChanged(ownNext);
  const auto ack = pushAs("dara", {second, own, third, ownNext});
  ASSERT_EQ(ack.acks_size(), 4);
  EXPECT_EQ(ack.acks(0).reason_code(), phum::v1::ACK_REASON_RECORD_ID_UNAVAILABLE);
  EXPECT_EQ(ack.acks(1).status(), phum::v1::RECORD_STATUS_ACCEPTED);
  EXPECT_EQ(ack.acks(2).reason_code(), phum::v1::ACK_REASON_RECORD_ID_UNAVAILABLE);
  EXPECT_EQ(ack.acks(3).status(), phum::v1::RECORD_STATUS_ACCEPTED);
  // Once dara holds a record, sokha cannot write it either.
  auto sokhasTry = ownNext;
  sokhasTry.set_revision(3);
  sokhasTry.set_author("sokha");
  sokhasTry.set_location_code("01020304");
  EXPECT_EQ(pushAs("sokha", {sokhasTry}).acks(0).reason_code(),
            phum::v1::ACK_REASON_RECORD_ID_UNAVAILABLE);
}

TEST_F(RecordOwnerTest, TheAuthorMayNotWriteARecordStoredOutsideItsArea) {
  // A record of sokha's located in province 17, stored while the server ran without accounts
  // (as a migration or a demo would leave it).
  server_.reset();
  auto record = makeRecord(1, "sokha", "17010203");
  {
    ServerProcess open(dataDir(), {"--open"});
    phum::v1::PushBatch batch;
    batch.set_batch_id(randomBytes(16));
    *batch.add_records() = record;
    const auto response = httpRequest("POST", open.url() + "/v1/push", batch.SerializeAsString(),
                                      {"Content-Type: application/x-protobuf"});
    ASSERT_EQ(response.status, 200) << response.body;
  }
  server_ = std::make_unique<ServerProcess>(dataDir(), std::vector<std::string>{});
  record.set_revision(2);
  record.set_location_code("01020304");  // the new location is inside sokha's area; the old is not
  const auto ack = pushAs("sokha", {record});
  EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_EQ(ack.acks(0).reason_code(), phum::v1::ACK_REASON_RECORD_ID_UNAVAILABLE);
}

std::string attachmentUrl(const ServerProcess& server, const std::string& uuidBytes) {
  return server.url() + "/v1/attachments/" + Uuid::fromBytes(uuidBytes)->toString() + "/photo.jpg";
}

TEST_F(RecordOwnerTest, AnotherUsersAttachmentsAnswerAsIfTheRecordDidNotExist) {
  const auto stored = storedBySokha(1);
  const auto unknown = makeRecord(2);  // never sent
  const auto& dara = tablet("dara");
  const std::vector<std::string> asDara = {dara.device.header(), dara.session,
                                           "Accept: application/json"};
  auto withOffset = asDara;
  withOffset.push_back("Upload-Offset: 0");
  struct Call {
    const char* method;
    const char* suffix;
    std::vector<std::string> headers;
    std::string body;
  };
  phum::v1::AttachmentComplete claim;
  claim.set_size(3);
  claim.set_sha256(std::string(32, 'x'));
  const std::vector<Call> calls = {{"HEAD", "", asDara, ""},
                                   {"PATCH", "", withOffset, "abc"},
                                   {"POST", "/complete", asDara, claim.SerializeAsString()}};
  const std::string storedText = Uuid::fromBytes(stored.uuid())->toString();
  const std::string unknownText = Uuid::fromBytes(unknown.uuid())->toString();
  for (const auto& call : calls) {
    SCOPED_TRACE(call.method);
    const auto held = httpRequest(call.method, attachmentUrl(*server_, stored.uuid()) + call.suffix,
                                  call.body, call.headers);
    const auto absent =
        httpRequest(call.method, attachmentUrl(*server_, unknown.uuid()) + call.suffix, call.body,
                    call.headers);
    EXPECT_EQ(held.status, 404);
    EXPECT_EQ(absent.status, 404);
    std::string heldBody = held.body;
    if (const auto at = heldBody.find(storedText); at != std::string::npos) {
      heldBody.replace(at, storedText.size(), unknownText);
    }
    EXPECT_EQ(heldBody, absent.body);
    EXPECT_EQ(held.headers.count("upload-offset"), 0u);
  }
  // The author's upload is untouched and goes on from 0.
  const auto& sokha = tablet("sokha");
  const auto head = httpRequest("HEAD", attachmentUrl(*server_, stored.uuid()), {},
                                {sokha.device.header(), sokha.session});
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.headers.at("upload-offset"), "0");
}

TEST(OpenRecordOwnerTest, WithoutAccountsARecordStillKeepsItsAuthorAndForm) {
  TempDir dir;
  ServerProcess server((dir.path() / "data").string(), {"--open"});
  auto pushOne = [&](const phum::v1::Record& record) {
    phum::v1::PushBatch batch;
    batch.set_batch_id(randomBytes(16));
    *batch.add_records() = record;
    const auto response = httpRequest("POST", server.url() + "/v1/push", batch.SerializeAsString(),
                                      {"Content-Type: application/x-protobuf"});
    EXPECT_EQ(response.status, 200) << response.body;
    phum::v1::PushAck ack;
    EXPECT_TRUE(ack.ParseFromString(response.body));
    return ack.acks(0);
  };
  const auto stored = makeRecord(1, "sokha");
  ASSERT_EQ(pushOne(stored).status(), phum::v1::RECORD_STATUS_ACCEPTED);
  auto otherAuthor = stored;
  otherAuthor.set_revision(2);
  otherAuthor.set_author("dara");
  EXPECT_EQ(pushOne(otherAuthor).reason_code(), phum::v1::ACK_REASON_RECORD_ID_UNAVAILABLE);
  auto otherForm = stored;
  otherForm.set_revision(2);
  otherForm.set_form_id("returnee_registration");
  EXPECT_EQ(pushOne(otherForm).reason_code(), phum::v1::ACK_REASON_RECORD_ID_UNAVAILABLE);
  auto next = stored;
  next.set_revision(2);
  next.set_location_code("17010203");
  EXPECT_EQ(pushOne(next).status(), phum::v1::RECORD_STATUS_ACCEPTED);
}

}  // namespace
}  // namespace phum::testing
