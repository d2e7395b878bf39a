import QtQuick
import QtTest
import Phum
import "../form_driver.js" as Driver

// A household of three, one of whom went to Thailand through a broker (irregular migration), on
// an empty tablet: download the forms, fill the survey page by page, add a fourth member and
// remove them again (with the confirmation), finalize, send, and the server accepts it.
Item {
    width: 1280
    height: 800

    AppShell {
        id: appShell

        anchors.fill: parent
    }

    MissionFormTest {
        id: test

        function member(n, name, sex, age, marital, education, migrant) {
            const at = "member[" + n + "]/";
            type(at + "member_name", name);
            choose(at + "sex", sex);
            type(at + "age", age);
            if (marital !== "")
                choose(at + "marital_status", marital);
            else
                verify(!Driver.findItem(shell, "question:" + at + "marital_status").visible);
            choose(at + "education", education);
            choose(at + "is_migrant", migrant);
        }

        function test_household_with_an_irregular_migrant() {
            const form = startForm("household_survey");
            compare(form.pageKey, "#intro");
            choose("consent", "yes");
            next("location");
            // Province, district, commune, village: each list follows the answer above it.
            choose("province", "01");
            choose("district", "0102");
            choose("commune", "010201");
            choose("village", "01020101");
            next("household");
            type("respondent_name", "Chan Sokha");
            type("hh_size", "3");
            type("land_ha", "1.5");
            choose("has_debt", "yes");
            type("debt_usd", "800");
            next("@member");
            compare(Driver.item(test, shell, "entryCount:member").text, "Entries: 3");

            // One member too many, removed again: hh_size follows both ways.
            tap("add:member");
            tryCompare(form, "pageKey", "member[4]/#member_name");
            for (let i = 0; i < 4; ++i)
                tap("backButton");
            tryCompare(form, "pageKey", "@member");
            compare(Driver.item(test, shell, "entryCount:member").text, "Entries: 4");
            tap("remove:member:4");
            tap("remove:member:4:yes");
            tryCompare(Driver.item(test, shell, "entryCount:member"), "text", "Entries: 3");
            tap("open:member:1");
            tryCompare(form, "pageKey", "member[1]/#member_name");
            member(1, "Sokha", "female", "45", "currently", "primary", "no");
            next("member[2]/#member_name");
            member(2, "Dara", "male", "24", "never", "secondary", "yes");
            next("member[2]/migration");
            choose("member[2]/destination", "thailand");
            choose("member[2]/channel", "irregular_broker");
            type("member[2]/year_left", "2022");
            choose("member[2]/sector", "construction");
            choose("member[2]/reason", "work");
            choose("member[2]/decided_by", "self");
            type("member[2]/cost_usd", "300");
            choose("member[2]/took_loan", "yes");
            type("member[2]/loan_usd", "200");
            next("member[3]/#member_name");
            member(3, "Srey", "female", "8", "", "primary", "no");
            // Money sent home: asked because a member migrated.
            next("remittances");
            choose("received_remittances", "yes");
            type("remittance_usd", "1200");
            choose("remittance_channel", "mto_phone");
            chooseMany("remittance_uses", ["consumption_food", "debt_repayment"]);
            compare(Driver.value(test, shell, "remittance_uses"), "consumption_food debt_repayment");
            finalizeAndSend();
        }

        name: "HouseholdSurvey"
        shell: appShell
    }
}
