import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// Online sign-in with the password from the administrator, choosing the PIN for later offline
// sign-ins. Also the way back in after a forgotten PIN or a lockout.
ColumnLayout {
    id: page

    required property AccountsController accounts

    function submit() {
        page.accounts.signIn(username.text, password.text, pin.text, pinAgain.text);
    }

    spacing: Theme.spacing

    Label {
        text: qsTr("Sign in")
        font.pixelSize: Theme.fontTitle
        font.bold: true
        Layout.fillWidth: true
    }

    Label {
        text: qsTr("The first time, the tablet must be online. After that your PIN is enough.")
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    RowLayout {
        spacing: Theme.spacing * 2
        Layout.fillWidth: true

        TextEntry {
            id: username

            label: qsTr("Username")
            fieldName: "usernameField"
            text: page.accounts.chosenUser
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            onAccepted: password.input.forceActiveFocus()
        }

        TextEntry {
            id: password

            label: qsTr("Password")
            fieldName: "passwordField"
            secret: true
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            onAccepted: pin.input.forceActiveFocus()
        }
    }

    RowLayout {
        spacing: Theme.spacing * 2
        Layout.fillWidth: true

        TextEntry {
            id: pin

            label: qsTr("Choose a PIN")
            hint: qsTr("4 to 8 numbers, Khmer or English")
            fieldName: "newPinField"
            secret: true
            digits: true
            maximumLength: 8
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.alignment: Qt.AlignTop
            onAccepted: pinAgain.input.forceActiveFocus()
        }

        TextEntry {
            id: pinAgain

            label: qsTr("Type the PIN again")
            fieldName: "newPinAgainField"
            secret: true
            digits: true
            maximumLength: 8
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.alignment: Qt.AlignTop
            onAccepted: page.submit()
        }
    }

    RowLayout {
        spacing: Theme.spacing * 2

        BigButton {
            objectName: "signInButton"
            symbol: "\u2713"
            text: qsTr("Sign in")
            fill: Theme.accept
            enabled: !page.accounts.busy
            Layout.preferredWidth: 280
            onClicked: page.submit()
        }

        BigButton {
            objectName: "backButton"
            visible: page.accounts.users.length > 0
            symbol: "\u2190"
            text: qsTr("Back")
            fill: Theme.surface
            ink: Theme.text
            outline: Theme.border
            enabled: !page.accounts.busy
            onClicked: page.accounts.backToUsers()
        }
    }
}
