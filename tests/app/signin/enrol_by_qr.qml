import QtQuick
import QtQuick.Controls
import QtTest
import Phum
import "../form_driver.js" as Driver

// A new tablet enrolled by the printed QR code, only through the screen, against a real
// phum-server in secure mode: the enrolment screen reads the code phum-admin printed (a picture of
// the sheet on the tablet), the server accepts it, and the tablet goes on to the first sign-in.
Item {
    id: root

    width: 1280
    height: 800

    AppShell {
        id: shell

        anchors.fill: parent
    }

    TestCase {
        id: test

        readonly property int serverWait: 60000

        function tap(name) {
            Driver.tap(test, shell, name);
        }

        function screenshots(name) {
            for (const code of ["en", "km"]) {
                Language.code = code;
                waitForRendering(shell);
                grabImage(shell).save(testBuildDir + "/screenshot-" + name + "-" + code + ".png");
            }
            Language.code = "en";
        }

        function test_enrol_by_qr_picture() {
            compare(shell.accounts.step, "enrol");
            tap("scanPicture:enrol");
            tryCompare(Driver.item(test, shell, "thumbnail:enrolment-qr.png"), "status", Image.Ready);
            screenshots("enrol-qr");
            tap("picture:enrolment-qr.png");
            // Nothing was typed: the code came from the picture of the printed QR.
            tryCompare(shell.accounts, "step", "newUser", serverWait);
            verify(Driver.item(test, shell, "accountsMessage").text.indexOf("enrolled") >= 0);
        }

        when: windowShown
    }
}
