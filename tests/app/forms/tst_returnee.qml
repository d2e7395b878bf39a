import QtQuick
import QtTest
import Phum
import "../form_driver.js" as Driver

// A man deported through Poipet after working irregularly on a Thai fishing boat, registered at
// the crossing point: the crossing point found with the search box, the date from "Today", the
// referral service from the tablet's reference data. Finalized, sent, accepted by the server.
Item {
    width: 1280
    height: 800

    AppShell {
        id: appShell

        anchors.fill: parent
    }

    MissionFormTest {
        id: test

        function test_returnee_at_a_crossing_point() {
            const form = startForm("returnee_registration");
            // The calendar: the first day of this month, then today with one tap.
            tap("pickDate:registration_date");
            tap("day:registration_date:1");
            tryVerify(() => {
                    return Driver.value(test, shell, "registration_date").endsWith("-01");
                });
            today("registration_date");
            compare(Driver.value(test, shell, "registration_date"), form.today());
            // Twelve crossing points: a search box narrows the list.
            Driver.showQuestion(test, shell, "crossing_point");
            tap("search:crossing_point");
            keyClick("P");
            keyClick("o");
            keyClick("i");
            tryVerify(() => {
                    return Driver.findItem(shell, "choice:crossing_point:CHAMYEAM") === null;
                });
            choose("crossing_point", "POIPET");
            choose("consent", "yes");
            next("person");
            type("full_name", "Sok Dara");
            choose("sex", "male");
            type("age", "29");
            verify(!Driver.findItem(shell, "note:minor_note").visible);
            type("phone", "012345678");
            next("origin");
            choose("origin_province", "01");
            choose("origin_district", "0102");
            choose("origin_commune", "010201");
            choose("origin_village", "01020102");
            next("abroad");
            choose("destination_country", "thailand");
            type("destination_area", "Rayong");
            choose("sector", "fisheries");
            type("months_abroad", "14");
            choose("legal_status", "irregular");
            choose("return_reason", "arrested_deported");
            next("problems");
            choose("wages_owed", "yes");
            type("wages_owed_usd", "350");
            choose("documents_holder", "employer");
            chooseMany("abuses", ["unpaid_wages", "excessive_hours"]);
            // Documents kept by the employer: the form asks for a trafficking report.
            tryVerify(() => {
                    return Driver.findItem(shell, "note:trafficking_note").visible;
                });
            next("support");
            chooseMany("needs", ["transport_home", "legal_aid"]);
            choose("referral_made", "yes");
            choose("referred_to", "MRC-01");
            choose("consent_followup", "yes");
            finalizeAndSend();
        }

        name: "ReturneeRegistration"
        shell: appShell
    }
}
