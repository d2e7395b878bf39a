import QtQuick
import QtQuick.Controls
import QtTest
import Phum
import "../form_driver.js" as Driver

// Run by draft_kill_test in a process it kills: "enter" starts a household interview and answers
// question after question, reporting each answer once the app says it is saved; it never ends
// by itself. "check" (the restarted app) reopens the draft and reports what it shows.
Item {
    width: 1280
    height: 800

    AppShell {
        id: shell

        anchors.fill: parent
    }

    TestCase {
        id: test

        property int acknowledged: 0

        function form() {
            return Driver.formPage(test, shell).controller;
        }

        // Reports the answer once it is on disk (the app's "Saved on this tablet").
        function ack(path) {
            const controller = form();
            tryVerify(() => {
                    return !controller.saving;
                }, 10000, "the answer to " + path + " was not saved");
            driverLog.write("ACK " + (++acknowledged) + " " + path + "=" + Driver.value(test, shell, path));
        }

        function choose(path, name) {
            Driver.choose(test, shell, path, name);
            ack(path);
        }

        function type(path, text) {
            Driver.type(test, shell, path, text);
            ack(path);
        }

        function test_enter() {
            if (interviewMode !== "enter")
                skip("not entering");
            openChooser();
            tap("startForm:household_survey");
            choose("consent", "yes");
            Driver.next(test, shell, "location");
            choose("province", "01");
            choose("district", "0102");
            choose("commune", "010201");
            choose("village", "01020101");
            Driver.next(test, shell, "household");
            type("respondent_name", "Chan Sokha");
            type("hh_size", "3");
            type("land_ha", "2");
            choose("has_debt", "no");
            Driver.next(test, shell, "@member");
            tap("open:member:1");
            tryCompare(form(), "pageKey", "member[1]/#member_name");
            type("member[1]/member_name", "Sokha");
            choose("member[1]/sex", "female");
            type("member[1]/age", "45");
            choose("member[1]/marital_status", "currently");
            choose("member[1]/education", "primary");
            choose("member[1]/is_migrant", "no");
            Driver.next(test, shell, "member[2]/#member_name");
            choose("member[2]/sex", "male");
            type("member[2]/age", "24");
            // Then a name typed slowly, over and over, until the process is killed: the answer
            // being typed is the one a kill may lose.
            Driver.showQuestion(test, shell, "member[2]/member_name");
            tap("input:member[2]/member_name");
            for (; ; ) {
                for (const c of "Dara Keo ") {
                    keyClick(c);
                    wait(50);
                }
            }
        }

        function openChooser() {
            tryCompare(shell.stack, "busy", false);
            tap("newRecordButton");
            tryCompare(shell.stack, "depth", 2);
            tryCompare(shell.stack, "busy", false);
        }

        function tap(name) {
            Driver.tap(test, shell, name);
        }

        function test_check() {
            if (interviewMode !== "check")
                skip("not checking");
            openChooser();
            tap("openDraft:0");
            const controller = form();
            tryVerify(() => {
                    return controller.isOpen;
                });
            driverLog.write("OPENED " + controller.pageKey);
            for (let row = 0; row < controller.fields.count; ++row) {
                const field = controller.fields.get(row);
                if (field.kind !== "repeat" && field.kind !== "note" && field.kind !== "group")
                    driverLog.write("SHOWN " + field.path + "=" + field.value);
            }
        }

        name: "Interview"
        when: windowShown
    }
}
