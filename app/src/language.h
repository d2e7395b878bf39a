#pragma once
// The UI language (Khmer first, English second), switched live from the header: loads the compiled
// translation and asks the engine to re-evaluate every qsTr binding.
#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <QString>
#include <QTranslator>

class QQmlEngine;
class QJSEngine;

namespace phum::app {

class Language : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_SINGLETON
  Q_PROPERTY(QString code READ code WRITE setCode NOTIFY codeChanged)

 public:
  // The language the first engine starts in (from --lang / PHUM_LANG).
  static void setStartupCode(const QString& code);
  static Language* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);

  explicit Language(QQmlEngine* engine, QObject* parent = nullptr);

  QString code() const { return code_; }
  // The language of the installed translation ("en" until a Language switches it): what C++
  // models use for texts that come from elsewhere, e.g. a form's messages.
  static QString current();
  // "km" or "en"; anything else is refused with a warning and the language stays as it is.
  void setCode(const QString& code);
  // Showing numbers in Khmer digits is done in QML (Theme.digits) so bindings follow `code`.

 signals:
  void codeChanged();

 private:
  bool install(const QString& code);

  QQmlEngine* engine_;
  QTranslator translator_;
  bool translatorInstalled_ = false;
  QString code_ = QStringLiteral("en");
};

}  // namespace phum::app
