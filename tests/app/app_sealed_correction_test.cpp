// Corrections of records with sealed answers, end to end: FormController on a real SQLite file,
// the real SyncClient, a real phum-server with a sealing key, and the record as a reviewer reads
// it in the console (the server opens every box). What a correction did to sealed answers is
// kept with its draft, and a sealed question it made not relevant is dropped.
#include <gtest/gtest.h>

#include <QSignalSpy>
#include <fstream>
#include <memory>
#include <string>

#include "core/uuid.h"
#include "form_controller.h"
#include "server_fixture.h"
#include "session.h"
#include "sync_controller.h"

namespace phum::app {
namespace {

// Generous: a bound on a hung test, not a speed expectation.
constexpr int kSyncWaitMs = 60000;
const std::string kPassword = "reviewer-pass-2026";

// A case with a sealed name, a sealed phone asked only when one is known, and contacts (asked
// only when a phone is known too) whose names are sealed.
constexpr const char* kForm =
    "# case_contacts\n\n## survey\n\n"
    "| type | name | label | required | relevant | sensitive |\n"
    "|---|---|---|---|---|---|\n"
    "| text | victim_name | Name | yes |  | yes |\n"
    "| text | phone_known | Phone known | yes |  |  |\n"
    "| text | victim_phone | Phone |  | ${phone_known} = 'yes' | yes |\n"
    "| text | village_code | Village | yes |  |  |\n"
    "| begin repeat | contact | Contact |  | ${phone_known} = 'yes' |  |\n"
    "| text | contact_name | Contact name |  |  | yes |\n"
    "| text | relation | Relation |  |  |  |\n"
    "| end repeat |  |  |  |  |  |\n\n"
    "## settings\n\n| form_id | version |\n|---|---|\n| case_contacts | 1 |\n";

class SealedCorrectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(phum::testing::runAdmin({"keys", "create", "--data", serverDir()}).exitCode, 0);
    const std::string formPath = (dir_.path() / "case_contacts.xlsform.md").string();
    std::ofstream(formPath) << kForm;
    ASSERT_EQ(
        phum::testing::runAdmin({"forms", "publish", formPath, "--data", serverDir()}).exitCode, 0);
    ASSERT_EQ(phum::testing::runAdmin({"users", "add", "--username", "rev", "--role", "reviewer",
                                       "--scope", "national", "--data", serverDir()},
                                      kPassword + "\n")
                  .exitCode,
              0);
    server_ = std::make_unique<phum::testing::ServerProcess>(serverDir(),
                                                             std::vector<std::string>{"--open"});
  }

  // A new session on the same tablet file, as after the app was closed or killed.
  std::unique_ptr<Session> openSession() {
    AppConfig config;
    config.dataPath = QString::fromStdString((dir_.path() / "tablet.sqlite").string());
    config.serverUrl = QString::fromStdString(server_->url());
    config.user = QStringLiteral("sokha");
    config.deviceId = QStringLiteral("tablet-1");
    auto session = std::make_unique<Session>(config);
    EXPECT_TRUE(session->storeOpen()) << session->storeError().toStdString();
    return session;
  }

  static void sync(Session& session) {
    SyncController sync;
    sync.setSession(&session);
    QSignalSpy finished(&sync, &SyncController::finished);
    ASSERT_TRUE(sync.start()) << sync.lastError().toStdString();
    ASSERT_TRUE(finished.wait(kSyncWaitMs)) << "sync did not finish";
    EXPECT_EQ(sync.rejected(), 0) << sync.lastError().toStdString();
    EXPECT_EQ(sync.queued() + sync.failed(), 0) << sync.lastError().toStdString();
  }

  // A case with three contacts, finalized (its sensitive answers sealed) and sent.
  QString sendCase(Session& session) {
    sync(session);  // the form and the server's public key
    FormController form;
    form.setSession(&session);
    QSignalSpy finalized(&form, &FormController::finalized);
    EXPECT_TRUE(form.startNew(QStringLiteral("case_contacts"))) << form.openError().toStdString();
    form.setAnswer(QStringLiteral("victim_name"), QStringLiteral("Kept Name Sreymom 2207"));
    form.setAnswer(QStringLiteral("phone_known"), QStringLiteral("yes"));
    form.setAnswer(QStringLiteral("victim_phone"), QStringLiteral("012 300 4001"));
    form.setAnswer(QStringLiteral("village_code"), QStringLiteral("01020304"));
    const char* names[] = {"Contact One 1101", "Contact Two 2202", "Contact Three 3303"};
    for (int entry = 1; entry <= 3; ++entry) {
      EXPECT_TRUE(form.addEntry(QStringLiteral("contact")));
      const QString prefix = QStringLiteral("contact[%1]/").arg(entry);
      form.setAnswer(prefix + QStringLiteral("contact_name"),
                     QString::fromLatin1(names[entry - 1]));
      form.setAnswer(prefix + QStringLiteral("relation"), QStringLiteral("friend"));
    }
    EXPECT_TRUE(form.finalize()) << form.saveError().toStdString();
    EXPECT_EQ(finalized.size(), 1);
    sync(session);
    return finalized.isEmpty() ? QString() : finalized.at(0).at(0).toString();
  }

  // The record as the reviewer reads it in the console.
  std::string reviewed(const QString& uuid) const {
    const auto signedIn =
        phum::testing::httpRequest("POST", server_->url() + "/v1/console/session",
                                   R"({"username":"rev","password":")" + kPassword + R"("})",
                                   {"Content-Type: application/json"});
    EXPECT_EQ(signedIn.status, 200) << signedIn.body;
    const std::string cookie = signedIn.headers.at("set-cookie");
    const auto view = phum::testing::httpRequest(
        "GET", server_->url() + "/v1/console/records/" + uuid.toStdString(), {},
        {"Cookie: " + cookie.substr(0, cookie.find(';'))});
    EXPECT_EQ(view.status, 200) << view.body;
    return view.body;
  }

  static QVariantMap row(FormController& form, const char* path) {
    return form.fields()->get(form.fields()->rowOf(QString::fromLatin1(path)));
  }

  std::string serverDir() const { return (dir_.path() / "server").string(); }

  phum::testing::TempDir dir_;
  std::unique_ptr<phum::testing::ServerProcess> server_;
};

// A counsellor empties the sealed phone and removes the first contact, then the app is closed.
// Reopened in a new session, the draft still knows: the phone stays blank (not "sealed"), the
// contacts after the removed one are to be answered again, and the server drops the phone and
// the removed contact's name instead of putting them back from the earlier box.
TEST_F(SealedCorrectionTest, TheDraftKeepsWhichSealedAnswersWereEmptiedOrShifted) {
  QString uuid;
  {
    auto session = openSession();
    uuid = sendCase(*session);
    ASSERT_FALSE(uuid.isEmpty());
    FormController fix;
    fix.setSession(session.get());
    ASSERT_TRUE(fix.openForCorrection(uuid)) << fix.openError().toStdString();
    EXPECT_TRUE(row(fix, "victim_phone")[QStringLiteral("sealed")].toBool());
    fix.setAnswer(QStringLiteral("victim_phone"), QString());
    ASSERT_TRUE(fix.removeEntry(QStringLiteral("contact"), 1));
    fix.close();
  }
  auto session = openSession();
  {
    FormController fix;
    fix.setSession(session.get());
    ASSERT_TRUE(fix.openForCorrection(uuid)) << fix.openError().toStdString();
    EXPECT_TRUE(row(fix, "victim_name")[QStringLiteral("sealed")].toBool());
    EXPECT_FALSE(row(fix, "victim_phone")[QStringLiteral("sealed")].toBool());
    EXPECT_FALSE(row(fix, "contact[1]/contact_name")[QStringLiteral("sealed")].toBool());
    fix.setAnswer(QStringLiteral("contact[1]/contact_name"), QStringLiteral("Again Two 2212"));
    ASSERT_TRUE(fix.finalize()) << fix.saveError().toStdString();
  }
  sync(*session);
  const std::string body = reviewed(uuid);
  EXPECT_NE(body.find("Kept Name Sreymom 2207"), std::string::npos) << body;
  EXPECT_NE(body.find("Again Two 2212"), std::string::npos) << body;
  EXPECT_EQ(body.find("012 300 4001"), std::string::npos) << body;
  EXPECT_EQ(body.find("Contact One 1101"), std::string::npos) << body;
  EXPECT_EQ(body.find("Contact Three 3303"), std::string::npos) << body;
}

// The correction says no phone is known: the sealed phone and the contacts' sealed names are no
// longer asked, so the server drops them as the form drops answers not relevant in clear. Also
// after the draft was closed and reopened before finalize.
TEST_F(SealedCorrectionTest, ASealedAnswerTheCorrectionMadeNotRelevantIsDropped) {
  auto session = openSession();
  const QString uuid = sendCase(*session);
  ASSERT_FALSE(uuid.isEmpty());
  {
    FormController fix;
    fix.setSession(session.get());
    ASSERT_TRUE(fix.openForCorrection(uuid)) << fix.openError().toStdString();
    fix.setAnswer(QStringLiteral("phone_known"), QStringLiteral("no"));
  }
  {
    FormController fix;
    fix.setSession(session.get());
    ASSERT_TRUE(fix.openForCorrection(uuid)) << fix.openError().toStdString();
    ASSERT_TRUE(fix.finalize()) << fix.saveError().toStdString();
  }
  sync(*session);
  const std::string body = reviewed(uuid);
  EXPECT_NE(body.find("Kept Name Sreymom 2207"), std::string::npos) << body;
  EXPECT_EQ(body.find("012 300 4001"), std::string::npos) << body;
  EXPECT_EQ(body.find("Contact Two 2202"), std::string::npos) << body;
}

}  // namespace
}  // namespace phum::app
