import QtQuick
import QtQuick.Controls
import QtTest
import Phum
import "../form_driver.js" as Driver

// What every mission-form test does around the form itself: download the forms and reference
// data with "Send now" (an empty tablet, as a new one), start the form from the list, and at the
// end finalize, send, and check that the server accepted the record.
TestCase {
    id: test

    required property Item shell
    // Bounds a hung sync; not a speed expectation.
    readonly property int serverWait: 60000

    function tap(name) {
        Driver.tap(test, shell, name);
    }

    function type(path, text) {
        Driver.type(test, shell, path, text);
    }

    function choose(path, name) {
        Driver.choose(test, shell, path, name);
    }

    function chooseMany(path, names) {
        Driver.chooseMany(test, shell, path, names);
    }

    function today(path) {
        Driver.today(test, shell, path);
    }

    function next(key) {
        Driver.next(test, shell, key);
    }

    function form() {
        return Driver.formPage(test, shell).controller;
    }

    function sync() {
        tryCompare(shell.stack, "busy", false);
        tap("syncButton");
        tryCompare(shell.sync, "running", false, serverWait);
        compare(shell.sync.lastError, "");
    }

    function startForm(formId) {
        sync();  // the first sync brings the forms and the reference data
        tap("newRecordButton");
        tryCompare(shell.stack, "depth", 2);
        tryCompare(shell.stack, "busy", false);
        tap("startForm:" + formId);
        const controller = form();
        compare(controller.formId, formId);
        return controller;
    }

    function finalizeAndSend() {
        const controller = form();
        next();
        verify(controller.onFinishPage);
        compare(controller.problemCount, 0, "problems left: " + controller.goToFirstProblem());
        tap("finalizeButton");
        tryCompare(shell.stack, "depth", 1);
        tryCompare(shell.records, "count", 1);
        tap("syncButton");
        tryCompare(shell.sync, "running", false, serverWait);
        // "Sent" is the server's acknowledgement that it validated and stored the record.
        tryCompare(shell.sync, "sent", 1, serverWait);
        compare(shell.sync.rejected, 0);
        compare(shell.sync.lastError, "");
        tryCompare(shell.stack, "busy", false);
        tap("allRecordsButton");
        tryCompare(shell.stack, "depth", 2);
        tryCompare(shell.stack, "busy", false);
        const list = Driver.item(test, shell, "recordList");
        tryVerify(() => {
                return list.itemAtIndex(0) !== null;
            });
        tryCompare(list.itemAtIndex(0), "syncState", "sent");
        shell.goHome();
    }

    when: windowShown
}
