// The proof of encryption at rest (issue 14): a tablet enrolled and signed in through the app's own
// sign-in code against a real phum-server, records and drafts written through FormController
// with known names, phone numbers, a narrative, GPS coordinates and a photo, then every byte of
// every file the app wrote (database, WAL, shared memory, photos, settings) is scanned: none of
// them may appear. The same values are read back through the store, so the scan is not passing
// on data that was never written.
#include <gtest/gtest.h>

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <string>

#include "accounts_controller.h"
#include "accounts_worker.h"
#include "crypto/data_key.h"
#include "crypto/protected_file.h"
#include "form_controller.h"
#include "mission_forms.h"
#include "sealing/sealed_photo.h"
#include "server_fixture.h"
#include "session.h"
#include "store/local_store.h"
#include "sync_controller.h"

namespace phum::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPassword = "field-pass-2026";

const std::vector<std::string> kKnownValues{
    "Sreyneang Touch",  // the trafficking case's person
    "Chanthou Meas",    // a quick registration's respondent (also the record's title)
    "012987654",        // a phone number
    "held on the boat Sea Star Seven for nine months",  // a narrative
    "11.556432",                                        // GPS latitude
    "104.928211",                                       // GPS longitude
};

std::string doubleBytes(double value) {
  std::string bytes(sizeof value, '\0');
  std::memcpy(bytes.data(), &value, sizeof value);
  return bytes;
}

std::string allBytesUnder(const fs::path& folder) {
  std::string all;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return all;
}

class AtRestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Wherever Qt would keep settings or caches, inside the folder that is scanned.
    for (const char* variable : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "HOME"})
      qputenv(variable, QByteArray::fromStdString((tablet() / "home").string()));
    fs::create_directories(tablet() / "home");
    fs::create_directories(dir_.path() / "camera");
  }

  fs::path tablet() const { return dir_.path() / "tablet"; }
  std::string dataPath() const { return (tablet() / "tablet.sqlite").string(); }

  // A camera picture outside the tablet's folder, as the camera leaves it before scaling.
  // With `seed`, speckled all over, so that no run of its JPEG bytes is another photo's too.
  std::string cameraPicture(const QString& text = QStringLiteral("PASSPORT"),
                            unsigned seed = 0) const {
    QImage picture(800, 600, QImage::Format_RGB32);
    picture.fill(Qt::darkCyan);
    std::mt19937 speckles(seed);
    for (int y = 0; seed != 0 && y < picture.height(); ++y)
      for (int x = 0; x < picture.width(); ++x)
        picture.setPixel(x, y, static_cast<QRgb>(speckles()) | 0xFF000000u);
    QPainter painter(&picture);
    painter.drawText(QRect(0, 0, 800, 600), Qt::AlignCenter, text);
    painter.end();
    const std::string path =
        (dir_.path() / "camera" / (text.toStdString() + "-still.jpg")).string();
    picture.save(QString::fromStdString(path));
    return path;
  }

  std::string serverDir() const { return (dir_.path() / "server").string(); }

  void addUser(const std::string& username) {
    auto added = phum::testing::runAdmin({"users", "add", "--username", username, "--role",
                                          "enumerator", "--scope", "0102", "--data", serverDir()},
                                         std::string(kPassword) + "\n");
    ASSERT_EQ(added.exitCode, 0) << added.err;
  }

  // The tablet enrolled through the app's own enrolment code; the device secret it was given.
  std::string enrol(const std::string& serverUrl) {
    auto code = phum::testing::runAdmin(
        {"devices", "enroll-code", "--name", "tablet", "--data", serverDir()});
    EXPECT_EQ(code.exitCode, 0) << code.err;
    fs::create_directories(tablet());
    const auto enrolled = enrolTablet(
        QString::fromStdString(dataPath()), QString::fromStdString(serverUrl), QString(),
        QString::fromStdString(code.out.substr(0, code.out.find('\n'))), QStringLiteral("tablet"));
    EXPECT_TRUE(enrolled.ok()) << enrolled.detail.toStdString();
    // Read while the key is in this process's memory, as the enrolment left it.
    return store::LocalStore::open(dataPath())->syncValue(store::kDeviceSecretKey).value_or("");
  }

  AccountsOutcome signIn(const std::string& serverUrl, const QString& username) {
    return signInOnline(QString::fromStdString(dataPath()), QString::fromStdString(serverUrl),
                        QString(), username, QString::fromLatin1(kPassword),
                        QStringLiteral("2580"));
  }

  // The tablet enrolled and sokha signed in, through the app's own sign-in code.
  void enrolAndSignIn(const std::string& serverUrl) {
    ASSERT_NO_FATAL_FAILURE(addUser("sokha"));
    ASSERT_FALSE(enrol(serverUrl).empty());
    const auto signedIn = signIn(serverUrl, QStringLiteral("sokha"));
    ASSERT_TRUE(signedIn.ok()) << signedIn.detail.toStdString();
  }

  static void registration(Session& session, const QString& name) {
    FormController form;
    form.setSession(&session);
    ASSERT_TRUE(form.startNew(QStringLiteral("quick_registration")));
    form.setAnswer(QStringLiteral("respondent_name"), name);
    form.setAnswer(QStringLiteral("sex"), QStringLiteral("female"));
    form.setAnswer(QStringLiteral("age"), QStringLiteral("29"));
    form.setAnswer(QStringLiteral("village_code"), QStringLiteral("01020304"));
    ASSERT_TRUE(form.finalize()) << form.saveError().toStdString();
  }

  phum::testing::TempDir dir_;
};

TEST_F(AtRestTest, NoNamePhoneNarrativeCoordinateOrPhotoIsReadableInAnyFileTheAppWrote) {
  phum::testing::ServerProcess server(serverDir(), {});
  ASSERT_NO_FATAL_FAILURE(enrolAndSignIn(server.url()));
  const QString url = QString::fromStdString(server.url());
  const QString path = QString::fromStdString(dataPath());

  std::string photoBytes;
  {
    AppConfig config;
    config.dataPath = path;
    config.serverUrl = url;
    Session session(config);
    ASSERT_TRUE(session.storeOpen()) << session.storeError().toStdString();
    ASSERT_EQ(session.user(), QStringLiteral("sokha"));
    testing::installMissionForms(*session.store(), PHUM_SOURCE_DIR);

    ASSERT_NO_FATAL_FAILURE(registration(session, QStringLiteral("Chanthou Meas")));

    FormController trafficking;  // left as a draft, as an interview is between answers
    trafficking.setSession(&session);
    ASSERT_TRUE(trafficking.startNew(QStringLiteral("trafficking_case_report")));
    trafficking.setAnswer(QStringLiteral("prs_Name"), QStringLiteral("Sreyneang Touch"));
    trafficking.setAnswer(QStringLiteral("prs_MobilePhone"), QStringLiteral("012987654"));
    trafficking.setAnswer(
        QStringLiteral("narrative"),
        QStringLiteral("She was held on the boat Sea Star Seven for nine months"));
    ASSERT_TRUE(
        trafficking.attachPhoto(QStringLiteral("photo"), QString::fromStdString(cameraPicture())))
        << trafficking.saveError().toStdString();
    trafficking.close();

    FormController household;
    household.setSession(&session);
    ASSERT_TRUE(household.startNew(QStringLiteral("household_survey")));
    household.setAnswer(QStringLiteral("gps"), QStringLiteral("11.556432 104.928211 12 4.5"));
    household.close();

    // What was written can be read back with the key: the scan below is not vacuous.
    const auto records = session.store()->listRecords("sokha");
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].title, "Chanthou Meas");
    const auto drafts = session.store()->listDrafts("sokha");
    ASSERT_EQ(drafts.size(), 2u);
    std::string draftAnswers;
    for (const auto& draft : drafts) draftAnswers += draft.answers;
    for (const std::string& value : {std::string("Sreyneang Touch"), std::string("012987654"),
                                     std::string("Sea Star Seven"), doubleBytes(11.556432)})
      EXPECT_NE(draftAnswers.find(value), std::string::npos) << value << " was not saved";
    for (const auto& entry : fs::recursive_directory_iterator(tablet()))
      if (entry.path().extension() == ".jpg")
        photoBytes = crypto::readProtectedFile(entry.path().string());
    ASSERT_GT(photoBytes.size(), 1000u) << "no photo was kept";
    QSettings settings;  // anything the app keeps there is scanned too
    settings.sync();
  }

  const std::string written = allBytesUnder(tablet());
  ASSERT_GT(written.size(), 10000u);
  for (const auto& value : kKnownValues)
    EXPECT_EQ(written.find(value), std::string::npos) << "\"" << value << "\" is readable";
  // Coordinates are kept as binary doubles in the answers: searched as those bytes too.
  for (const double coordinate : {11.556432, 104.928211})
    EXPECT_EQ(written.find(doubleBytes(coordinate)), std::string::npos) << coordinate;
  // Any 48-byte run of the photo's JPEG would show it was kept in clear somewhere.
  for (std::size_t at = 0; at + 48 <= photoBytes.size(); at += photoBytes.size() / 16)
    EXPECT_EQ(written.find(photoBytes.substr(at, 48)), std::string::npos)
        << "the photo is readable (bytes at " << at << ")";
  EXPECT_EQ(written.find("\xFF\xD8\xFF\xE0"), std::string::npos) << "a JPEG header in clear";
}

// Photos of sensitive questions are sealed to the server's key at finalize (shared/sealing/
// sealed_photo.h): afterwards no file the app wrote holds the photo, not even read with the
// tablet's own data key, and its clear file is gone; an ordinary question's photo stays readable.
TEST_F(AtRestTest, APhotoOfASensitiveQuestionIsSealedAtFinalizeAndTheTabletCannotReadItBack) {
  ASSERT_EQ(phum::testing::runAdmin({"keys", "create", "--data", serverDir()}).exitCode, 0);
  const std::string formPath = (dir_.path() / "photo_check.xlsform.md").string();
  std::ofstream(formPath) << "# photo_check\n\n## survey\n\n| type | name | label | sensitive |\n"
                             "|---|---|---|---|\n| image | secret_photo | Injury | yes |\n"
                             "| image | plain_photo | House | no |\n\n## settings\n\n"
                             "| form_id | version |\n|---|---|\n| photo_check | 1 |\n";
  const auto published =
      phum::testing::runAdmin({"forms", "publish", formPath, "--data", serverDir()});
  ASSERT_EQ(published.exitCode, 0) << published.err;
  phum::testing::ServerProcess server(serverDir(), {});
  ASSERT_NO_FATAL_FAILURE(enrolAndSignIn(server.url()));
  AppConfig config;
  config.dataPath = QString::fromStdString(dataPath());
  config.serverUrl = QString::fromStdString(server.url());
  Session session(config);
  ASSERT_TRUE(session.storeOpen()) << session.storeError().toStdString();
  {
    SyncController sync;  // brings the form and the server's public key
    sync.setSession(&session);
    QSignalSpy finished(&sync, &SyncController::finished);
    ASSERT_TRUE(sync.start()) << sync.lastError().toStdString();
    ASSERT_TRUE(finished.wait(60000));
  }
  const fs::path photos = tablet() / "tablet-photos";
  const auto photoFiles = [&] {
    std::vector<fs::path> files;
    if (fs::exists(photos))
      for (const auto& entry : fs::directory_iterator(photos)) files.push_back(entry.path());
    return files;
  };
  FormController form;
  form.setSession(&session);
  ASSERT_TRUE(form.startNew(QStringLiteral("photo_check"))) << form.openError().toStdString();
  ASSERT_TRUE(form.attachPhoto(QStringLiteral("secret_photo"),
                               QString::fromStdString(cameraPicture(QStringLiteral("INJURY"), 11))))
      << form.saveError().toStdString();
  ASSERT_EQ(photoFiles().size(), 1u);
  const fs::path secretFile = photoFiles().front();
  const std::string secret = crypto::readProtectedFile(secretFile.string());
  ASSERT_GT(secret.size(), 1000u);
  ASSERT_TRUE(form.attachPhoto(QStringLiteral("plain_photo"),
                               QString::fromStdString(cameraPicture(QStringLiteral("HOUSE"), 29))))
      << form.saveError().toStdString();
  ASSERT_TRUE(form.finalize()) << form.saveError().toStdString();

  EXPECT_FALSE(fs::exists(secretFile)) << "the clear photo is still kept";
  std::string readable;  // every photo file as the tablet itself can read it
  int sealed = 0;
  for (const auto& file : photoFiles()) {
    const std::string bytes = crypto::readProtectedFile(file.string());
    if (sealing::isSealedPhoto(bytes)) ++sealed;
    readable += bytes;
  }
  EXPECT_EQ(sealed, 1);
  EXPECT_NE(readable.find("\xFF\xD8\xFF"), std::string::npos) << "the ordinary photo is readable";
  const std::string written = allBytesUnder(tablet()) + readable;
  // From past the JPEG headers, which every photo of this encoder shares.
  for (std::size_t at = 1024; at + 48 <= secret.size(); at += secret.size() / 16)
    EXPECT_EQ(written.find(secret.substr(at, 48)), std::string::npos)
        << "the sealed photo is readable (bytes at " << at << ")";
}

// Between enrolment and the first sign-in the device secret is encrypted already (the enrolment
// made the data key and wrapped it with the server's escrow key), also when the app restarts in
// between; the first user, new to the tablet, then signs in online through the escrow key, and a
// second new user after another restart too. Offline, a new user is told the server cannot be
// reached.
TEST_F(AtRestTest, TheDeviceSecretIsNotInClearBeforeTheFirstSignInAndNewUsersSignInAfterARestart) {
  phum::testing::ServerProcess server(serverDir(), {});
  ASSERT_NO_FATAL_FAILURE(addUser("sokha"));
  ASSERT_NO_FATAL_FAILURE(addUser("dara"));
  const std::string secret = enrol(server.url());
  ASSERT_EQ(secret.size(), 64u);
  EXPECT_EQ(allBytesUnder(tablet()).find(secret), std::string::npos)
      << "the device secret is in clear after enrolment";

  crypto::forgetAllKeys();  // the app restarts before anyone signed in
  EXPECT_EQ(allBytesUnder(tablet()).find(secret), std::string::npos);
  const auto offline = signInOnline(
      QString::fromStdString(dataPath()), QStringLiteral("http://127.0.0.1:9"), QString(),
      QStringLiteral("sokha"), QString::fromLatin1(kPassword), QStringLiteral("2580"));
  EXPECT_EQ(offline.failure, AccountsFailure::Unreachable) << offline.detail.toStdString();
  auto first = signIn(server.url(), QStringLiteral("sokha"));
  ASSERT_TRUE(first.ok()) << first.detail.toStdString();

  crypto::forgetAllKeys();  // restarted again: dara never signed in here, nobody unlocked
  auto wrongPassword = signInOnline(
      QString::fromStdString(dataPath()), QString::fromStdString(server.url()), QString(),
      QStringLiteral("dara"), QStringLiteral("not dara's password"), QStringLiteral("2580"));
  EXPECT_EQ(wrongPassword.failure, AccountsFailure::Refused);
  EXPECT_EQ(wrongPassword.httpStatus, 401);
  auto second = signIn(server.url(), QStringLiteral("dara"));
  ASSERT_TRUE(second.ok()) << second.detail.toStdString();
  AppConfig config;
  config.dataPath = QString::fromStdString(dataPath());
  config.serverUrl = QString::fromStdString(server.url());
  Session session(config);
  ASSERT_TRUE(session.storeOpen()) << session.storeError().toStdString();
  EXPECT_EQ(session.user(), QStringLiteral("dara"));
  EXPECT_EQ(allBytesUnder(tablet()).find(secret), std::string::npos);
}

// A found tablet whose device was revoked while it was lost is enrolled again before anyone
// unlocked it since the app started (its records stayed): the app shows enrolment, then the
// sign-in page; while it is locked no file holds the new device secret (sealed to the store's
// public key), and once the user signs in the record finalized before goes out with it.
TEST_F(AtRestTest, ATabletReEnrolledWhileLockedKeepsTheNewSecretSealedAndSyncsAfterSignIn) {
  phum::testing::ServerProcess server(serverDir(), {});
  ASSERT_NO_FATAL_FAILURE(enrolAndSignIn(server.url()));
  AppConfig config;
  config.dataPath = QString::fromStdString(dataPath());
  config.serverUrl = QString::fromStdString(server.url());
  config.autoSyncSeconds = 3600;
  std::string oldDevice;
  {
    Session session(config);
    testing::installMissionForms(*session.store(), PHUM_SOURCE_DIR);
    ASSERT_NO_FATAL_FAILURE(registration(session, QStringLiteral("Chanthou Meas")));
    AccountsController accounts;
    accounts.setSession(&session);
    accounts.signOut();  // locked by hand: the data key leaves memory
    oldDevice = session.deviceId().toStdString();
  }
  ASSERT_EQ(
      phum::testing::runAdmin({"devices", "revoke", oldDevice, "--data", serverDir()}).exitCode, 0);
  Session session(config);  // the app started again; the feed brings the revocation
  phum::v1::Revocation revocation;
  revocation.set_device_id(oldDevice);
  ASSERT_TRUE(session.accounts()->applyRevocation(revocation));
  ASSERT_TRUE(session.dataLocked());
  AccountsController accounts;
  accounts.setSession(&session);
  ASSERT_EQ(accounts.step(), QStringLiteral("enrol"));
  const auto finish = [&] {
    QSignalSpy done(&accounts, &AccountsController::busyChanged);
    while (accounts.busy()) ASSERT_TRUE(done.wait(60000));
  };
  auto code = phum::testing::runAdmin(
      {"devices", "enroll-code", "--name", "found tablet", "--data", serverDir()});
  ASSERT_EQ(code.exitCode, 0) << code.err;
  accounts.enrol(QString::fromStdString(code.out.substr(0, code.out.find('\n'))));
  ASSERT_NO_FATAL_FAILURE(finish());
  EXPECT_FALSE(accounts.messageIsProblem()) << accounts.message().toStdString();
  EXPECT_EQ(accounts.step(), QStringLiteral("newUser"));  // sign in with the password
  EXPECT_TRUE(session.dataLocked());
  const std::string whileLocked = allBytesUnder(tablet());

  accounts.signIn(QStringLiteral("sokha"), QString::fromLatin1(kPassword), QStringLiteral("2580"),
                  QStringLiteral("2580"));
  ASSERT_NO_FATAL_FAILURE(finish());
  ASSERT_EQ(accounts.step(), QStringLiteral("signedIn")) << accounts.message().toStdString();
  const std::string secret = session.store()->syncValue(store::kDeviceSecretKey).value_or("");
  ASSERT_EQ(secret.size(), 64u);
  EXPECT_NE(session.deviceId().toStdString(), oldDevice);
  EXPECT_EQ(whileLocked.find(secret), std::string::npos) << "the new secret is in clear";
  SyncController sync;
  QSignalSpy finished(&sync, &SyncController::finished);
  sync.setSession(&session);  // signed in: a sync starts by itself
  if (!sync.running()) {
    ASSERT_TRUE(sync.start()) << sync.lastError().toStdString();
  }
  ASSERT_TRUE(finished.wait(60000)) << "sync did not finish";
  EXPECT_EQ(sync.lastError(), QString()) << sync.lastError().toStdString();
  EXPECT_EQ(sync.sent(), 1);
  EXPECT_EQ(allBytesUnder(tablet()).find(secret), std::string::npos);
}

// A revoked tablet learns it at its next sync (403 device_revoked) and erases itself: database,
// write-ahead log, photos, key wraps, tokens and the device secret; the sign-in flow is back at
// enrolment.
TEST_F(AtRestTest, ARevokedTabletErasesItsDataAndKeysAndReturnsToEnrolment) {
  phum::testing::ServerProcess server(serverDir(), {});
  ASSERT_NO_FATAL_FAILURE(enrolAndSignIn(server.url()));
  AppConfig config;
  config.dataPath = QString::fromStdString(dataPath());
  config.serverUrl = QString::fromStdString(server.url());
  Session session(config);
  AccountsController accounts;
  accounts.setSession(&session);
  ASSERT_EQ(accounts.step(), QStringLiteral("signedIn"));
  testing::installMissionForms(*session.store(), PHUM_SOURCE_DIR);
  ASSERT_NO_FATAL_FAILURE(registration(session, QStringLiteral("Chanthou Meas")));
  SyncController sync;
  sync.setSession(&session);
  const auto runSync = [&] {
    QSignalSpy finished(&sync, &SyncController::finished);
    ASSERT_TRUE(sync.start());
    ASSERT_TRUE(finished.wait(60000)) << "sync did not finish";
  };
  ASSERT_NO_FATAL_FAILURE(runSync());
  ASSERT_EQ(sync.sent(), 1) << sync.lastError().toStdString();

  const auto revoked = phum::testing::runAdmin(
      {"devices", "revoke", session.deviceId().toStdString(), "--data", serverDir()});
  ASSERT_EQ(revoked.exitCode, 0) << revoked.err;
  ASSERT_NO_FATAL_FAILURE(registration(session, QStringLiteral("Sophal Ny")));  // not yet sent
  ASSERT_NO_FATAL_FAILURE(runSync());
  EXPECT_EQ(sync.lastError(), QString()) << sync.lastError().toStdString();

  EXPECT_EQ(accounts.step(), QStringLiteral("enrol"));  // the enrolment page is what shows
  EXPECT_NE(accounts.message().indexOf(QStringLiteral("revoked")), -1)
      << accounts.message().toStdString();
  EXPECT_EQ(session.user(), QString());
  ASSERT_TRUE(session.storeOpen());
  EXPECT_TRUE(session.store()->listRecords().empty());
  EXPECT_FALSE(session.accounts()->isEnrolled());
  EXPECT_TRUE(session.accounts()->listUsers().empty());
  EXPECT_EQ(session.store()->dataKeyId(), "");
  const std::string left = allBytesUnder(tablet());
  for (const char* value : {"Chanthou Meas", "Sophal Ny", "sokha", "accounts.escrow_wrap"})
    EXPECT_EQ(left.find(value), std::string::npos) << value << " is still on the tablet";
}

}  // namespace
}  // namespace phum::app

int main(int argc, char** argv) {
  // The photo is drawn and scaled with QtGui; no screen (also when ctest lists the tests).
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication app(argc, argv);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
