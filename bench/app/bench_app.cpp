// The tablet app with 100,000 records in its store, offscreen. Each row of the table is measured
// next to a baseline in the same run:
//   cold start to home        the real Main.qml until the home screen is laid out (baseline: the
//                             same with an empty store);
//   filter the records list   RecordListModel, filters and search in SQL, first page (baseline:
//                             reading every summary, as the list did before, and filtering in C++);
//   open the household form   FormController::startNew (baseline: the quick registration);
//   one answer, 30 members    FormController::setAnswer in a household of 30 (engine, the page's
//                             rows, the draft handed to its writer; baseline: a household of 1).
// Aims (issue 10): 1.5 s, 50 ms, 200 ms, 16 ms.  Usage: bench_app [RECORDS]
#include <QtQml/qqmlextensionplugin.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app_config.h"
#include "core/uuid.h"
#include "form_controller.h"
#include "language.h"
#include "mission_forms.h"
#include "record_list_model.h"
#include "session.h"
#include "sqlite/sqlite_db.h"
#include "store/local_store.h"

Q_IMPORT_QML_PLUGIN(PhumPlugin)

namespace {

using phum::app::AppConfig;
using phum::app::FormController;
using phum::app::RecordListModel;
using phum::app::Session;

constexpr const char* kForms[] = {"quick_registration", "household_survey", "returnee_registration",
                                  "trafficking_case_report", "agency_complaint"};
constexpr const char* kNames[] = {"សុខ ចាន់ធី",  "Dara Keo",   "ស្រីមុំ ហេង", "Sophea Lim",
                                  "ចាន់ សុភាព", "Vanna Phan", "រតនា សួន", "Bopha Chhay"};

// The store made by the app (its schema and migrations), then `count` records written in one
// transaction straight into SQLite: 100,000 saves through the store would be 100,000 fsyncs.
void fillStore(const std::string& path, int count) {
  {
    auto store = phum::store::LocalStore::open(path);
    phum::app::testing::installMissionForms(*store, PHUM_SOURCE_DIR);
  }
  phum::sqlite::Database db(path);
  phum::sqlite::WriteTransaction tx(db);
  auto insert = db.prepare(
      "INSERT INTO records (uuid, form_id, form_version, revision, created_at_ms, updated_at_ms, "
      "author, location_code, title, body, state, last_error, last_error_code, review_outcome) "
      "VALUES (?1, ?2, '1', 1, ?3, ?3, ?4, '12010203', ?5, x'', ?6, '', 0, ?7)");
  const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
  for (int i = 0; i < count; ++i) {
    const int kind = i % 100;
    const char* state = kind < 90 ? "sent" : kind < 96 ? "queued" : kind < 98 ? "rejected" : "sent";
    insert.bindBlob(1, phum::Uuid::generate().toBytes())
        .bind(2, kForms[i % 5])
        .bind(3, now - std::int64_t{i} * 300'000)  // one every 5 minutes, a year back
        .bind(4, i % 10 == 0 ? "vanna" : "sokha")  // a shared tablet
        .bind(5, std::string(kNames[i % 8]) + " " + std::to_string(i))
        .bind(6, state)
        .bind(7, std::int64_t{kind >= 98 ? 2 : 0});  // 2 %: returned for correction
    insert.run();
    insert.reset();
  }
  tx.commit();
}

struct Timing {
  double median = 0, worst = 0;
};

Timing measure(int runs, const std::function<void()>& work) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    QElapsedTimer timer;
    timer.start();
    work();
    ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms.back()};
}

void row(const char* what, Timing ours, const char* baselineName, Timing baseline, double aim) {
  std::printf("%-26s %10.2f %10.2f   %-34s %10.2f %10.2f   %8.0f  %s\n", what, ours.median,
              ours.worst, baselineName, baseline.median, baseline.worst, aim,
              ours.median <= aim ? "ok" : "OVER");
}

AppConfig configFor(const QString& path) {
  AppConfig config;
  config.dataPath = path;
  config.user = QStringLiteral("sokha");
  config.deviceId = QStringLiteral("bench-tablet");
  config.language = QStringLiteral("km");
  return config;
}

// Main.qml loaded and the home screen laid out and drawn once.
void coldStart(const QString& path) {
  Session::setStartupConfig(configFor(path));
  QQmlApplicationEngine engine;
  engine.addImportPath(QStringLiteral("qrc:/"));
  engine.load(QUrl(QStringLiteral("qrc:/Phum/qml/Main.qml")));
  if (engine.rootObjects().isEmpty()) throw std::runtime_error("Main.qml did not load");
  auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
  if (!window || window->grabWindow().isNull()) throw std::runtime_error("nothing was drawn");
}

void fillHousehold(FormController& form, int members) {
  form.setAnswer(QStringLiteral("consent"), QStringLiteral("yes"));
  form.setAnswer(QStringLiteral("province"), QStringLiteral("01"));
  form.setAnswer(QStringLiteral("district"), QStringLiteral("0102"));
  form.setAnswer(QStringLiteral("hh_size"), QString::number(members));
  for (int m = 1; m <= members; ++m) {
    const QString at = QStringLiteral("member[%1]/").arg(m);
    form.setAnswer(at + QStringLiteral("member_name"), QStringLiteral("សមាជិក %1").arg(m));
    form.setAnswer(at + QStringLiteral("age"), QString::number(20 + m));
  }
}

// setAnswer on a member's age in a household of `members`, on that member's page.
Timing answerChange(Session& session, int members, int runs) {
  FormController form;
  form.setSession(&session);
  if (!form.startNew(QStringLiteral("household_survey")))
    throw std::runtime_error("household_survey: " + form.openError().toStdString());
  fillHousehold(form, members);
  const int target = (members + 1) / 2;
  form.openEntry(QStringLiteral("member"), target);
  int age = 30;
  const QString path = QStringLiteral("member[%1]/age").arg(target);
  const Timing timing = measure(runs, [&] { form.setAnswer(path, QString::number(++age % 90)); });
  if (form.formSession()->state(path.toStdString()).value != std::to_string(age % 90))
    throw std::runtime_error("the answer to " + path.toStdString() + " was not taken");
  form.deleteDraft();
  return timing;
}

}  // namespace

int main(int argc, char* argv[]) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication app(argc, argv);
  QQuickStyle::setStyle(QStringLiteral("Basic"));
  const int records = argc > 1 ? std::max(1, std::atoi(argv[1])) : 100'000;
  QTemporaryDir dir;
  const QString big = dir.filePath(QStringLiteral("big.sqlite"));
  const QString empty = dir.filePath(QStringLiteral("empty.sqlite"));
  try {
    QElapsedTimer filling;
    filling.start();
    fillStore(big.toStdString(), records);
    fillStore(empty.toStdString(), 0);
    std::printf("bench_app: %d records in the store (filled in %.1f s), offscreen, ms\n\n", records,
                static_cast<double>(filling.elapsed()) / 1000.0);
    phum::app::Language::setStartupCode(QStringLiteral("km"));
    std::printf("%-26s %10s %10s   %-34s %10s %10s   %8s\n", "", "median", "worst", "baseline",
                "median", "worst", "aim");

    const Timing start = measure(5, [&] { coldStart(big); });
    const Timing startEmpty = measure(5, [&] { coldStart(empty); });
    row("cold start to home", start, "the same, empty store", startEmpty, 1500);

    Session session(configFor(big));
    RecordListModel list;
    list.setSession(&session);
    // Each kind of filter on its own, then back to everything; the baseline is the list as it
    // was before schema v7: every summary read, the search done in C++.
    const auto filterBy = [&](const std::function<void(int)>& set) {
      int turn = 0;
      return measure(10, [&] { set(++turn); });
    };
    const Timing search =
        filterBy([&](int turn) { list.setSearch(QStringLiteral("Keo %1").arg(turn)); });
    list.setSearch({});
    const Timing returned = filterBy([&](int turn) {
      list.setStateFilter(turn % 2 ? QStringLiteral("returned") : QStringLiteral("refused"));
    });
    list.setStateFilter({});
    const Timing form = filterBy([&](int turn) {
      list.setFormFilter(turn % 2 ? QStringLiteral("household_survey") : QString());
    });
    list.setFormFilter({});
    const Timing readAll = measure(5, [&] {
      std::size_t kept = 0;
      for (const auto& r : session.store()->listRecords("sokha"))
        kept += r.title.find("Keo 12") != std::string::npos ? 1 : 0;
      if (kept == 0) throw std::runtime_error("the baseline search found nothing");
    });
    row("search the records list", search, "read every summary, filter in C++", readAll, 50);
    row("records returned/refused", returned, "read every summary, filter in C++", readAll, 50);
    row("records of one form", form, "read every summary, filter in C++", readAll, 50);

    const Timing household = measure(10, [&] {
      FormController form;
      form.setSession(&session);
      if (!form.startNew(QStringLiteral("household_survey"))) std::abort();
      form.deleteDraft();
    });
    const Timing quick = measure(10, [&] {
      FormController form;
      form.setSession(&session);
      if (!form.startNew(QStringLiteral("quick_registration"))) std::abort();
      form.deleteDraft();
    });
    row("open the household form", household, "open the quick registration", quick, 200);

    const Timing thirty = answerChange(session, 30, 50);
    const Timing one = answerChange(session, 1, 50);
    row("one answer, 30 members", thirty, "one answer, 1 member", one, 16);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "bench_app: %s\n", error.what());
    return 1;
  }
  return 0;
}
