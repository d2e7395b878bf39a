import QtQuick
import QtQuick.Controls
import QtTest
import Phum
import "../form_driver.js" as Driver

// The sync bar's progress: two records made through the screen, "Send now" against the real
// phum-server, and the bar shows "Records: N of 2" with their bytes while sending, up to all of
// them.
Item {
    id: root

    width: 1280
    height: 800

    property var texts: []
    property bool shown: false

    AppShell {
        id: shell

        anchors.fill: parent
    }

    Connections {
        id: labelWatch

        function onTextChanged() {
            root.texts.push(target.text);
        }

        target: null
    }

    Connections {
        id: barWatch

        function onVisibleChanged() {
            if (target.visible)
                root.shown = true;
        }

        target: null
    }

    TestCase {
        id: test

        function tap(name) {
            Driver.tap(test, shell, name);
        }

        function makeRecord(name) {
            tryCompare(shell.stack, "busy", false);
            tap("newRecordButton");
            tryCompare(shell.stack, "depth", 2);
            tryCompare(shell.stack, "busy", false);
            tap("startForm:quick_registration");
            const form = Driver.formPage(test, shell).controller;
            Driver.type(test, shell, "respondent_name", name);
            Driver.choose(test, shell, "sex", "female");
            Driver.type(test, shell, "age", "33");
            Driver.type(test, shell, "village_code", "12010203");
            tap("nextButton");
            verify(form.onFinishPage);
            tap("finalizeButton");
            tryCompare(shell.stack, "depth", 1);
        }

        name: "SyncProgress"
        when: windowShown

        function test_the_bar_counts_records_and_bytes() {
            makeRecord("Sok Lina");
            makeRecord("Heng Vuthy");
            tryCompare(shell.sync, "queued", 2);
            labelWatch.target = Driver.findItem(shell, "recordProgress");
            barWatch.target = Driver.findItem(shell, "syncProgress");
            verify(labelWatch.target !== null && barWatch.target !== null);
            tap("syncButton");
            tryCompare(shell.sync, "running", false, 60000);
            compare(shell.sync.lastError, "");
            compare(shell.sync.sent, 2);
            verify(root.shown, "the progress was never on screen");
            compare(shell.sync.recordsTotal, 2);
            compare(shell.sync.recordsSent, 2);
            verify(shell.sync.recordBytesTotal > 0);
            compare(shell.sync.recordBytesSent, shell.sync.recordBytesTotal);
            const size = AppSettings.sizeText(shell.sync.recordBytesTotal);
            verify(root.texts.indexOf("Records: 0 of 2 (0 bytes of " + size + ")") >= 0, root.texts.join(" | "));
            verify(root.texts.indexOf("Records: 2 of 2 (" + size + " of " + size + ")") >= 0, root.texts.join(" | "));
            // No photo in these records: no photo line.
            verify(!Driver.findItem(shell, "photoProgress").visible);
        }
    }
}
