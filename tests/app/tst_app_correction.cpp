// QtQuickTest runner for correction/tst_correction_loop.qml: the correction loop end to end
// through the screen. A real phum-server in secure mode on 127.0.0.1 with the repository's forms
// published, one enumerator account, and a reviewer who returns records with `phum-admin records
// review`; the tablet enrols, signs in, sends, receives the review, and sends the correction.
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <QQmlContext>
#include <QQmlEngine>
#include <memory>
#include <string>
#include <vector>

#include "app_quick_setup.h"

Q_IMPORT_QML_PLUGIN(PhumPlugin)

// The reviewer's and the administrator's side, for the QML test (phum-admin as a subprocess).
class Office : public QObject {
  Q_OBJECT
  Q_PROPERTY(QString password READ password CONSTANT)

 public:
  explicit Office(std::string serverDir) : serverDir_(std::move(serverDir)) {}
  QString password() const { return QString::fromLatin1(phum::testing::kFieldPassword); }

  Q_INVOKABLE QString enrollCode() const {
    const auto issued = phum::testing::runAdmin(
        {"devices", "enroll-code", "--data", serverDir_, "--name", "correction tablet"});
    if (issued.exitCode != 0) return QStringLiteral("enroll-code failed: ") + issued.err.c_str();
    return QString::fromStdString(issued.out.substr(0, issued.out.find('\n'))).trimmed();
  }

  // "" when the review was recorded, else phum-admin's error.
  Q_INVOKABLE QString review(const QString& uuid, int revision, const QString& decision,
                             const QString& comment, const QString& field) const {
    std::vector<std::string> args{
        "records",    "review",   uuid.toStdString(), "--revision", std::to_string(revision),
        "--reviewer", "Channary", "--data",           serverDir_};
    if (decision == QLatin1String("return")) args.push_back("--return");
    if (!comment.isEmpty() || decision == QLatin1String("comment")) {
      args.push_back("--comment");
      args.push_back(comment.toStdString());
    }
    if (!field.isEmpty()) {
      args.push_back("--field");
      args.push_back(field.toStdString());
    }
    const auto result = phum::testing::runAdmin(args);
    return result.exitCode == 0 ? QString() : QString::fromStdString(result.err);
  }

  // `phum-admin records list --json` as the server has it.
  Q_INVOKABLE QString records() const {
    const auto listed =
        phum::testing::runAdmin({"records", "list", "--json", "--data", serverDir_});
    return QString::fromStdString(listed.exitCode == 0 ? listed.out : listed.err);
  }

 private:
  std::string serverDir_;
};

class Setup : public phum::testing::AppQuickSetup {
 protected:
  void prepareServer() override {
    publishForms({"quick_registration"});
    addFieldUser("sokha", "enumerator", "12");
  }

  void engineReady(QQmlEngine* engine) override {
    if (!office_) office_ = std::make_unique<Office>(serverDir());
    engine->rootContext()->setContextProperty(QStringLiteral("office"), office_.get());
  }

 private:
  std::unique_ptr<Office> office_;
};

QUICK_TEST_MAIN_WITH_SETUP(app_correction, Setup)

#include "tst_app_correction.moc"
