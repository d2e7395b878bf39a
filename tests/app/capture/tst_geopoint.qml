import QtQuick
import QtTest
import Phum
import "../form_driver.js" as Driver

// A geopoint through the screen with positions from Qt Positioning's NMEA source replaying logs:
// no position source at all (the question is not required: the user goes on without a point), a
// fix lost at 40 m (said plainly; the 40 m reading is taken only when the user says so), and a fix
// improving from 50 m to 5 m, taken by itself at 5 m (the form's accuracyThreshold=5).
Item {
    width: 1280
    height: 800

    AppShell {
        id: appShell

        anchors.fill: parent
    }

    CaptureTest {
        id: test

        // Bounds the replay and the 5 s without a reading that means "lost".
        readonly property int gpsWait: 20000

        function measure(log) {
            FieldCapture.positionSource = log;
            Driver.showQuestion(test, shell, "spot");
            tap("capture:spot");
        }

        function test_1_no_position_source() {
            startForm();
            measure("none");
            const status = item("positionStatus:spot");
            tryVerify(() => {
                    return status.visible && status.text.indexOf("cannot measure its position") >= 0;
                });
            verify(status.text.indexOf("you can go on without a position") >= 0, status.text);
            screenshots("geopoint-none");
            tap("cancelPosition:spot");
            compare(value("spot"), "");
            // Not required: nothing stops the form.
            tap("nextButton");
            tryVerify(() => {
                    return form().onFinishPage;
                });
            compare(form().problemCount, 0);
            tap("backButton");
            tryVerify(() => {
                    return !form().onFinishPage;
                });
        }

        function test_2_lost_fix() {
            measure(capture.nmea("fix_lost"));
            const accuracy = item("accuracy:spot");
            tryVerify(() => {
                    return accuracy.text.indexOf("40 m") >= 0;
                }, gpsWait, accuracy.text);
            verify(item("positionStatus:spot").text.indexOf("better than 5 m") >= 0);
            screenshots("geopoint-waiting");
            const status = item("positionStatus:spot");
            tryVerify(() => {
                    return status.text.indexOf("signal was lost") >= 0;
                }, gpsWait, status.text);
            compare(value("spot"), "");  // a worse reading is never taken by itself
            screenshots("geopoint-lost");
            tap("acceptWorse:spot");
            const parts = value("spot").split(" ");
            compare(parts.length, 4);
            compare(Number(parts[3]), 40);
            fuzzyCompare(Number(parts[0]), 11.5564, 0.0001);
            fuzzyCompare(Number(parts[1]), 104.9282, 0.0001);
        }

        function test_3_fix_improving_to_5_m_is_taken_at_5_m() {
            measure(capture.nmea("fix_improving"));
            tryVerify(() => {
                    return Number(value("spot").split(" ")[3]) === 5;
                }, gpsWait, "the 5 m reading was not taken: " + value("spot"));
            verify(item("position:spot").text.indexOf("accuracy 5.0 m") >= 0, item("position:spot").text);
            screenshots("geopoint-taken");
            const id = finalizeAndSend();
            verify(id !== "");
        }

        name: "Geopoint"
        shell: appShell
    }
}
