import QtQuick
import QtQuick.Controls
import QtTest
import Phum
import "../form_driver.js" as Driver

// A field worker's first record, done only through the screen: open the quick registration (the
// same generic form renderer as every form), try to go on with nothing answered, delete that
// draft, fill the form in, finalize it, and find it in the list waiting to be sent.
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

        function item(name) {
            return Driver.item(test, shell, name);
        }

        function tap(name) {
            Driver.tap(test, shell, name);
        }

        function openForm() {
            tryCompare(shell.stack, "busy", false);
            tap("newRecordButton");
            tryCompare(shell.stack, "depth", 2);
            tryCompare(shell.stack, "busy", false);
            tap("startForm:quick_registration");
            return Driver.formPage(test, shell).controller;
        }

        // The records page, from the home screen.
        function showRecords() {
            tryCompare(shell.stack, "busy", false);
            tap("allRecordsButton");
            tryCompare(shell.stack, "depth", 2);
            tryCompare(shell.stack, "busy", false);
            return item("recordList");
        }

        function problemOf(form, path) {
            return form.fields.get(form.fields.rowOf(path)).problem;
        }

        function cleanup() {
            Language.code = "en";
            while (shell.stack.depth > 1)
                shell.stack.pop(null, StackView.Immediate);
        }

        function test_1_empty_form_is_not_finalized_and_its_draft_can_be_deleted() {
            const form = openForm();
            compare(form.formId, "quick_registration");
            tap("nextButton");
            // Still on the page, nothing saved, and the user is told what is missing.
            compare(form.pageNumber, 1);
            compare(shell.records.count, 0);
            for (const path of ["respondent_name", "sex", "age", "village_code"])
                verify(problemOf(form, path) !== "", path);
            verify(item("pageProblemsNote").visible);
            tap("nextButton");  // "Next anyway": the finish page
            verify(form.onFinishPage);
            verify(!item("finalizeButton").enabled);
            // The way back to what is missing, then to the end again.
            tap("firstProblemButton");
            tryCompare(form, "onFinishPage", false);
            compare(form.pageNumber, 1);
            verify(item("problem:respondent_name").visible);
            tap("nextButton");
            verify(form.onFinishPage);
            tap("deleteDraftButton");
            tap("deleteDraftButton:yes");
            tryCompare(shell.stack, "depth", 1);
            compare(shell.records.count, 0);
        }

        function test_2_record_typed_on_screen_appears_in_list() {
            const form = openForm();
            Driver.type(test, shell, "respondent_name", "Sokha Chan");
            Driver.choose(test, shell, "sex", "female");
            Driver.type(test, shell, "age", "250");
            // 250 is not an age: the page says so at once.
            tryVerify(() => {
                    return problemOf(form, "age").indexOf("120") >= 0;
                });
            Driver.type(test, shell, "age", "\u17E2\u17E5");  // ២៥ from a Khmer keyboard
            Driver.type(test, shell, "village_code", "12010203");
            compare(problemOf(form, "age"), "");
            tap("nextButton");
            verify(form.onFinishPage);
            tap("finalizeButton");
            tryCompare(shell.stack, "depth", 1);
            tryCompare(shell.records, "count", 1);
            const list = showRecords();
            tryVerify(() => {
                    return list.itemAtIndex(0) !== null;
                });
            const row = list.itemAtIndex(0);
            compare(row.title, "Sokha Chan");
            compare(row.syncState, "queued");
            compare(row.locationCode, "12010203");
            compare(shell.sync.queued, 1);
            compare(item("count_queued").text, "1");
        }

        function test_4_send_now_marks_the_record_sent() {
            if (Session.serverUrl === "")
                skip("built without the test sync server");
            compare(shell.sync.queued, 1);
            tap("syncButton");
            // Bounds a hung sync; not a speed expectation.
            tryCompare(shell.sync, "sent", 1, 60000);
            tryCompare(shell.sync, "running", false, 60000);
            compare(shell.sync.queued, 0);
            compare(item("syncError").visible, false);
            const list = showRecords();
            tryVerify(() => {
                    return list.itemAtIndex(0) !== null;
                });
            tryCompare(list.itemAtIndex(0), "syncState", "sent");
            compare(item("count_sent").text, "1");
        }

        function test_3_language_switch_retranslates_live() {
            compare(item("screenTitle").text, "Home");
            tap("langKm");
            tryCompare(item("screenTitle"), "text", "ទំព័រដើម");
            // Counters follow the reader's digits.
            compare(item("count_queued").text, "១");
            tap("langEn");
            tryCompare(item("screenTitle"), "text", "Home");
        }

        name: "NewRecordThroughTheScreen"
        when: windowShown
    }
}
