import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// A shared tablet: everyone who signed in here before gets a big button; a new person signs in
// with the password.
ColumnLayout {
    id: page

    required property AccountsController accounts

    spacing: Theme.spacing

    Label {
        text: qsTr("Who is using the tablet?")
        font.pixelSize: Theme.fontTitle
        font.bold: true
        Layout.fillWidth: true
    }

    Flow {
        spacing: Theme.spacing
        Layout.fillWidth: true

        Repeater {
            model: page.accounts.users

            BigButton {
                required property var modelData

                objectName: "user_" + modelData.username
                symbol: modelData.lockedOut ? "\u26A0" : "\u263A"
                text: modelData.displayName
                enabled: !page.accounts.busy
                onClicked: page.accounts.chooseUser(modelData.username)
            }
        }
    }

    BigButton {
        objectName: "newUserButton"
        symbol: "+"
        text: qsTr("New user")
        fill: Theme.surface
        ink: Theme.text
        outline: Theme.border
        enabled: !page.accounts.busy
        onClicked: page.accounts.startOnlineSignIn("")
    }
}
