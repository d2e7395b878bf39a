// Starts the real Main.qml offscreen on a tablet store holding one sent, one waiting, one refused
// and one returned record, and saves 1280x800 screenshots of the home screen, the records list,
// the correction and read-only views, and the forms, in Khmer and in English:
//   app_screenshot BUILD_DIR  ->  BUILD_DIR/screenshot-{main,new,records,records-drafts,settings,
//   settings-more,correction,flagged,view}-{km,en}[-800x1280].png and screenshot-form-*.png
// Then the sign-in screens: enrolment on a new tablet, and (with the test sync server built) the
// user list, the PIN page after a wrong PIN and the password page on a tablet where sokha signed
// in before:  screenshot-{enrol,users,pin,signin}-{km,en}.png
// Fails if the window cannot be created, a QML warning is printed, or a PNG cannot be written.
#include <QtQml/qqmlextensionplugin.h>

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <exception>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "accounts/device_accounts.h"
#include "app_config.h"
#include "language.h"
#include "mission_forms.h"
#include "server_fixture.h"
#include "session.h"
#include "store/local_store.h"
#include "sync/sync_client.h"

Q_IMPORT_QML_PLUGIN(PhumPlugin)

namespace {

int qmlWarnings = 0;
// Records of the store filled by fillStore(), opened by the record screens.
QString returnedUuid;
QString sentUuid;

void countWarnings(QtMsgType type, const QMessageLogContext&, const QString& message) {
  if (type != QtDebugMsg && type != QtInfoMsg) ++qmlWarnings;
  std::fprintf(stderr, "%s\n", qPrintable(message));
}

phum::v1::Record quickRegistration(const char* name, const char* sex, int age,
                                   const char* village) {
  phum::v1::Record record;
  record.set_form_id("quick_registration");
  record.set_form_version("1");
  record.set_author("sokha");
  record.set_location_code(village);
  auto* answers = record.mutable_answers();
  auto add = [answers](const char* field) {
    auto* answer = answers->add_answers();
    answer->set_name(field);
    return answer->mutable_value();
  };
  add("respondent_name")->set_text(name);
  add("sex")->set_text(sex);
  add("age")->set_integer(age);
  add("village_code")->set_text(village);
  return record;
}

void fillStore(const QString& path) {
  auto store = phum::store::LocalStore::open(path.toStdString());
  phum::app::testing::installMissionForms(*store, PHUM_SOURCE_DIR);
  const auto sent = store->saveRecord(quickRegistration("សុខ ចាន់ធី", "female", 34, "02030405"));
  const auto refused = store->saveRecord(quickRegistration("Dara Keo", "male", 19, "12010299"));
  store->saveRecord(quickRegistration("ស្រីមុំ ហេង", "female", 27, "12010203"));
  store->markSent(*phum::Uuid::fromBytes(sent.uuid()), sent.revision());
  store->markRejected(*phum::Uuid::fromBytes(refused.uuid()), refused.revision(),
                      "Village 12010299 is outside your area. Check the village code.");
  // A record a reviewer returned with a comment and a question marked.
  const auto returned = store->saveRecord(quickRegistration("ចាន់ សុភាព", "male", 71, "12010203"));
  const auto returnedId = *phum::Uuid::fromBytes(returned.uuid());
  store->markSent(returnedId, returned.revision());
  phum::v1::ChangeBatch reviews;
  for (const auto& [outcome, comment, field] :
       std::vector<std::tuple<phum::v1::ReviewOutcome, std::string, std::string>>{
           {phum::v1::REVIEW_OUTCOME_RETURNED,
            "សូមពិនិត្យអាយុម្តងទៀតជាមួយអត្តសញ្ញាណប័ណ្ណ។ Please check the age on the ID card.", ""},
           {phum::v1::REVIEW_OUTCOME_COMMENT, "Age 71 but working abroad?", "age"}}) {
    auto* change = reviews.add_changes();
    change->set_seq(static_cast<std::uint64_t>(1000 + reviews.changes_size()));
    auto* review = change->mutable_review();
    review->set_record_uuid(returned.uuid());
    review->set_revision(returned.revision());
    review->set_outcome(outcome);
    review->set_reviewer("Channary");
    review->set_comment(comment);
    review->set_field(field);
  }
  reviews.set_next_cursor(1002);
  store->applyChanges(reviews);
  // A household interview kept for later on its "Household" page, for the drafts filter.
  phum::v1::AnswerSet answers;
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"consent", "yes"}, {"province", "01"}, {"respondent_name", "ហេង សុវណ្ណ"}}) {
    auto* answer = answers.add_answers();
    answer->set_name(name);
    answer->mutable_value()->set_text(value);
  }
  phum::store::Draft draft;
  draft.id = phum::Uuid::generate();
  draft.recordUuid = phum::Uuid::generate();
  draft.formId = "household_survey";
  draft.formVersion = "2026112801";
  draft.author = "sokha";
  draft.page = "household";
  draft.createdAtMs = draft.updatedAtMs = QDateTime::currentMSecsSinceEpoch() - 3'600'000;
  draft.answers = answers.SerializeAsString();
  store->saveDraft(draft);
  returnedUuid = QString::fromStdString(returnedId.toString());
  sentUuid = QString::fromStdString(phum::Uuid::fromBytes(sent.uuid())->toString());
}

// Lets bindings and layout settle and waits for the page transition to end before grabbing.
void settle(QQuickWindow* window) {
  auto* shell = window->findChild<QObject*>(QStringLiteral("appShell"));
  auto* stack = shell ? shell->property("stack").value<QObject*>() : nullptr;
  QElapsedTimer waited;
  waited.start();
  do {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
  } while (stack && stack->property("busy").toBool() && waited.elapsed() < 10000);
  // Nested layouts (a Loader's page inside the sign-in card) can take a few polish passes.
  for (int pass = 0; pass < 5; ++pass) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

bool save(QQuickWindow* window, const QDir& outDir, const QString& name) {
  settle(window);
  const QImage image = window->grabWindow();
  const QString path = outDir.filePath(name);
  if (image.size() != window->size() || !image.save(path)) {
    std::fprintf(stderr, "app_screenshot: could not write %s (%dx%d)\n", qPrintable(path),
                 image.width(), image.height());
    return false;
  }
  std::printf("app_screenshot: wrote %s\n", qPrintable(path));
  return true;
}

bool clickButton(QObject* root, const char* objectName) {
  auto* button = root->findChild<QObject*>(QString::fromLatin1(objectName));
  if (!button) {
    std::fprintf(stderr, "app_screenshot: no %s on screen\n", objectName);
    return false;
  }
  return QMetaObject::invokeMethod(button, "clicked");
}

std::unique_ptr<QQmlApplicationEngine> loadApp(const phum::app::AppConfig& config) {
  phum::app::Session::setStartupConfig(config);
  auto engine = std::make_unique<QQmlApplicationEngine>();
  engine->addImportPath(QStringLiteral("qrc:/"));
  engine->load(QUrl(QStringLiteral("qrc:/Phum/qml/Main.qml")));
  if (engine->rootObjects().isEmpty()) return nullptr;
  return engine;
}

QQuickWindow* windowOf(QQmlApplicationEngine& engine) {
  return qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
}

phum::app::Language* languageOf(QQmlApplicationEngine& engine) {
  return engine.singletonInstance<phum::app::Language*>(qmlTypeId("Phum", 1, 0, "Language"));
}

QObject* accountsOf(QQuickWindow* window) {
  auto* shell = window->findChild<QObject*>(QStringLiteral("appShell"));
  return shell ? shell->property("accounts").value<QObject*>() : nullptr;
}

bool tapItem(QQuickWindow* window, const char* objectName);
QQuickItem* findItem(QQuickItem* item, const QString& name);

// The home screen, the form chooser and the records list; then a returned record opened for
// correction (comment and marked question) and a sent one read-only, in Khmer and English:
//   screenshot-{main,new,records,correction,flagged,view}-{km,en}.png
bool shootRecords(QQmlApplicationEngine& engine, const QDir& outDir) {
  auto* window = windowOf(engine);
  auto* language = languageOf(engine);
  auto* shell = window ? window->findChild<QObject*>(QStringLiteral("appShell")) : nullptr;
  if (!shell || !language) return false;
  bool ok = true;
  // Landscape keeps the plain names; the portrait tablet adds "-800x1280".
  for (const QSize size : {QSize(1280, 800), QSize(800, 1280)}) {
    window->resize(size);
    const QString suffix = size.width() > size.height() ? QString() : QStringLiteral("-800x1280");
    const auto shot = [&](const char* screen, const char* code) {
      return save(window, outDir,
                  QStringLiteral("screenshot-%1-%2%3.png").arg(screen, code, suffix));
    };
    for (const char* code : {"km", "en"}) {
      language->setCode(QString::fromLatin1(code));
      ok = shot("main", code) && ok;
      ok = clickButton(window, "newRecordButton") && ok;
      ok = shot("new", code) && ok;
      QMetaObject::invokeMethod(shell, "goHome");
      QMetaObject::invokeMethod(shell, "showRecords");
      ok = shot("records", code) && ok;
      ok = tapItem(window, "stateFilter:drafts") && ok;
      ok = shot("records-drafts", code) && ok;
      QMetaObject::invokeMethod(shell, "goHome");
      QMetaObject::invokeMethod(shell, "showSettings");
      ok = shot("settings", code) && ok;
      if (auto* page = findItem(window->contentItem(), QStringLiteral("settingsFlick"))) {
        // The rest of the page: photos, account, versions.
        page->setProperty(
            "contentY", std::max(0.0, page->property("contentHeight").toDouble() - page->height()));
        ok = shot("settings-more", code) && ok;
      } else {
        ok = false;
      }
      QMetaObject::invokeMethod(shell, "goHome");
      settle(window);
    }
    for (const char* code : {"km", "en"}) {
      language->setCode(QString::fromLatin1(code));
      QMetaObject::invokeMethod(shell, "correctRecord", Q_ARG(QVariant, returnedUuid));
      ok = shot("correction", code) && ok;
      ok = tapItem(window, "firstFlagButton") && ok;
      ok = shot("flagged", code) && ok;
      QMetaObject::invokeMethod(shell, "goHome");
      QMetaObject::invokeMethod(shell, "viewRecord", Q_ARG(QVariant, sentUuid));
      ok = shot("view", code) && ok;
      QMetaObject::invokeMethod(shell, "goHome");
      settle(window);
    }
  }
  window->resize(QSize(1280, 800));
  return ok;
}

// Items in list delegates are not QObject children of the window: searched among visual children.
QQuickItem* findItem(QQuickItem* item, const QString& name) {
  if (!item) return nullptr;
  if (item->objectName() == name) return item;
  for (auto* child : item->childItems()) {
    if (auto* found = findItem(child, name)) return found;
  }
  return nullptr;
}

bool tapItem(QQuickWindow* window, const char* objectName) {
  auto* button = findItem(window->contentItem(), QString::fromLatin1(objectName));
  if (!button) {
    std::fprintf(stderr, "app_screenshot: no %s on screen\n", objectName);
    return false;
  }
  return QMetaObject::invokeMethod(button, "clicked");
}

// Answers given before the pages are shot, so that pages behind relevance and repeats show.
const std::map<QString, std::vector<std::pair<QString, QString>>>& formAnswers() {
  static const std::map<QString, std::vector<std::pair<QString, QString>>> answers{
      {"quick_registration", {}},
      {"household_survey",
       {{"consent", "yes"},
        {"province", "01"},
        {"district", "0102"},
        {"hh_size", "2"},
        {"member[1]/member_name", "សុខា"},
        {"member[1]/age", "45"},
        {"member[1]/is_migrant", "yes"},
        {"member[2]/member_name", "Dara"}}},
      {"returnee_registration",
       {{"consent", "yes"}, {"age", "16"}, {"documents_holder", "employer"}}},
      {"trafficking_case_report",
       {{"victim_age", "16"}, {"con_Consent", "TRUE"}, {"guardian_consent", "TRUE"}}},
      {"agency_complaint",
       {{"consent", "yes"}, {"complainant_role", "family"}, {"issues", "passport_confiscation"}}},
  };
  return answers;
}

// Every page of every mission form with Finalize tried (every problem showing: the longest the
// pages get), in Khmer and English, on a 1280x800 and an 800x1280 screen:
//   screenshot-form-<form>-p<N>-<lang>-<W>x<H>.png (N = pageCount + 1 is the finish page)
bool shootFormPages(QQmlApplicationEngine& engine, const QDir& outDir) {
  auto* window = windowOf(engine);
  auto* language = languageOf(engine);
  auto* shell = window ? window->findChild<QObject*>(QStringLiteral("appShell")) : nullptr;
  if (!shell || !language) return false;
  bool ok = true;
  for (const QSize size : {QSize(1280, 800), QSize(800, 1280)}) {
    window->resize(size);
    for (const char* code : {"km", "en"}) {
      language->setCode(QString::fromLatin1(code));
      for (const auto& [formId, answers] : formAnswers()) {
        QMetaObject::invokeMethod(shell, "startForm", Q_ARG(QVariant, formId));
        settle(window);
        auto* stack = shell->property("stack").value<QObject*>();
        auto* page = stack->property("currentItem").value<QObject*>();
        auto* form = page ? page->property("controller").value<QObject*>() : nullptr;
        if (!form || !form->property("isOpen").toBool()) {
          std::fprintf(stderr, "app_screenshot: form %s did not open\n", qPrintable(formId));
          return false;
        }
        for (const auto& [path, value] : answers)
          QMetaObject::invokeMethod(form, "setAnswer", Q_ARG(QString, path), Q_ARG(QString, value));
        QMetaObject::invokeMethod(form, "finalize");
        const int pages = form->property("pageCount").toInt() + 1;
        for (int n = 1; n <= pages; ++n) {
          QMetaObject::invokeMethod(form, "goToPage", Q_ARG(int, n));
          ok = save(window, outDir,
                    QStringLiteral("screenshot-form-%1-p%2-%3-%4x%5.png")
                        .arg(formId)
                        .arg(n)
                        .arg(QString::fromLatin1(code))
                        .arg(size.width())
                        .arg(size.height())) &&
               ok;
        }
        if (formId == QLatin1String("returnee_registration")) {
          // The calendar, opened under the first question.
          QMetaObject::invokeMethod(form, "goToPage", Q_ARG(int, 1));
          settle(window);
          ok = tapItem(window, "pickDate:registration_date") &&
               save(window, outDir,
                    QStringLiteral("screenshot-form-calendar-%1-%2x%3.png")
                        .arg(QString::fromLatin1(code))
                        .arg(size.width())
                        .arg(size.height())) &&
               ok;
        }
        QMetaObject::invokeMethod(form, "deleteDraft");
        QMetaObject::invokeMethod(shell, "goHome");
        settle(window);
      }
    }
  }
  window->resize(QSize(1280, 800));
  return ok;
}

// A new tablet, not enrolled yet: the first screen anyone sees.
bool shootEnrolment(const QDir& outDir, const QString& dataPath) {
  phum::app::AppConfig config;
  config.dataPath = dataPath;
  config.serverUrl = QStringLiteral("https://phum.example.org");
  auto engine = loadApp(config);
  if (!engine || !windowOf(*engine) || !languageOf(*engine)) return false;
  bool ok = true;
  for (const char* code : {"km", "en"}) {
    languageOf(*engine)->setCode(QString::fromLatin1(code));
    ok = save(windowOf(*engine), outDir, QStringLiteral("screenshot-enrol-%1.png").arg(code)) && ok;
  }
  return ok;
}

constexpr const char* kPassword = "field-pass-2026";

// The administrator's steps and sokha's first sign-in (PIN 2580), then the tablet is locked.
void prepareSignedInTablet(const std::string& serverDir, const std::string& serverUrl,
                           const QString& dataPath) {
  const auto code = phum::testing::runAdmin(
      {"devices", "enroll-code", "--data", serverDir, "--name", "screenshot tablet"});
  if (code.exitCode != 0) throw std::runtime_error("enroll-code failed: " + code.err);
  auto store = phum::store::LocalStore::open(dataPath.toStdString());
  phum::accounts::DeviceAccounts accounts(dataPath.toStdString());
  phum::sync::SyncConfig config;
  config.serverUrl = serverUrl;
  phum::sync::SyncClient client(*store, config);
  accounts.enroll(client, code.out.substr(0, code.out.find('\n')), "screenshot tablet");
  accounts.firstSignIn(client, "sokha", kPassword, "2580");
  accounts.signOut();
}

void waitUntilIdle(QObject* accounts) {
  QElapsedTimer waited;
  waited.start();
  while (accounts->property("busy").toBool() && waited.elapsed() < 30000)
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

// The user list, the PIN page after a wrong PIN, and the password page with its first message.
bool shootSignIn(const QDir& outDir, const QString& dataPath, const QDir& serverRoot) {
  const std::string serverDir = serverRoot.filePath(QStringLiteral("server")).toStdString();
  const auto added = phum::testing::runAdmin({"users", "add", "--data", serverDir, "--username",
                                              "sokha", "--role", "enumerator", "--scope", "0102"},
                                             std::string(kPassword) + "\n");
  if (added.exitCode != 0) throw std::runtime_error("users add failed: " + added.err);
  phum::testing::ServerProcess server(serverDir, {});
  prepareSignedInTablet(serverDir, server.url(), dataPath);
  phum::app::AppConfig config;
  config.dataPath = dataPath;
  config.serverUrl = QString::fromStdString(server.url());
  auto engine = loadApp(config);
  auto* window = engine ? windowOf(*engine) : nullptr;
  auto* accounts = window ? accountsOf(window) : nullptr;
  if (!accounts || !languageOf(*engine)) return false;
  bool ok = true;
  for (const char* code : {"km", "en"}) {
    languageOf(*engine)->setCode(QString::fromLatin1(code));
    ok = save(window, outDir, QStringLiteral("screenshot-users-%1.png").arg(code)) && ok;
    // Through the controller, as the buttons do: items made by a Repeater or a Loader are not
    // QObject children of the window, so findChild cannot reach them.
    QMetaObject::invokeMethod(accounts, "chooseUser", Q_ARG(QString, QStringLiteral("sokha")));
    QMetaObject::invokeMethod(accounts, "unlock", Q_ARG(QString, QStringLiteral("1397")));
    waitUntilIdle(accounts);
    ok = save(window, outDir, QStringLiteral("screenshot-pin-%1.png").arg(code)) && ok;
    QMetaObject::invokeMethod(accounts, "startOnlineSignIn",
                              Q_ARG(QString, QStringLiteral("sokha")));
    QMetaObject::invokeMethod(accounts, "signIn", Q_ARG(QString, QStringLiteral("sokha")),
                              Q_ARG(QString, QString()), Q_ARG(QString, QString()),
                              Q_ARG(QString, QString()));
    ok = save(window, outDir, QStringLiteral("screenshot-signin-%1.png").arg(code)) && ok;
    QMetaObject::invokeMethod(accounts, "backToUsers");
  }
  // Signed in with the PIN: the header with the Lock button.
  QMetaObject::invokeMethod(accounts, "chooseUser", Q_ARG(QString, QStringLiteral("sokha")));
  QMetaObject::invokeMethod(accounts, "unlock", Q_ARG(QString, QStringLiteral("2580")));
  waitUntilIdle(accounts);
  ok = save(window, outDir, QStringLiteral("screenshot-signed-in-en.png")) && ok;
  return ok;
}

}  // namespace

int main(int argc, char* argv[]) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication app(argc, argv);
  if (argc < 2) {
    std::fprintf(stderr, "usage: app_screenshot OUTPUT_DIR\n");
    return 2;
  }
  const QDir outDir(QString::fromLocal8Bit(argv[1]));
  QTemporaryDir dataDir;
  phum::app::AppConfig config;
  config.dataPath = dataDir.filePath(QStringLiteral("tablet.sqlite"));
  config.user = QStringLiteral("sokha");
  try {
    fillStore(config.dataPath);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "app_screenshot: cannot prepare the store: %s\n", error.what());
    return 1;
  }
  phum::app::Language::setStartupCode(QStringLiteral("km"));
  qInstallMessageHandler(countWarnings);
  QQuickStyle::setStyle(QStringLiteral("Basic"));

  bool ok = false;
  try {
    auto engine = loadApp(config);
    ok = engine && shootRecords(*engine, outDir);
    ok = engine && shootFormPages(*engine, outDir) && ok;
    engine.reset();
    ok = shootEnrolment(outDir, dataDir.filePath(QStringLiteral("new-tablet.sqlite"))) && ok;
    ok = shootSignIn(outDir, dataDir.filePath(QStringLiteral("shared-tablet.sqlite")),
                     QDir(dataDir.path())) &&
         ok;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "app_screenshot: %s\n", error.what());
    ok = false;
  }
  if (qmlWarnings > 0) {
    std::fprintf(stderr, "app_screenshot: %d warnings while rendering (see above)\n", qmlWarnings);
    ok = false;
  }
  return ok ? 0 : 1;
}
