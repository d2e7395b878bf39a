#include "app_quick_setup.h"

#include <QQmlEngine>
#include <QQuickStyle>
#include <exception>
#include <stdexcept>

#include "language.h"
#include "session.h"

namespace phum::testing {

AppQuickSetup::AppQuickSetup() = default;

void AppQuickSetup::applicationAvailable() { QQuickStyle::setStyle(QStringLiteral("Basic")); }

void AppQuickSetup::qmlEngineAvailable(QQmlEngine* engine) {
  engine->addImportPath(QStringLiteral("qrc:/"));
  if (!dataDir_.isValid()) qFatal("cannot create a temporary directory for the test store");
  try {
    if (!server_) {
      prepareServer();
      server_ = std::make_unique<ServerProcess>(serverDir(), serverArgs(), formChecks());
    }
  } catch (const std::exception& error) {
    qFatal("cannot prepare the test sync server: %s", error.what());
  }
  app::AppConfig config;
  config.dataPath = dataDir_.filePath(QStringLiteral("tablet-%1.sqlite").arg(++engines_));
  config.serverUrl = QString::fromStdString(server_->url());
  config.language = QStringLiteral("en");
  configureTablet(config);
  app::Session::setStartupConfig(config);
  app::Language::setStartupCode(config.language);
  try {
    engineReady(engine);
  } catch (const std::exception& error) {
    qFatal("cannot prepare the test: %s", error.what());
  }
}

AdminResult AppQuickSetup::admin(std::vector<std::string> args, const std::string& input) const {
  const std::string what = args.size() >= 2 ? args[0] + " " + args[1] : std::string("command");
  args.push_back("--data");
  args.push_back(serverDir());
  auto result = runAdmin(args, input);
  if (result.exitCode != 0)
    throw std::runtime_error("phum-admin " + what + " failed: " + result.err);
  return result;
}

void AppQuickSetup::addFieldUser(const std::string& username, const std::string& role,
                                 const std::string& scope) const {
  admin({"users", "add", "--username", username, "--role", role, "--scope", scope},
        std::string(kFieldPassword) + "\n");
}

void AppQuickSetup::publishForms(const std::vector<std::string>& names) const {
  std::vector<std::string> args{"forms", "publish"};
  for (const auto& name : names) args.push_back(repositoryForm(name));
  admin(args);
}

QString AppQuickSetup::enrollCode(const std::string& deviceName) const {
  const auto issued = admin({"devices", "enroll-code", "--name", deviceName});
  return QString::fromStdString(issued.out.substr(0, issued.out.find('\n'))).trimmed();
}

std::string AppQuickSetup::serverDir() const { return scratchPath(QStringLiteral("server")); }

std::string AppQuickSetup::scratchPath(const QString& name) const {
  return dataDir_.filePath(name).toStdString();
}

std::string AppQuickSetup::sourceDir() { return PHUM_SOURCE_DIR; }

std::string AppQuickSetup::repositoryForm(const std::string& name) {
  return sourceDir() + "/forms/" + name + ".xlsform.md";
}

}  // namespace phum::testing
