import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// First start of a new tablet: the administrator's one-time code connects it to the server. The
// printed QR code (phum-admin devices enroll-code --qr-svg) is read with the camera or from a
// picture and enrols at once; typing the code still works.
ColumnLayout {
    id: page

    required property AccountsController accounts

    spacing: Theme.spacing

    Label {
        text: qsTr("Set up this tablet")
        font.pixelSize: Theme.fontTitle
        font.bold: true
        Layout.fillWidth: true
    }

    Label {
        text: qsTr("Scan the QR code or type the one-time code that your administrator gave you. The tablet must be online.")
        // The sign-in card does not scroll: room for the pictures while they are shown.
        visible: scan.mode === ""
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    Label {
        objectName: "serverUrl"
        text: qsTr("Server: %1").arg(Session.serverUrl)
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.WrapAnywhere
        Layout.fillWidth: true
    }

    TextEntry {
        id: code

        label: qsTr("Enrolment code")
        fieldName: "enrolCodeField"
        Layout.fillWidth: true
        onAccepted: page.accounts.enrol(code.text)
    }

    CodeReader {
        id: codes
    }

    CodeScanButtons {
        id: scan

        name: "enrol"
        enabled: !page.accounts.busy
        Layout.fillWidth: true
        onDecoded: text => {
            code.text = codes.enrolmentCode(text);
            // The whole text: the QR may carry the server's key pin as well as the code.
            page.accounts.enrol(text);
        }
    }

    BigButton {
        objectName: "enrolButton"
        symbol: "\u2713"
        text: qsTr("Connect this tablet")
        fill: Theme.accept
        enabled: !page.accounts.busy
        onClicked: page.accounts.enrol(code.text)
    }
}
