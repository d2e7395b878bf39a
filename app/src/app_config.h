#pragma once
// Where the app keeps its data, which server it syncs with and who is using it. Comes from the
// command line first, then the environment (PHUM_DATA, PHUM_SERVER_URL, PHUM_USER, PHUM_DEVICE_ID,
// PHUM_LANG, PHUM_ENROLL_CODE).
#include <QString>
#include <QStringList>

namespace phum::app {

struct AppConfig {
  QString dataPath;   // the SQLite file holding this tablet's records and outbox
  QString serverUrl;  // sync server base URL
  // Preset user for a server in --open mode (no accounts). Empty (the normal case): the tablet
  // enrols and users sign in with password, then PIN.
  QString user;
  QString deviceId;    // preset device id for --open mode; enrolment keeps its own
  QString enrollCode;  // administrator's one-time code for a preset first start
  // Certificate authorities (PEM) to trust for an https:// server instead of the system's: a
  // private CA such as the one scripts/run.sh makes (PHUM_CA_FILE).
  QString caFile;

  QString language = QStringLiteral("km");
  // Background sync every N seconds while someone is signed in, and soon after each save; 0 = only
  // when Send is pressed (tests). parseAppConfig gives 60 unless --sync-every says otherwise.
  int autoSyncSeconds = 0;
  // Device capture (field_capture.h): "" = the platform's GPS, "none", or an NMEA log to replay;
  // the folder pictures are picked from ("" = the platform's Pictures folder).
  QString positionSource;
  QString pictureFolder;
};

// Parses `phum-app --data FILE --server URL [--enroll-code CODE] [--ca-file PEM] [--user NAME]
// [--device ID]
// [--lang km|en] [--position none|FILE.nmea] [--pictures DIR]`. Missing
// options fall back to the environment. Throws std::invalid_argument with a message saying what to
// pass when something required is missing or wrong.
AppConfig parseAppConfig(const QStringList& arguments);

}  // namespace phum::app
