import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// Top of every screen: what this screen is, who is signed in, the lock (sign out) button and the
// language switch.
ToolBar {
    id: bar

    property string title: ""
    property string user: ""
    property bool canLock: false

    signal lockRequested

    implicitHeight: 80

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        spacing: Theme.spacing

        Label {
            text: qsTr("Phum")
            font.pixelSize: Theme.fontTitle
            font.bold: true
            color: Theme.headerInk
        }

        Label {
            objectName: "screenTitle"
            text: bar.title
            font.pixelSize: Theme.fontLarge
            color: Theme.headerInk
            elide: Text.ElideRight
            Layout.fillWidth: true
        }

        Label {
            objectName: "signedInUser"
            visible: bar.user !== ""
            text: "\u263A " + bar.user
            font.pixelSize: Theme.fontNormal
            color: Theme.headerInk
        }

        BigButton {
            objectName: "signOutButton"
            visible: bar.canLock
            text: qsTr("Lock")
            fill: "transparent"
            ink: Theme.headerInk
            outline: Theme.headerInk
            font.pixelSize: Theme.fontNormal
            implicitHeight: Theme.minTouchTarget + 8
            onClicked: bar.lockRequested()
        }

        LanguageSwitch {
        }
    }

    background: Rectangle {
        color: Theme.headerBackground
    }
}
