import QtQuick
import QtTest
import Phum
import "../form_driver.js" as Driver

// Drafts in the records list: a household survey left on its "Household" page ("Keep for later")
// is listed under the "Drafts" state with its form, name, page and time, follows the name search,
// and opens again on the page where it was left with its answers.
Item {
    width: 1280
    height: 800

    AppShell {
        id: appShell

        anchors.fill: parent
    }

    MissionFormTest {
        id: test

        function item(name) {
            return Driver.item(test, shell, name);
        }

        function searchFor(text) {
            const field = item("recordSearch");
            field.text = text;
            tryCompare(field, "text", text);
        }

        function test_a_draft_is_listed_and_opens_where_it_was_left() {
            startForm("household_survey");
            choose("consent", "yes");
            next("location");
            choose("province", "01");
            choose("district", "0102");
            choose("commune", "010201");
            choose("village", "01020101");
            next("household");
            type("respondent_name", "Chan Dara");
            tap("closeFormButton");
            tryCompare(shell.stack, "depth", 1);
            tryCompare(shell.stack, "busy", false);
            tap("allRecordsButton");
            tryCompare(shell.stack, "depth", 2);
            tryCompare(shell.stack, "busy", false);
            const page = shell.stack.currentItem;
            verify(!item("draftList").visible);
            tap("stateFilter:drafts");
            verify(page.showsDrafts);
            verify(item("draftList").visible);
            verify(!item("recordList").visible);
            tryCompare(page.drafts, "count", 1);
            compare(item("list-draftTitle:0").text, "Chan Dara");
            compare(item("list-draftPage:0").text, "Stopped at: Household");
            compare(item("recordTotal").text, "Drafts: 1");
            verify(page.drafts.get(0).formTitle.indexOf("Household migration survey") >= 0);
            searchFor("nobody");
            tryCompare(page.drafts, "count", 0);
            searchFor("dara");
            tryCompare(page.drafts, "count", 1);
            searchFor("");

            // Back to the records: no record was finalized.
            tap("stateFilter:");
            verify(!page.showsDrafts);
            tryCompare(page.model, "total", 0);
            tap("stateFilter:drafts");
            tap("list-openDraft:0");
            const form = Driver.formPage(test, shell).controller;
            tryCompare(form, "pageKey", "household");
            compare(Driver.value(test, shell, "respondent_name"), "Chan Dara");
            tap("closeFormButton");
            tryCompare(shell.stack, "depth", 2);
            tryCompare(page.drafts, "count", 1);
        }

        shell: appShell
    }
}
