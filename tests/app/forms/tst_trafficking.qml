import QtQuick
import QtTest
import Phum
import "../form_driver.js" as Driver

// A 17-year-old girl trafficked onto a fishing boat: the guardian's consent is asked because she
// is a minor, the narrative is typed in a multi-line box, the optional photo is left out.
// Finalized, sent, accepted by the server.
Item {
    width: 1280
    height: 800

    AppShell {
        id: appShell

        anchors.fill: parent
    }

    MissionFormTest {
        id: test

        function test_trafficking_case_report() {
            const form = startForm("trafficking_case_report");
            today("report_date");
            type("victim_age", "17");
            choose("con_Consent", "TRUE");
            // Under 18: the guardian must consent too, on the same page, at once.
            tryVerify(() => {
                    return Driver.findItem(shell, "question:guardian_consent").visible;
                });
            choose("guardian_consent", "TRUE");
            choose("guardian_relation", "parent");
            verify(!Driver.findItem(shell, "note:no_consent_note").visible);
            next("victim");
            type("prs_Name", "Srey Neang");
            choose("prs_Gender", "Feminine");
            choose("prs_Citizenship", "KH");
            next("origin");
            choose("origin_province", "01");
            choose("origin_district", "0110");
            choose("origin_commune", "011002");
            choose("origin_village", "01100201");
            next("exploitation");
            chooseMany("vic_TypeOfExploitation", ["ForcedLabourFishing"]);
            chooseMany("vic_MethodsOfControl", ["WithholdsDocuments", "DebtBondage"]);
            choose("recruiter_type", "broker");
            verify(!Driver.findItem(shell, "question:recruiter_agency").visible);
            chooseMany("vic_MethodOfRecruitment", ["ThroughFriendsOrSocialEvents"]);
            choose("destination_country", "thailand");
            choose("vic_ForcedLabourIndustry", "A_AgricultureForestryAndFishing");
            type("vic_LocationOfExploitation", "Fishing boat off Songkhla");
            choose("vic_TraffickingStatus", "PossibleVictimOfTrafficking");
            next("situation");
            choose("current_situation", "repatriated");
            choose("urgency", "urgent");
            chooseMany("referral", ["mrc"]);
            choose("referral_service", "MRC-01");
            compare(Driver.value(test, shell, "cas_Status"), "Active");  // the form's default
            type("narrative", "Recruited by a neighbour, kept on the boat for a year.");
            Driver.showQuestion(test, shell, "photo");
            compare(Driver.item(test, shell, "photo:photo").text, "No photo yet");
            finalizeAndSend();
        }

        name: "TraffickingCaseReport"
        shell: appShell
    }
}
