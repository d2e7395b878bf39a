// The Sync button's controller end to end: records finalized through FormController into a real
// SQLite file, sent on the worker thread by the real SyncClient to a real phum-server on 127.0.0.1.
#include <gtest/gtest.h>

#include <QSignalSpy>
#include <fstream>
#include <memory>
#include <string>

#include "accounts/device_accounts.h"
#include "core/uuid.h"
#include "form_controller.h"
#include "record_list_model.h"
#include "server_fixture.h"
#include "session.h"
#include "sqlite/sqlite_db.h"
#include "sync_controller.h"

namespace phum::app {
namespace {

// Generous: a bound on a hung test, not a speed expectation.
constexpr int kSyncWaitMs = 60000;

class AppSyncTest : public ::testing::Test {
 protected:
  std::unique_ptr<Session> openSession(const std::string& serverUrl) {
    AppConfig config;
    config.dataPath = QString::fromStdString((dir_.path() / "tablet.sqlite").string());
    config.serverUrl = QString::fromStdString(serverUrl);
    config.user = QStringLiteral("sokha");
    config.deviceId = QStringLiteral("tablet-1");
    auto session = std::make_unique<Session>(config);
    EXPECT_TRUE(session->storeOpen()) << session->storeError().toStdString();
    return session;
  }

  static void saveRegistration(Session& session, const QString& name) {
    FormController form;
    form.setSession(&session);
    ASSERT_TRUE(form.startNew(QStringLiteral("quick_registration")))
        << form.openError().toStdString();
    form.setAnswer(QStringLiteral("respondent_name"), name);
    form.setAnswer(QStringLiteral("sex"), QStringLiteral("male"));
    form.setAnswer(QStringLiteral("age"), QStringLiteral("៣១"));
    form.setAnswer(QStringLiteral("village_code"), QStringLiteral("01020304"));
    ASSERT_TRUE(form.finalize()) << form.saveError().toStdString();
  }

  static void runSync(SyncController& sync) {
    QSignalSpy finished(&sync, &SyncController::finished);
    ASSERT_TRUE(sync.start()) << sync.lastError().toStdString();
    EXPECT_TRUE(sync.running());
    ASSERT_TRUE(finished.wait(kSyncWaitMs)) << "sync did not finish";
    EXPECT_FALSE(sync.running());
  }

  std::string serverDir() const { return (dir_.path() / "server").string(); }

  phum::testing::TempDir dir_;
};

TEST_F(AppSyncTest, SendNowDeliversRecordsAndTheListShowsThemSent) {
  phum::testing::ServerProcess server(serverDir(), {"--open"});
  auto session = openSession(server.url());
  saveRegistration(*session, QStringLiteral("Dara Keo"));
  saveRegistration(*session, QStringLiteral("សុខ ចាន់ធី"));

  SyncController sync;
  sync.setSession(session.get());
  RecordListModel list;
  list.setSession(session.get());
  EXPECT_EQ(sync.queued(), 2);

  runSync(sync);
  EXPECT_EQ(sync.lastError(), QString());
  EXPECT_EQ(sync.sent(), 2);
  EXPECT_EQ(sync.queued(), 0);
  EXPECT_EQ(sync.failed(), 0);
  ASSERT_EQ(list.count(), 2);
  for (int row = 0; row < list.count(); ++row)
    EXPECT_EQ(list.data(list.index(row), RecordListModel::StateRole).toString(),
              QStringLiteral("sent"));
  EXPECT_EQ(phum::testing::countStoredRecords(serverDir()), 2);
}

// A server with a sealing key: the key reaches the tablet with its first sync, and from then on
// FormController::finalize seals the sensitive answers (shared/sealing): the stored record no
// longer holds them, and the server stores them sealed.
TEST_F(AppSyncTest, SensitiveAnswersAreSealedAtFinalizeOnceTheTabletHasTheServersKey) {
  const auto keys = phum::testing::runAdmin({"keys", "create", "--data", serverDir()});
  ASSERT_EQ(keys.exitCode, 0) << keys.err;
  phum::testing::ServerProcess server(serverDir(), {"--open"});
  auto session = openSession(server.url());
  SyncController sync;
  sync.setSession(session.get());
  runSync(sync);  // brings the server's public key (the sealing_keys dataset)

  const std::string name = "Sealed Name Bopha 5512";
  FormController form;
  form.setSession(session.get());
  QSignalSpy finalized(&form, &FormController::finalized);
  ASSERT_TRUE(form.startNew(QStringLiteral("quick_registration")));
  form.setAnswer(QStringLiteral("respondent_name"), QString::fromStdString(name));
  form.setAnswer(QStringLiteral("sex"), QStringLiteral("female"));
  form.setAnswer(QStringLiteral("age"), QStringLiteral("31"));
  form.setAnswer(QStringLiteral("village_code"), QStringLiteral("01020304"));
  ASSERT_TRUE(form.finalize()) << form.saveError().toStdString();
  ASSERT_EQ(finalized.count(), 1);
  const auto uuid = Uuid::parse(finalized.at(0).at(0).toString().toStdString());
  ASSERT_TRUE(uuid);
  const auto stored = session->store()->findRecord(*uuid);
  ASSERT_TRUE(stored);
  EXPECT_FALSE(stored->sealed_answers().empty());
  EXPECT_EQ(stored->SerializeAsString().find(name), std::string::npos);

  runSync(sync);
  EXPECT_EQ(sync.sent(), 1);
  EXPECT_EQ(phum::testing::countStoredRecords(serverDir()), 1);
}

// A record whose name was sealed at finalize: the record view says the question is sealed (not
// blank); a correction does not ask for it again and sends the same envelope, which the server
// opens and accepts; a correction that answers it again seals the new answer instead.
TEST_F(AppSyncTest, ASealedAnswerShowsSealedAndACorrectionKeepsItsEnvelopeUnlessAnsweredAgain) {
  const auto keys = phum::testing::runAdmin({"keys", "create", "--data", serverDir()});
  ASSERT_EQ(keys.exitCode, 0) << keys.err;
  phum::testing::ServerProcess server(serverDir(), {"--open"});
  auto session = openSession(server.url());
  SyncController sync;
  sync.setSession(session.get());
  runSync(sync);  // the server's public key
  saveRegistration(*session, QStringLiteral("Sealed Name Bopha 5512"));
  const auto records = session->store()->listRecords("sokha");
  ASSERT_EQ(records.size(), 1u);
  const Uuid uuid = records[0].uuid;
  const QString uuidText = QString::fromStdString(uuid.toString());
  const std::string envelope = session->store()->findRecord(uuid)->sealed_answers();
  ASSERT_FALSE(envelope.empty());
  runSync(sync);
  ASSERT_EQ(sync.sent(), 1) << sync.lastError().toStdString();

  const auto row = [](FormController& form, const char* path) {
    return form.fields()->get(form.fields()->rowOf(QString::fromLatin1(path)));
  };
  {
    FormController view;
    view.setSession(session.get());
    ASSERT_TRUE(view.openReadOnly(uuidText)) << view.openError().toStdString();
    EXPECT_TRUE(row(view, "respondent_name")[QStringLiteral("sealed")].toBool());
    EXPECT_EQ(row(view, "respondent_name")[QStringLiteral("value")].toString(), QString());
    EXPECT_FALSE(row(view, "age")[QStringLiteral("sealed")].toBool());
  }
  {
    FormController fix;
    fix.setSession(session.get());
    ASSERT_TRUE(fix.openForCorrection(uuidText)) << fix.openError().toStdString();
    EXPECT_TRUE(row(fix, "respondent_name")[QStringLiteral("sealed")].toBool());
    fix.setAnswer(QStringLiteral("age"), QStringLiteral("32"));
    EXPECT_TRUE(fix.canFinalize()) << "a sealed answer counted as missing";
    EXPECT_EQ(row(fix, "respondent_name")[QStringLiteral("problem")].toString(), QString());
    ASSERT_TRUE(fix.finalize()) << fix.saveError().toStdString();
  }
  auto stored = session->store()->findRecord(uuid);
  EXPECT_EQ(stored->revision(), 2u);
  EXPECT_EQ(stored->sealed_answers(), envelope);
  runSync(sync);
  EXPECT_EQ(sync.rejected(), 0) << sync.lastError().toStdString();
  EXPECT_EQ(sync.queued() + sync.failed(), 0) << sync.lastError().toStdString();
  {
    FormController fix;
    fix.setSession(session.get());
    ASSERT_TRUE(fix.openForCorrection(uuidText)) << fix.openError().toStdString();
    fix.setAnswer(QStringLiteral("respondent_name"), QStringLiteral("Sophea Lim 7731"));
    EXPECT_FALSE(row(fix, "respondent_name")[QStringLiteral("sealed")].toBool());
    ASSERT_TRUE(fix.finalize()) << fix.saveError().toStdString();
  }
  stored = session->store()->findRecord(uuid);
  EXPECT_EQ(stored->revision(), 3u);
  EXPECT_FALSE(stored->sealed_answers().empty());
  EXPECT_NE(stored->sealed_answers(), envelope);
  EXPECT_EQ(stored->SerializeAsString().find("Sophea Lim 7731"), std::string::npos);
  runSync(sync);
  EXPECT_EQ(sync.rejected(), 0) << sync.lastError().toStdString();
}

// A counsellor corrects one detail of a case: of two sealed answers (the name required, the phone
// optional) only the phone is answered again. The name still shows "sealed" and is not asked
// for; the new revision carries the earlier envelope plus a box with the phone, and the server
// opens both: the name as before, the phone new. A later correction that empties the phone
// removes it; emptying the required name makes the form ask for it.
TEST_F(AppSyncTest, ACorrectionOfOneSealedAnswerKeepsTheOtherSealedAnswers) {
  ASSERT_EQ(phum::testing::runAdmin({"keys", "create", "--data", serverDir()}).exitCode, 0);
  const std::string formPath = (dir_.path() / "case_check.xlsform.md").string();
  std::ofstream(formPath) << "# case_check\n\n## survey\n\n| type | name | label | required | "
                             "sensitive |\n|---|---|---|---|---|\n"
                             "| text | victim_name | Name | yes | yes |\n"
                             "| text | victim_phone | Phone |  | yes |\n"
                             "| integer | age | Age | yes |  |\n"
                             "| text | village_code | Village | yes |  |\n\n## settings\n\n"
                             "| form_id | version |\n|---|---|\n| case_check | 1 |\n";
  ASSERT_EQ(phum::testing::runAdmin({"forms", "publish", formPath, "--data", serverDir()}).exitCode,
            0);
  const std::string password = "reviewer-pass-2026";
  ASSERT_EQ(phum::testing::runAdmin({"users", "add", "--username", "rev", "--role", "reviewer",
                                     "--scope", "national", "--data", serverDir()},
                                    password + "\n")
                .exitCode,
            0);
  phum::testing::ServerProcess server(serverDir(), {"--open"});
  auto session = openSession(server.url());
  SyncController sync;
  sync.setSession(session.get());
  runSync(sync);  // the form and the server's public key
  QString uuid;
  {
    FormController form;
    form.setSession(session.get());
    QSignalSpy finalized(&form, &FormController::finalized);
    ASSERT_TRUE(form.startNew(QStringLiteral("case_check"))) << form.openError().toStdString();
    form.setAnswer(QStringLiteral("victim_name"), QStringLiteral("Kept Name Sreymom 2207"));
    form.setAnswer(QStringLiteral("victim_phone"), QStringLiteral("012 300 4001"));
    form.setAnswer(QStringLiteral("age"), QStringLiteral("19"));
    form.setAnswer(QStringLiteral("village_code"), QStringLiteral("01020304"));
    ASSERT_TRUE(form.finalize()) << form.saveError().toStdString();
    uuid = finalized.at(0).at(0).toString();
  }
  runSync(sync);
  ASSERT_EQ(sync.sent(), 1) << sync.lastError().toStdString();
  const auto row = [](FormController& form, const char* path) {
    return form.fields()->get(form.fields()->rowOf(QString::fromLatin1(path)));
  };
  // The record as the reviewer reads it in the console (the server opens every box).
  const auto reviewed = [&] {
    const auto signedIn =
        phum::testing::httpRequest("POST", server.url() + "/v1/console/session",
                                   R"({"username":"rev","password":")" + password + R"("})",
                                   {"Content-Type: application/json"});
    EXPECT_EQ(signedIn.status, 200) << signedIn.body;
    const std::string cookie = signedIn.headers.at("set-cookie");
    const auto view = phum::testing::httpRequest(
        "GET", server.url() + "/v1/console/records/" + uuid.toStdString(), {},
        {"Cookie: " + cookie.substr(0, cookie.find(';'))});
    EXPECT_EQ(view.status, 200) << view.body;
    return view.body;
  };
  const auto correct = [&](const char* path, const char* value) {
    FormController fix;
    fix.setSession(session.get());
    EXPECT_TRUE(fix.openForCorrection(uuid)) << fix.openError().toStdString();
    EXPECT_TRUE(row(fix, "victim_name")[QStringLiteral("sealed")].toBool());
    fix.setAnswer(QString::fromLatin1(path), QString::fromUtf8(value));
    EXPECT_FALSE(row(fix, path)[QStringLiteral("sealed")].toBool());
    EXPECT_TRUE(fix.canFinalize()) << "a sealed answer not answered again counted as missing";
    EXPECT_TRUE(fix.finalize()) << fix.saveError().toStdString();
  };
  correct("victim_phone", "097 555 7002");
  const auto stored = session->store()->findRecord(*Uuid::parse(uuid.toStdString()));
  EXPECT_EQ(stored->revision(), 2u);
  EXPECT_TRUE(stored->sealed_answers().starts_with("phum-sealed-v2"));
  EXPECT_EQ(stored->SerializeAsString().find("097 555"), std::string::npos);
  runSync(sync);
  EXPECT_EQ(sync.rejected(), 0) << sync.lastError().toStdString();
  std::string body = reviewed();
  EXPECT_NE(body.find("Kept Name Sreymom 2207"), std::string::npos) << body;
  EXPECT_NE(body.find("097 555 7002"), std::string::npos) << body;
  EXPECT_EQ(body.find("012 300 4001"), std::string::npos) << body;

  correct("victim_phone", "");  // emptied: the phone is cleared, the name stays
  runSync(sync);
  EXPECT_EQ(sync.rejected(), 0) << sync.lastError().toStdString();
  body = reviewed();
  EXPECT_NE(body.find("Kept Name Sreymom 2207"), std::string::npos) << body;
  EXPECT_EQ(body.find("097 555 7002"), std::string::npos) << body;

  FormController fix;  // the required name emptied is missing, not sealed
  fix.setSession(session.get());
  ASSERT_TRUE(fix.openForCorrection(uuid)) << fix.openError().toStdString();
  // The earlier box may hold a phone, but the last one emptied it: nothing is sealed.
  EXPECT_FALSE(row(fix, "victim_phone")[QStringLiteral("sealed")].toBool());
  fix.setAnswer(QStringLiteral("victim_name"), QString());
  EXPECT_FALSE(row(fix, "victim_name")[QStringLiteral("sealed")].toBool());
  EXPECT_FALSE(fix.canFinalize());
}

// Retention runs after a sync that got everything through: a record the server confirmed more
// than the retention days ago leaves the tablet, a record confirmed recently stays.
TEST_F(AppSyncTest, ARecordConfirmedLongerAgoThanTheRetentionLeavesAfterTheNextSync) {
  phum::testing::ServerProcess server(serverDir(), {"--open"});
  auto session = openSession(server.url());
  saveRegistration(*session, QStringLiteral("Dara Keo"));
  saveRegistration(*session, QStringLiteral("Sophal Ny"));
  SyncController sync;
  sync.setSession(session.get());
  runSync(sync);
  ASSERT_EQ(sync.sent(), 2) << sync.lastError().toStdString();
  auto records = session->store()->listRecords("sokha");
  ASSERT_EQ(records.size(), 2u);
  const Uuid old = records[0].uuid;
  {
    // As if it had been confirmed 31 days ago (the default retention is 30 days).
    sqlite::Database db((dir_.path() / "tablet.sqlite").string());
    db.exec("PRAGMA busy_timeout = 10000");
    db.prepare("UPDATE outbox SET sent_at_ms = sent_at_ms - 31 * 86400000 WHERE uuid = ?1")
        .bindBlob(1, old.toBytes())
        .run();
  }
  runSync(sync);
  EXPECT_EQ(sync.lastError(), QString());
  records = session->store()->listRecords("sokha");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_NE(records[0].uuid, old);
  EXPECT_FALSE(session->store()->findRecord(old));
}

TEST_F(AppSyncTest, UnreachableServerKeepsRecordsAndSaysWhy) {
  std::string deadUrl;
  {
    // A port that was just free and is closed again: nothing listens there now.
    phum::testing::ServerProcess server(serverDir(), {"--open"});
    deadUrl = server.url();
  }
  auto session = openSession(deadUrl);
  saveRegistration(*session, QStringLiteral("Dara Keo"));
  SyncController sync;
  sync.setSession(session.get());

  runSync(sync);
  EXPECT_FALSE(sync.lastError().isEmpty());
  EXPECT_EQ(sync.sent(), 0);
  EXPECT_EQ(sync.queued() + sync.failed(), 1);  // still on the tablet, to be sent later
  RecordListModel list;
  list.setSession(session.get());
  ASSERT_EQ(list.count(), 1);
  EXPECT_FALSE(list.data(list.index(0), RecordListModel::ReasonRole).toString().isEmpty());
}

// The signed-in user's records go out by themselves: at sign-in (or app start) and after each save,
// with the session token from the tablet's accounts, against a server in secure mode.
TEST_F(AppSyncTest, SignedInUserSyncsInBackgroundAfterASave) {
  const std::string password = "field-pass-2026";
  const auto added = phum::testing::runAdmin({"users", "add", "--data", serverDir(), "--username",
                                              "sokha", "--role", "enumerator", "--scope", "0102"},
                                             password + "\n");
  ASSERT_EQ(added.exitCode, 0) << added.err;
  const auto code = phum::testing::runAdmin(
      {"devices", "enroll-code", "--data", serverDir(), "--name", "tablet"});
  ASSERT_EQ(code.exitCode, 0) << code.err;
  phum::testing::ServerProcess server(serverDir(), {});
  const std::string dataPath = (dir_.path() / "tablet.sqlite").string();
  {
    // What the sign-in screens do (tested through the UI in app_signin).
    auto store = store::LocalStore::open(dataPath);
    accounts::DeviceAccounts accounts(dataPath);
    sync::SyncConfig base;
    base.serverUrl = server.url();
    sync::SyncClient client(*store, base);
    accounts.enroll(client, code.out.substr(0, code.out.find('\n')), "tablet");
    accounts.firstSignIn(client, "sokha", password, "2580");
  }
  AppConfig config;
  config.dataPath = QString::fromStdString(dataPath);
  config.serverUrl = QString::fromStdString(server.url());
  config.autoSyncSeconds = 3600;  // the timer never fires here: sign-in and save start the syncs
  Session session(config);
  ASSERT_EQ(session.user(), QStringLiteral("sokha")) << "still signed in after a restart";

  SyncController sync;
  QSignalSpy finished(&sync, &SyncController::finished);
  sync.setSession(&session);  // someone is signed in: a first sync starts by itself
  ASSERT_TRUE(finished.wait(kSyncWaitMs)) << "no background sync at start";
  EXPECT_EQ(sync.lastError(), QString());
  EXPECT_GT(sync.lastSyncedAtMs(), 0);

  saveRegistration(session, QStringLiteral("Dara Keo"));
  ASSERT_TRUE(finished.wait(kSyncWaitMs)) << "no background sync after the save";
  EXPECT_EQ(sync.lastError(), QString());
  EXPECT_EQ(sync.sent(), 1);
  EXPECT_EQ(phum::testing::countStoredRecords(serverDir()), 1);

  // Each user sees only their own records.
  RecordListModel list;
  list.setSession(&session);
  EXPECT_EQ(list.count(), 1);
  session.setUser(QStringLiteral("another"));
  EXPECT_EQ(list.count(), 0);
}

}  // namespace
}  // namespace phum::app
