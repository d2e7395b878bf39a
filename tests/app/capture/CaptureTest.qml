import QtQuick
import QtTest
import Phum
import "../form_driver.js" as Driver

// What every capture test does around its question: download the forms with "Send now", start
// the capture check form, answer the household, save screenshots in both languages, finalize and
// send.
TestCase {
    id: test

    required property Item shell
    // Bounds a hung sync; not a speed expectation.
    readonly property int serverWait: 60000

    function tap(name) {
        Driver.tap(test, shell, name);
    }

    function item(name) {
        return Driver.item(test, shell, name);
    }

    function form() {
        return Driver.formPage(test, shell).controller;
    }

    function value(path) {
        return Driver.value(test, shell, path);
    }

    function sync() {
        tryCompare(shell.stack, "busy", false);
        tap("syncButton");
        tryCompare(shell.sync, "running", false, serverWait);
        compare(shell.sync.lastError, "");
    }

    function startForm() {
        sync();  // the first sync brings the forms
        tap("newRecordButton");
        tryCompare(shell.stack, "depth", 2);
        tryCompare(shell.stack, "busy", false);
        tap("startForm:capture_check");
        const controller = form();
        compare(controller.formId, "capture_check");
        Driver.type(test, shell, "household", "Sok family");
        return controller;
    }

    // The screen as it is now, in English and in Khmer: BUILD/screenshot-NAME-{en,km}.png.
    function screenshots(name) {
        waitForRendering(shell);
        verify(capture.screenshot(shell, name));
        Language.code = "km";
        waitForRendering(shell);
        verify(capture.screenshot(shell, name));
        Language.code = "en";
        waitForRendering(shell);
    }

    // Finalizes, sends, and returns the record's uuid once the server accepted it.
    function finalizeAndSend() {
        const controller = form();
        tap("nextButton");
        tryVerify(() => {
                return controller.onFinishPage;
            });
        compare(controller.problemCount, 0, "problems left: " + controller.goToFirstProblem());
        tap("finalizeButton");
        tryCompare(shell.stack, "depth", 1);
        tryCompare(shell.records, "count", 1);
        tap("syncButton");
        tryCompare(shell.sync, "running", false, serverWait);
        tryCompare(shell.sync, "sent", 1, serverWait);
        compare(shell.sync.rejected, 0);
        compare(shell.sync.lastError, "");
        return shell.records.get(0).uuid;
    }

    when: windowShown
}
