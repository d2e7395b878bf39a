#include "language.h"

#include <QCoreApplication>
#include <QDebug>
#include <QQmlEngine>

namespace phum::app {
namespace {
QString& startupCode() {
  static QString code = QStringLiteral("km");
  return code;
}
QString& installedCode() {
  static QString code = QStringLiteral("en");
  return code;
}
}  // namespace

QString Language::current() { return installedCode(); }

void Language::setStartupCode(const QString& code) { startupCode() = code; }

Language* Language::create(QQmlEngine* qmlEngine, QJSEngine*) {
  auto* language = new Language(qmlEngine);
  language->setCode(startupCode());
  return language;
}

Language::Language(QQmlEngine* engine, QObject* parent) : QObject(parent), engine_(engine) {}

void Language::setCode(const QString& code) {
  if (code == code_) return;
  if (!install(code)) return;
  code_ = code;
  installedCode() = code;
  if (engine_) engine_->retranslate();
  emit codeChanged();
}

bool Language::install(const QString& code) {
  if (code == QLatin1String("en")) {
    // The source strings are English: no translator needed.
    if (translatorInstalled_) QCoreApplication::removeTranslator(&translator_);
    translatorInstalled_ = false;
    return true;
  }
  if (code != QLatin1String("km")) {
    qWarning().noquote() << "phum-app: unknown language" << code << "(use km or en)";
    return false;
  }
  if (!translator_.load(QStringLiteral(":/i18n/phum_km.qm"))) {
    // Built into the binary: a missing file is a packaging fault the developer must see.
    qWarning().noquote() << "phum-app: the Khmer translation :/i18n/phum_km.qm is missing";
    return false;
  }
  if (!translatorInstalled_) QCoreApplication::installTranslator(&translator_);
  translatorInstalled_ = true;
  return true;
}

}  // namespace phum::app
