import QtQuick
import QtQuick.Controls
import QtTest
import Phum
import "../form_driver.js" as Driver

// The forms a user may start follow their role: a counsellor sees the agency complaint (and the
// quick registration, which names no role), not the household survey; an enumerator on the same
// tablet sees the household survey and not the complaint; nobody sees the outreach workers' forms.
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

        // Bounds a hung sync; not a speed expectation.
        readonly property int serverWait: 60000

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

        function signInNew(username) {
            tryCompare(shell.accounts, "step", "newUser", serverWait);
            typeInto("usernameField", username);
            typeInto("passwordField", testPassword);
            typeInto("newPinField", "2580");
            typeInto("newPinAgainField", "2580");
            tap("signInButton");
            tryCompare(shell.accounts, "step", "signedIn", serverWait);
            // The forms come with the first sync.
            tryCompare(shell.sync, "running", false, serverWait);
            tap("syncButton");
            tryCompare(shell.sync, "running", false, serverWait);
            compare(shell.sync.lastError, "");
        }

        // The forms offered on the home screen and in the chooser, by id.
        function offered(place) {
            const ids = [];
            for (const formId of ["quick_registration", "household_survey", "returnee_registration", "trafficking_case_report", "agency_complaint"]) {
                if (Driver.findItem(shell, place + ":" + formId) !== null)
                    ids.push(formId);
            }
            return ids;
        }

        function test_1_a_counsellor_sees_the_agency_complaint() {
            typeInto("enrolCodeField", testEnrollCode);
            tap("enrolButton");
            signInNew("dara");
            tryVerify(() => {
                    return offered("homeForm").length === 2;
                }, serverWait);
            compare(offered("homeForm"), ["quick_registration", "agency_complaint"]);
            tap("newRecordButton");
            tryCompare(shell.stack, "busy", false);
            compare(offered("startForm"), ["quick_registration", "agency_complaint"]);
            shell.goHome();
        }

        function test_2_an_enumerator_sees_the_household_survey() {
            tap("signOutButton");
            tryCompare(shell.accounts, "step", "chooseUser");
            // A new user's key wrap needs the data key, kept in memory after a lock by hand.
            verify(!Session.dataLocked());
            tap("newUserButton");
            signInNew("sokha");
            tryVerify(() => {
                    return offered("homeForm").length === 2;
                }, serverWait);
            compare(offered("homeForm"), ["quick_registration", "household_survey"]);
            tap("newRecordButton");
            tryCompare(shell.stack, "busy", false);
            compare(offered("startForm"), ["quick_registration", "household_survey"]);
            shell.goHome();
        }

        name: "FormRoles"
        when: windowShown
    }
}
