import QtQuick
import QtQuick.Controls
import QtTest
import Phum

// A new tablet and a new field worker, only through the screen, against a real phum-server in
// secure mode: enrol with the administrator's code, first sign-in with password and a new PIN,
// lock, a wrong PIN, then the right PIN (typed in Khmer digits).
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

        // Bounds a hung server call; not a speed expectation.
        readonly property int serverWait: 60000

        function item(name) {
            const found = findChild(shell, name);
            verify(found !== null, "no item named " + name + " on screen");
            return found;
        }

        function tap(name) {
            const target = item(name);
            verify(target.visible, name + " is not visible");
            verify(target.height >= Theme.minTouchTarget, name + " is smaller than a finger");
            mouseClick(target);
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

        function message() {
            return item("accountsMessage").text;
        }

        function test_1_wrong_code_is_refused_and_the_right_one_enrols() {
            compare(shell.accounts.step, "enrol");
            compare(shell.signedIn, false);
            verify(item("serverUrl").text.indexOf(Session.serverUrl) >= 0);
            typeInto("enrolCodeField", "WRONG-CODE");
            tap("enrolButton");
            tryCompare(shell.accounts, "busy", false, serverWait);
            compare(shell.accounts.step, "enrol");
            verify(message().indexOf("did not accept this code") >= 0, message());
            typeInto("enrolCodeField", testEnrollCode);
            tap("enrolButton");
            tryCompare(shell.accounts, "step", "newUser", serverWait);
            verify(message().indexOf("enrolled") >= 0, message());
        }

        function test_2_first_sign_in_with_password_and_new_pin() {
            typeInto("usernameField", "sokha");
            typeInto("passwordField", "not-the-password");
            typeInto("newPinField", "2580");
            typeInto("newPinAgainField", "2581");
            tap("signInButton");
            // Checked on the tablet before any network call.
            compare(shell.accounts.busy, false);
            verify(message().indexOf("not the same") >= 0, message());
            typeInto("newPinAgainField", "2580");
            tap("signInButton");
            tryCompare(shell.accounts, "busy", false, serverWait);
            verify(message().indexOf("Wrong username or password") >= 0, message());
            typeInto("passwordField", testPassword);
            tap("signInButton");
            tryCompare(shell.accounts, "step", "signedIn", serverWait);
            compare(Session.user, "sokha");
            compare(item("signedInUser").visible, true);
            compare(item("screenTitle").text, "Home");
            compare(shell.records.count, 0);
        }

        function test_3_lock_shows_the_users_of_this_tablet() {
            tap("signOutButton");
            tryCompare(shell.accounts, "step", "chooseUser");
            compare(Session.user, "");
            compare(shell.signedIn, false);
            tap("user_sokha");
            tryCompare(shell.accounts, "step", "unlock");
            compare(shell.accounts.chosenUser, "sokha");
        }

        function test_4_wrong_pin_says_how_many_tries_are_left() {
            typeInto("pinField", "1397");
            tap("unlockButton");
            tryCompare(shell.accounts, "busy", false, serverWait);
            compare(shell.accounts.step, "unlock");
            verify(message().indexOf("Wrong PIN") >= 0, message());
            verify(message().indexOf("4 more") >= 0, message());
        }

        function test_5_right_pin_in_khmer_digits_unlocks() {
            // The same PIN as chosen (2580), typed on a Khmer keyboard.
            item("pinField").text = "\u17E2\u17E5\u17E8\u17E0";
            tap("unlockButton");
            tryCompare(shell.accounts, "step", "signedIn", serverWait);
            compare(Session.user, "sokha");
            compare(message(), "");
        }

        name: "SignInThroughTheScreen"
        when: windowShown
    }
}
