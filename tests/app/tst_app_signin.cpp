// QtQuickTest runner for signin/sign_in_flow.qml (not named tst_*, so app_quick does not run it): a
// real phum-server in secure mode (no --open) on 127.0.0.1 with one enumerator account, an empty
// tablet store in a temporary directory that is not enrolled yet, and the administrator's one-time
// enrolment code handed to QML as `testEnrollCode`. The same code as phum-admin prints it for
// paper (--qr-svg), rendered to a PNG in the tablet's picture folder (FieldCapture), for
// signin/enrol_by_qr.qml (the app_enrol_qr test).
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <QDir>
#include <QImage>
#include <QPainter>
#include <QQmlContext>
#include <QQmlEngine>
#include <QSvgRenderer>
#include <stdexcept>
#include <string>

#include "app_quick_setup.h"
#include "field_capture.h"

Q_IMPORT_QML_PLUGIN(PhumPlugin)

class Setup : public phum::testing::AppQuickSetup {
 protected:
  void prepareServer() override { addFieldUser("sokha", "enumerator", "0102"); }

  phum::testing::FormChecks formChecks() const override {
    return phum::testing::FormChecks::PublishedOnly;
  }

  void engineReady(QQmlEngine* engine) override {
    const QString pictures = QString::fromStdString(scratchPath(QStringLiteral("pictures")));
    const std::string svg = scratchPath(QStringLiteral("enrolment-qr.svg"));
    const auto issued = admin({"devices", "enroll-code", "--name", "test tablet", "--server-url",
                               server().url(), "--qr-svg", svg});
    printedQrAsPicture(QString::fromStdString(svg), pictures);
    const QString code =
        QString::fromStdString(issued.out.substr(0, issued.out.find('\n'))).trimmed();
    phum::app::FieldCapture::setStartup(QStringLiteral("none"), pictures);
    auto* context = engine->rootContext();
    context->setContextProperty(QStringLiteral("testEnrollCode"), code);
    context->setContextProperty(QStringLiteral("testBuildDir"), QStringLiteral(PHUM_BUILD_DIR));
    context->setContextProperty(QStringLiteral("testPassword"), fieldPassword());
  }

 private:
  // The printed sheet as a photo of it would be: the SVG drawn at 600x600 on white.
  static void printedQrAsPicture(const QString& svg, const QString& folder) {
    QSvgRenderer renderer(svg);
    if (!renderer.isValid()) throw std::runtime_error("phum-admin wrote no valid QR SVG");
    QImage picture(600, 600, QImage::Format_RGB32);
    picture.fill(Qt::white);
    QPainter painter(&picture);
    renderer.render(&painter, QRectF(50, 50, 500, 500));
    painter.end();
    QDir().mkpath(folder);
    if (!picture.save(folder + QStringLiteral("/enrolment-qr.png")))
      throw std::runtime_error("cannot write the QR picture");
  }
};

QUICK_TEST_MAIN_WITH_SETUP(app_signin, Setup)
