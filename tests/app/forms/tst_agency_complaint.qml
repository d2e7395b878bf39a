import QtQuick
import QtTest
import Phum
import "../form_driver.js" as Driver

// A mother complains that a licensed agency took her daughter's passport and did not pay her in
// Malaysia: the agency comes from the tablet's registry and is on its watch list (the question
// warns), the serious complaint shows the watch note. Finalized, sent, accepted by the server.
Item {
    width: 1280
    height: 800

    AppShell {
        id: appShell

        anchors.fill: parent
    }

    MissionFormTest {
        id: test

        function test_agency_complaint() {
            const form = startForm("agency_complaint");
            today("complaint_date");
            choose("consent", "yes");
            next("complainant");
            choose("complainant_role", "family");
            type("complainant_name", "Keo Sophea");
            choose("complainant_sex", "female");
            type("complainant_phone", "098765432");
            type("worker_name", "Keo Srey Pov");
            choose("worker_sex", "female");
            type("worker_age", "22");
            next("origin");
            choose("origin_province", "01");
            choose("origin_district", "0102");
            choose("origin_commune", "010203");
            choose("origin_village", "01020301");
            next("agency_group");
            choose("agency_in_registry", "yes");
            // SAMPLE-0002 is on the registry's watch list (data/reference/agencies.csv), 0001 not.
            choose("agency", "SAMPLE-0001");
            verify(!Driver.findItem(shell, "watchWarning:agency").visible);
            choose("agency", "SAMPLE-0002");
            tryVerify(() => {
                    return Driver.findItem(shell, "watchWarning:agency").visible;
                });
            choose("destination_country", "malaysia");
            next("complaint");
            chooseMany("issues", ["passport_confiscation", "unpaid_salary"]);
            type("amount_paid_usd", "1500");
            type("unpaid_salary_usd", "900");
            tryVerify(() => {
                    return Driver.findItem(shell, "note:watch_note").visible;
                });
            chooseMany("desired_resolution", ["return_documents", "unpaid_wages"]);
            compare(Driver.value(test, shell, "case_status"), "received");
            choose("consent_followup", "yes");
            finalizeAndSend();
        }

        name: "AgencyComplaint"
        shell: appShell
    }
}
