import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// Offline sign-in with the PIN chosen at the first sign-in.
ColumnLayout {
    id: page

    required property AccountsController accounts

    function displayName() {
        const users = page.accounts.users;
        for (let i = 0; i < users.length; ++i) {
            if (users[i].username === page.accounts.chosenUser)
                return users[i].displayName;
        }
        return page.accounts.chosenUser;
    }

    spacing: Theme.spacing

    Label {
        objectName: "unlockTitle"
        text: "\u263A " + page.displayName()
        font.pixelSize: Theme.fontTitle
        font.bold: true
        Layout.fillWidth: true
    }

    TextEntry {
        id: pin

        label: qsTr("Your PIN")
        fieldName: "pinField"
        secret: true
        digits: true
        maximumLength: 8
        Layout.maximumWidth: 420
        Layout.fillWidth: true
        Component.onCompleted: pin.input.forceActiveFocus()
        onAccepted: unlockButton.clicked()
    }

    BigButton {
        id: unlockButton

        objectName: "unlockButton"
        symbol: "\u2713"
        text: qsTr("Open")
        fill: Theme.accept
        enabled: !page.accounts.busy
        Layout.preferredWidth: 280
        onClicked: {
            page.accounts.unlock(pin.text);
            pin.text = "";
        }
    }

    RowLayout {
        spacing: Theme.spacing

        BigButton {
            objectName: "forgotPinButton"
            text: qsTr("Forgot PIN? Use password")
            fill: Theme.surface
            ink: Theme.text
            outline: Theme.border
            enabled: !page.accounts.busy
            onClicked: page.accounts.startOnlineSignIn(page.accounts.chosenUser)
        }

        BigButton {
            objectName: "otherUserButton"
            symbol: "\u2190"
            text: qsTr("Another user")
            fill: Theme.surface
            ink: Theme.text
            outline: Theme.border
            enabled: !page.accounts.busy
            onClicked: page.accounts.backToUsers()
        }
    }
}
