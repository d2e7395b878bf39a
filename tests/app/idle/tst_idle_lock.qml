import QtQuick
import QtQuick.Controls
import QtTest
import Phum
import "../form_driver.js" as Driver

// The idle lock, through the screen against a real phum-server: input restarts the countdown;
// when it runs out in the middle of an interview the answers are saved, the tablet locks (the data
// key leaves memory) and after the PIN the same draft is open again with nothing lost; once
// finalized, its record view says the name was sealed (the server has a sealing key). The
// countdown is shortened through the lock's timeoutMs; the test waits on conditions, never sleeps.
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

        // Bounds a hung server call or sync; not a speed expectation.
        readonly property int serverWait: 60000
        readonly property int hour: 3600000
        property string draftId: ""

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

        function screenshots(name) {
            for (const code of ["en", "km"]) {
                Language.code = code;
                waitForRendering(shell);
                grabImage(shell).save(testBuildDir + "/screenshot-" + name + "-" + code + ".png");
            }
            Language.code = "en";
        }

        function test_1_signed_in_with_the_forms() {
            shell.idleLock.timeoutMs = hour;
            typeInto("enrolCodeField", testEnrollCode);
            tap("enrolButton");
            tryCompare(shell.accounts, "step", "newUser", serverWait);
            typeInto("usernameField", "sokha");
            typeInto("passwordField", testPassword);
            typeInto("newPinField", "2580");
            typeInto("newPinAgainField", "2580");
            tap("signInButton");
            tryCompare(shell.accounts, "step", "signedIn", serverWait);
            tryCompare(shell.sync, "running", false, serverWait);
            tap("syncButton");
            tryCompare(shell.sync, "running", false, serverWait);
            compare(shell.sync.lastError, "");
            verify(Driver.findItem(shell, "homeForm:quick_registration") !== null);
            verify(!Session.dataLocked());
        }

        function test_2_input_restarts_the_countdown() {
            verify(shell.idleLock.enabled);
            tryVerify(() => {
                    return shell.idleLock.remainingMs() < hour - 1500;
                }, 10000);
            mouseMove(shell, 300, 300);
            mouseClick(shell, 10, shell.height / 2);
            verify(shell.idleLock.remainingMs() > hour - 1000, "a tap did not restart the countdown");
            tryVerify(() => {
                    return shell.idleLock.remainingMs() < hour - 1500;
                }, 10000);
            keyClick(Qt.Key_Shift);
            verify(shell.idleLock.remainingMs() > hour - 1000, "a key did not restart the countdown");
        }

        function test_3_idle_in_an_interview_saves_the_draft_and_locks() {
            tap("homeForm:quick_registration");
            const page = Driver.formPage(test, shell);
            Driver.type(test, shell, "respondent_name", "Sreyneang Touch");
            Driver.choose(test, shell, "sex", "female");
            tryCompare(page.controller, "saving", false);
            draftId = page.controller.draftId;
            verify(draftId !== "");
            shell.idleLock.timeoutMs = 300;
            tryCompare(shell.accounts, "step", "chooseUser", serverWait);
            compare(Session.user, "");
            compare(shell.signedIn, false);
            compare(shell.stack.depth, 1);
            verify(Session.dataLocked(), "the data key is still in memory");
            verify(!shell.idleLock.enabled);
            screenshots("idle-locked");
        }

        function test_4_the_pin_opens_the_same_draft_again() {
            shell.idleLock.timeoutMs = hour;
            tap("user_sokha");
            tryCompare(shell.accounts, "step", "unlock");
            typeInto("pinField", "2580");
            tap("unlockButton");
            tryCompare(shell.accounts, "step", "signedIn", serverWait);
            verify(!Session.dataLocked());
            const page = Driver.formPage(test, shell);
            tryCompare(page.controller, "isOpen", true);
            compare(page.controller.draftId, draftId);
            compare(Driver.value(test, shell, "respondent_name"), "Sreyneang Touch");
            compare(Driver.value(test, shell, "sex"), "female");
            // The progress row, laid out while the sign-in screen covered the page, leaves room for each part.
            const progress = item("pageProgress"), problems = item("problemCount");
            verify(problems.text !== "");
            verify(progress.x >= item("pageNumber").x + item("pageNumber").width);
            verify(problems.x >= progress.x + progress.width, "the problem count is drawn over the progress bar");
            screenshots("idle-resumed");
        }

        function test_5_the_record_view_says_the_sealed_name_is_sealed() {
            Driver.type(test, shell, "age", "29");
            Driver.type(test, shell, "village_code", "01020304");
            tap("nextButton");
            tap("finalizeButton");
            tryCompare(shell.stack, "depth", 1);
            tryCompare(shell.records, "count", 1);
            const uuid = shell.records.data(shell.records.index(0, 0), Qt.UserRole + 1);
            shell.viewRecord(uuid);
            const page = Driver.formPage(test, shell);
            tryCompare(page.controller, "readOnly", true);
            verify(item("sealed:respondent_name").visible, "the sealed name shows as blank");
            verify(!item("sealed:age").visible);
            screenshots("view-sealed");
        }

        // A lock by hand keeps the data key for a colleague to sign in, until the sign-in screen
        // has been left alone for the idle time.
        function test_6_a_lock_by_hand_keeps_the_key_until_the_sign_in_screen_is_idle() {
            shell.goHome();
            shell.keyTimeout.timeoutMs = hour;
            tap("signOutButton");
            tryCompare(shell.accounts, "step", "chooseUser");
            verify(!Session.dataLocked(), "a colleague could not sign in");
            verify(shell.keyTimeout.enabled);
            shell.keyTimeout.timeoutMs = 300;
            tryVerify(() => {
                    return Session.dataLocked();
                }, serverWait);
        }

        name: "IdleLock"
        when: windowShown
    }
}
