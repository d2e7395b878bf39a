#pragma once
// What every QtQuickTest runner of the app sets up before its QML loads: the Basic style, the
// Phum module, a temporary directory with a real phum-server on 127.0.0.1 (started once, prepared
// with phum-admin as an administrator would), and an empty tablet store per QML file (each
// tst_*.qml gets its own engine, so its own tablet). A runner derives from AppQuickSetup, says how
// the server is prepared and how the tablet starts, and names itself in
// QUICK_TEST_MAIN_WITH_SETUP.
#include <QObject>
#include <QString>
#include <QTemporaryDir>
#include <memory>
#include <string>
#include <vector>

#include "app_config.h"
#include "server_fixture.h"

class QQmlEngine;

namespace phum::testing {

// The password of every field account a runner adds (AppQuickSetup::addFieldUser); the QML gets it
// as `testPassword` where it signs in.
inline constexpr const char* kFieldPassword = "field-pass-2026";

class AppQuickSetup : public QObject {
  Q_OBJECT

 public slots:
  void applicationAvailable();
  void qmlEngineAvailable(QQmlEngine* engine);

 protected:
  AppQuickSetup();

  // phum-admin on this server's storage before it starts (forms, users, reference data).
  virtual void prepareServer() {}
  // phum-server's options beyond the data directory (e.g. {"--open"}).
  virtual std::vector<std::string> serverArgs() const { return {}; }
  virtual FormChecks formChecks() const { return FormChecks::AllRecords; }
  // The tablet of the next QML file (dataPath, serverUrl and language "en" are filled in).
  virtual void configureTablet(app::AppConfig& /*config*/) {}
  // Context properties for the QML file, after the server runs.
  virtual void engineReady(QQmlEngine* /*engine*/) {}

  // Runs phum-admin with `--data` this server; throws std::runtime_error with its error output.
  AdminResult admin(std::vector<std::string> args, const std::string& input = {}) const;
  // phum-admin users add: a field account (role, NIS scope) with kFieldPassword.
  void addFieldUser(const std::string& username, const std::string& role,
                    const std::string& scope) const;
  // kFieldPassword, for a context property.
  static QString fieldPassword() { return QString::fromLatin1(kFieldPassword); }
  // phum-admin forms publish of the repository's forms/NAME.xlsform.md.
  void publishForms(const std::vector<std::string>& names) const;
  // A fresh one-time enrolment code for a tablet.
  QString enrollCode(const std::string& deviceName) const;
  std::string serverDir() const;
  std::string scratchPath(const QString& name) const;
  const ServerProcess& server() const { return *server_; }

  static std::string sourceDir();
  static std::string repositoryForm(const std::string& name);

 private:
  QTemporaryDir dataDir_;
  std::unique_ptr<ServerProcess> server_;
  int engines_ = 0;
};

}  // namespace phum::testing
