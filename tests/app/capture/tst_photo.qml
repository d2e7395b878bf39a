import QtQuick
import QtQuick.Controls
import QtTest
import Phum
import "../form_driver.js" as Driver

// A photo through the screen: a 4000x3000 picture picked on the tablet is scaled to the form's
// max-pixels (1200 on the long side), attached to the record, sent with the record through the
// resumable attachment upload, and the server's copy has the same SHA-256 as the tablet's. The
// record then shows the photo as sent. A photo of a sensitive question is sealed for the server
// at finalize: its record shows a sealed frame in its place.
Item {
    width: 1280
    height: 800

    AppShell {
        id: appShell

        anchors.fill: parent
    }

    CaptureTest {
        id: test

        function test_photo_picked_scaled_attached_and_uploaded() {
            const controller = startForm();
            Driver.showQuestion(test, shell, "document");
            compare(item("photo:document").text, "No photo yet");
            tap("pickPhoto:document");
            tap("picture:household-document.jpg");
            tryVerify(() => {
                    return value("document") !== "";
                });
            const name = value("document");
            verify(/^photo-[0-9a-f-]+\.jpg$/.test(name), name);
            const onTablet = controller.photoUrl(name);
            verify(onTablet !== "");
            compare(capture.imageSize(onTablet), "1200x900");
            tryVerify(() => {
                    return item("photoImage:document").visible;
                });
            screenshots("photo");
            const tabletHash = capture.sha256(onTablet);
            const uuid = finalizeAndSend();
            compare(capture.serverSha256(uuid, name), tabletHash);
            // The record shows its photo as sent.
            tryCompare(shell.stack, "busy", false);
            tap("allRecordsButton");
            tryCompare(shell.stack, "depth", 2);
            tryCompare(shell.stack, "busy", false);
            tap("record:" + uuid);
            tryCompare(shell.stack, "busy", false);
            Driver.showQuestion(test, shell, "document");
            const upload = item("upload:document");
            tryVerify(() => {
                    return upload.visible && upload.text.indexOf("Photo sent") >= 0;
                }, 5000, upload.text);
            // The read-only view of a one-page form: page 1 of 1 is the whole bar.
            const progress = item("pageProgress");
            compare(progress.value, progress.to);
            screenshots("photo-sent");
            sealedPhotoShowsAFrame(uuid);
        }

        function sealedPhotoShowsAFrame(sentUuid) {
            shell.stack.pop(null, StackView.Immediate);
            tryCompare(shell.stack, "busy", false);
            tap("newRecordButton");
            tryCompare(shell.stack, "depth", 2);
            tryCompare(shell.stack, "busy", false);
            tap("startForm:capture_check");
            Driver.type(test, shell, "household", "Chan family");
            Driver.showQuestion(test, shell, "injury");
            tap("pickPhoto:injury");
            tap("picture:household-document.jpg");
            tryVerify(() => {
                    return value("injury") !== "";
                });
            tap("nextButton");
            tryVerify(() => {
                    return form().onFinishPage;
                });
            tap("finalizeButton");
            tryCompare(shell.stack, "depth", 1);
            tryCompare(shell.records, "count", 2);
            let uuid = "";
            for (let i = 0; i < shell.records.count; ++i)
                if (shell.records.get(i).uuid !== sentUuid)
                    uuid = shell.records.get(i).uuid;
            tryCompare(shell.stack, "busy", false);
            tap("allRecordsButton");
            tryCompare(shell.stack, "depth", 2);
            tryCompare(shell.stack, "busy", false);
            tap("record:" + uuid);
            tryCompare(shell.stack, "busy", false);
            Driver.showQuestion(test, shell, "injury");
            const frame = item("photoSealed:injury");
            tryVerify(() => {
                    return frame.visible;
                });
            verify(!item("photoImage:injury").visible);
            // The phrase on one line in both languages: never broken inside a Khmer word.
            for (const code of ["en", "km"]) {
                Language.code = code;
                waitForRendering(shell);
                compare(item("photoSealedText:injury").lineCount, 1, code);
            }
            Language.code = "en";
            screenshots("photo-sealed");
        }

        name: "Photo"
        shell: appShell
    }
}
