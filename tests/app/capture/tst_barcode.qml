import QtQuick
import QtTest
import Phum
import "../form_driver.js" as Driver

// The XLSForm barcode question answered from a picture: the Code 128 barcode drawn by zxing-cpp's
// writer is read by the same reader as enrolment QR codes, and the server accepts the record.
Item {
    width: 1280
    height: 800

    AppShell {
        id: appShell

        anchors.fill: parent
    }

    CaptureTest {
        id: test

        function test_barcode_read_from_a_picture() {
            startForm();
            Driver.showQuestion(test, shell, "box_code");
            tap("scanPicture:box_code");
            Driver.reveal(shell, item("picture:box-code.png"));
            for (const name of ["household-document.jpg", "box-code.png"])
                tryCompare(item("thumbnail:" + name), "status", Image.Ready);
            screenshots("barcode-pick");
            tap("picture:household-document.jpg");  // no code in it: said plainly
            const problem = item("scanError:box_code");
            tryVerify(() => {
                    return problem.visible && problem.text.indexOf("No QR code or barcode") >= 0;
                });
            compare(value("box_code"), "");
            tap("picture:box-code.png");
            tryCompare(item("input:box_code"), "text", "PHUM-BOX-0042");
            compare(value("box_code"), "PHUM-BOX-0042");
            screenshots("barcode");
            finalizeAndSend();
        }

        name: "Barcode"
        shell: appShell
    }
}
