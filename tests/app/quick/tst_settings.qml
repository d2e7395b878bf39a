import QtQuick
import QtQuick.Controls
import QtTest
import Phum
import "../form_driver.js" as Driver

// The settings screen through the screen: reached from home; the language switches live; a bad
// server address is refused with the reason and a good one is kept (and used by the next sync);
// the storage used counts a saved record; the photos setting is kept in the store; the app and
// form versions are shown. Sign-out is hidden on a tablet without accounts (--open mode).
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

        function openSettings() {
            tryCompare(shell.stack, "busy", false);
            tap("settingsButton");
            tryCompare(shell.stack, "depth", 2);
            tryCompare(shell.stack, "busy", false);
            return shell.stack.currentItem;
        }

        name: "Settings"
        when: windowShown

        function test_1_settings_from_home() {
            const page = openSettings();
            compare(item("screenTitle").text, "Settings");
            verify(item("appVersion").text.startsWith("Phum app "));
            verify(item("formVersion:quick_registration").text.indexOf("version 1") >= 0);
            compare(item("storageRecords").text, "0 (0 bytes)");
            verify(!item("settingsSignOutButton").visible);

            // Khmer at once, with Khmer digits; back to English.
            tap("settingsLanguage:km");
            tryCompare(Language, "code", "km");
            tryVerify(() => {
                    return item("screenTitle").text !== "Settings";
                });
            verify(item("storageRecords").text.startsWith("០ ("), item("storageRecords").text);
            tap("settingsLanguage:en");
            tryCompare(Language, "code", "en");
            compare(item("screenTitle").text, "Settings");
        }

        function test_2_server_address_is_checked_and_kept() {
            const before = Session.serverUrl;
            typeInto("serverAddressField", "phum.example.org");
            tap("saveServerButton");
            verify(item("serverProblem").visible);
            verify(item("serverProblem").text.indexOf("https://") >= 0);
            compare(Session.serverUrl, before);
            typeInto("serverAddressField", "http://127.0.0.1:1/");
            tap("saveServerButton");
            tryCompare(item("serverSaved"), "visible", true);
            compare(Session.serverUrl, "http://127.0.0.1:1");
            // The next sync goes to the new address (nothing listens there).
            tap("syncButton");
            tryCompare(shell.sync, "running", false, 60000);
            verify(shell.sync.lastError !== "");
            typeInto("serverAddressField", before);
            tap("saveServerButton");
            compare(Session.serverUrl, before);
        }

        function test_3_photos_setting_is_kept() {
            compare(AppSettings.photosOnlyUnmetered, false);
            verify(AppSettings.photosMayUpload);
            tap("photosUnmeteredSwitch");
            tryCompare(AppSettings, "photosOnlyUnmetered", true);
            compare(AppSettings.photosMayUpload, !AppSettings.metered);
            verify(item("connectionCost").text !== "");
            tap("photosUnmeteredSwitch");
            tryCompare(AppSettings, "photosOnlyUnmetered", false);
        }

        function test_4_storage_counts_a_saved_record() {
            shell.goHome();
            tap("newRecordButton");
            tryCompare(shell.stack, "depth", 2);
            tryCompare(shell.stack, "busy", false);
            tap("startForm:quick_registration");
            const form = Driver.formPage(test, shell).controller;
            Driver.type(test, shell, "respondent_name", "Keo Dara");
            Driver.choose(test, shell, "sex", "male");
            Driver.type(test, shell, "age", "40");
            Driver.type(test, shell, "village_code", "12010203");
            tap("nextButton");
            verify(form.onFinishPage);
            tap("finalizeButton");
            tryCompare(shell.stack, "depth", 1);
            openSettings();
            verify(item("storageRecords").text.startsWith("1 ("), item("storageRecords").text);
            shell.goHome();
        }
    }
}
