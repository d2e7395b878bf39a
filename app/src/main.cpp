// phum-app --data FILE --server URL --user NAME [--device ID] [--lang km|en]
#include <QtQml/qqmlextensionplugin.h>

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QUrl>
#include <cstdio>
#include <stdexcept>

#include "app_config.h"
#include "field_capture.h"
#include "language.h"
#include "session.h"

Q_IMPORT_QML_PLUGIN(PhumPlugin)

int main(int argc, char* argv[]) {
  // Read the options before the GUI starts, so a wrong command line is explained even without a
  // display.
  QStringList arguments;
  for (int i = 0; i < argc; ++i) arguments << QString::fromLocal8Bit(argv[i]);
  phum::app::AppConfig config;
  try {
    config = phum::app::parseAppConfig(arguments);
  } catch (const std::invalid_argument& error) {
    std::fprintf(stderr, "phum-app: %s\n", error.what());
    return 2;
  }

  QGuiApplication app(argc, argv);
  QGuiApplication::setApplicationName(QStringLiteral("phum-app"));
  phum::app::Session::setStartupConfig(config);
  phum::app::Language::setStartupCode(config.language);
  phum::app::FieldCapture::setStartup(config.positionSource, config.pictureFolder);

  // Our components draw their own large touch targets; the Basic style lets them.
  QQuickStyle::setStyle(QStringLiteral("Basic"));
  QQmlApplicationEngine engine;
  engine.addImportPath(QStringLiteral("qrc:/"));
  engine.load(QUrl(QStringLiteral("qrc:/Phum/qml/Main.qml")));
  if (engine.rootObjects().isEmpty()) return 1;
  return QGuiApplication::exec();
}
