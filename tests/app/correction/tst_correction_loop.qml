import QtQuick
import QtQuick.Controls
import QtTest
import Phum
import "../form_driver.js" as Driver

// The correction loop through the screen: a record sent, returned by a reviewer with a comment on
// one question (phum-admin records review), shown on the home screen with the comment and the
// question marked, corrected, and accepted by the server as revision 2.
Item {
    id: root

    width: 1280
    height: 800

    AppShell {
        id: shell

        anchors.fill: parent
    }

    SignalSpy {
        id: syncDone

        target: shell.sync
        signalName: "finished"
    }

    TestCase {
        id: test

        // Bounds a hung sync; not a speed expectation.
        readonly property int serverWait: 60000
        property string recordUuid: ""

        function item(name) {
            return Driver.item(test, shell, name);
        }

        function tap(name) {
            Driver.tap(test, shell, name);
        }

        function typeInto(name, text) {
            tap(name);
            tryVerify(() => {
                    return item(name).activeFocus;
                });
            item(name).selectAll();
            keyClick(Qt.Key_Backspace);
            for (let i = 0; i < text.length; ++i)
                keyClick(text[i]);
            compare(item(name).text, text);
        }

        // "Send now" once no background sync runs, until that sync has finished (sent and pulled).
        function sync() {
            tryCompare(shell.sync, "running", false, serverWait);
            syncDone.clear();
            tap("syncButton");
            tryCompare(syncDone, "count", 1, serverWait);
            compare(shell.sync.lastError, "");
        }

        function serverRevision(uuid) {
            const records = JSON.parse(office.records());
            for (const r of records) {
                if (r.uuid === uuid)
                    return r.revision;
            }
            return 0;
        }

        name: "CorrectionLoop"
        when: windowShown

        function test_1_enrol_sign_in_and_send_a_record() {
            compare(shell.accounts.step, "enrol");
            typeInto("enrolCodeField", office.enrollCode());
            tap("enrolButton");
            tryCompare(shell.accounts, "step", "newUser", serverWait);
            typeInto("usernameField", "sokha");
            typeInto("passwordField", office.password);
            typeInto("newPinField", "2580");
            typeInto("newPinAgainField", "2580");
            tap("signInButton");
            tryCompare(shell.accounts, "step", "signedIn", serverWait);
            verify(item("nothingToDo").visible);
            tap("homeForm:quick_registration");
            const form = Driver.formPage(test, shell).controller;
            Driver.type(test, shell, "respondent_name", "Sokha Chan");
            Driver.choose(test, shell, "sex", "female");
            Driver.type(test, shell, "age", "52");
            Driver.type(test, shell, "village_code", "12010203");
            tap("nextButton");
            verify(form.onFinishPage);
            tap("finalizeButton");
            tryCompare(shell.stack, "depth", 1);
            tryCompare(shell.records, "count", 1);
            sync();
            tryCompare(shell.sync, "sent", 1, serverWait);
            recordUuid = shell.records.get(0).uuid;
            compare(serverRevision(recordUuid), 1);
        }

        function test_2_a_returned_record_shows_the_comment_and_the_marked_question() {
            compare(office.review(recordUuid, 1, "return", "Please check the age with her ID card.", ""), "");
            compare(office.review(recordUuid, 1, "comment", "She said 25 on the phone.", "age"), "");
            sync();
            tryVerify(() => {
                    return item("returnedHeading").visible;
                }, serverWait, "the returned record is not on the home screen");
            verify(item("returnedHeading").text.indexOf("(1)") >= 0, item("returnedHeading").text);
            tryVerify(() => {
                    return shell.records.get(0).syncState === "returned";
                });
            // Home may still be sliding back in from the first test's form; a tap then misses it.
            tryCompare(shell.stack, "busy", false, 5000);
            tap("record:" + recordUuid);
            const page = Driver.formPage(test, shell);
            const form = page.controller;
            verify(form.correcting);
            verify(form.returned);
            compare(form.reviewer, "Channary");
            compare(form.reviewComment, "Please check the age with her ID card.");
            compare(form.flagCount, 1);
            verify(item("reviewBanner").visible);
            tap("firstFlagButton");
            Driver.showQuestion(test, shell, "age");
            verify(item("flag:age").visible);
            compare(form.fields.get(form.fields.rowOf("age")).flag, "She said 25 on the phone.");
        }

        function test_3_the_correction_goes_out_as_revision_2() {
            const form = Driver.formPage(test, shell).controller;
            Driver.type(test, shell, "age", "25");
            tap("nextButton");
            verify(form.onFinishPage);
            tap("finalizeButton");
            tryCompare(shell.stack, "depth", 1);
            // Saved as the next revision: no longer "returned", waiting to be sent.
            tryVerify(() => {
                    return shell.records.get(0).syncState === "queued";
                });
            compare(shell.records.get(0).revision, 2);
            tryVerify(() => {
                    return !item("returnedHeading").visible;
                });
            sync();
            tryVerify(() => {
                    return shell.records.get(0).syncState === "sent";
                }, serverWait);
            compare(shell.sync.rejected, 0);
            compare(serverRevision(recordUuid), 2);
        }

        function test_4_the_records_list_filters_and_opens_read_only() {
            // The sync that follows a save may still be refreshing the home screen.
            tryCompare(shell.sync, "running", false, serverWait);
            tryCompare(shell.stack, "busy", false);
            tap("allRecordsButton");
            tryCompare(shell.stack, "depth", 2);
            tryCompare(shell.stack, "busy", false);
            const list = shell.stack.currentItem.model;
            compare(list.total, 1);
            tap("stateFilter:returned");
            tryCompare(list, "total", 0);
            tap("stateFilter:sent");
            tryCompare(list, "total", 1);
            typeInto("recordSearch", "nobody");
            tryCompare(list, "total", 0);
            typeInto("recordSearch", "sokha");
            tryCompare(list, "total", 1);
            tap("record:" + recordUuid);
            const form = Driver.formPage(test, shell).controller;
            verify(form.readOnly);
            compare(form.fields.get(form.fields.rowOf("respondent_name")).value, "Sokha Chan");
            tap("closeFormButton");
            tryCompare(shell.stack, "depth", 2);
        }
    }
}
