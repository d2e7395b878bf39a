#include "app_config.h"

#include <QCommandLineParser>
#include <QProcessEnvironment>
#include <stdexcept>

namespace phum::app {
namespace {

QString optionOrEnv(const QCommandLineParser& parser, const QString& option, const char* envName,
                    const QString& fallback = {}) {
  if (parser.isSet(option)) return parser.value(option);
  const QString fromEnv =
      QProcessEnvironment::systemEnvironment().value(QString::fromLatin1(envName));
  return fromEnv.isEmpty() ? fallback : fromEnv;
}

}  // namespace

AppConfig parseAppConfig(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Phum field data collection"));
  parser.addHelpOption();
  parser.addOptions({
      {QStringLiteral("data"), QStringLiteral("SQLite file for this tablet's records (PHUM_DATA)."),
       QStringLiteral("file")},
      {QStringLiteral("server"), QStringLiteral("Sync server URL (PHUM_SERVER_URL)."),
       QStringLiteral("url")},
      {QStringLiteral("user"),
       QStringLiteral("Preset user for a server in --open mode, skipping sign-in (PHUM_USER)."),
       QStringLiteral("name")},
      {QStringLiteral("enroll-code"),
       QStringLiteral("Administrator's one-time enrolment code for the first start "
                      "(PHUM_ENROLL_CODE)."),
       QStringLiteral("code")},
      {QStringLiteral("ca-file"),
       QStringLiteral("Certificate authorities (PEM) to trust for the https:// server instead of "
                      "the system's (PHUM_CA_FILE)."),
       QStringLiteral("file")},
      {QStringLiteral("device"), QStringLiteral("Enrolled device id (PHUM_DEVICE_ID)."),
       QStringLiteral("id")},
      {QStringLiteral("sync-every"),
       QStringLiteral(
           "Send in the background every N seconds; 0 = only on Send (PHUM_SYNC_EVERY)."),
       QStringLiteral("seconds")},
      {QStringLiteral("lang"), QStringLiteral("Language: km or en (PHUM_LANG)."),
       QStringLiteral("code")},
      {QStringLiteral("position"),
       QStringLiteral("Position source: none, or an NMEA log to replay; default the tablet's GPS "
                      "(PHUM_POSITION)."),
       QStringLiteral("source")},
      {QStringLiteral("pictures"),
       QStringLiteral("Folder pictures are picked from (PHUM_PICTURES)."), QStringLiteral("dir")},
  });
  // Unknown options are let through: Qt's own (-platform, -style, ...) are read by the application.
  if (!parser.parse(arguments) && parser.unknownOptionNames().isEmpty())
    throw std::invalid_argument(parser.errorText().toStdString());
  if (parser.isSet(QStringLiteral("help")))
    throw std::invalid_argument(parser.helpText().toStdString());

  AppConfig config;
  config.dataPath = optionOrEnv(parser, QStringLiteral("data"), "PHUM_DATA");
  config.serverUrl =
      optionOrEnv(parser, QStringLiteral("server"), "PHUM_SERVER_URL", "http://127.0.0.1:8470");
  config.user = optionOrEnv(parser, QStringLiteral("user"), "PHUM_USER");
  config.enrollCode = optionOrEnv(parser, QStringLiteral("enroll-code"), "PHUM_ENROLL_CODE");
  config.deviceId = optionOrEnv(parser, QStringLiteral("device"), "PHUM_DEVICE_ID");
  config.caFile = optionOrEnv(parser, QStringLiteral("ca-file"), "PHUM_CA_FILE");
  config.language = optionOrEnv(parser, QStringLiteral("lang"), "PHUM_LANG", QStringLiteral("km"));
  config.positionSource = optionOrEnv(parser, QStringLiteral("position"), "PHUM_POSITION");
  config.pictureFolder = optionOrEnv(parser, QStringLiteral("pictures"), "PHUM_PICTURES");

  bool isNumber = false;
  config.autoSyncSeconds =
      optionOrEnv(parser, QStringLiteral("sync-every"), "PHUM_SYNC_EVERY", QStringLiteral("60"))
          .toInt(&isNumber);
  if (!isNumber || config.autoSyncSeconds < 0)
    throw std::invalid_argument("--sync-every takes a number of seconds (0 turns it off).");
  if (config.dataPath.isEmpty())
    throw std::invalid_argument(
        "No data file given: pass --data /path/to/phum.sqlite or set PHUM_DATA.");
  if (config.language != QLatin1String("km") && config.language != QLatin1String("en"))
    throw std::invalid_argument("Unknown language '" + config.language.toStdString() +
                                "': use --lang km (Khmer) or --lang en (English).");
  return config;
}

}  // namespace phum::app
