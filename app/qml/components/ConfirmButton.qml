import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// A button for something that cannot be undone (remove a household member, delete a draft): the
// first tap asks, in words, and only "Yes" does it. Object names: `name`, `name:yes`, `name:no`.
ColumnLayout {
    id: root

    property string name: ""
    property string text: ""
    property string symbol: "\u2717"
    property string question: ""
    property string yesText: text
    property bool asking: false

    signal confirmed

    spacing: Theme.spacingSmall

    BigButton {
        objectName: root.name
        visible: !root.asking
        symbol: root.symbol
        text: root.text
        fill: Theme.surface
        ink: Theme.danger
        outline: Theme.danger
        onClicked: root.asking = true
    }

    Label {
        visible: root.asking
        text: root.question
        color: Theme.danger
        font.pixelSize: Theme.fontNormal
        wrapMode: Text.Wrap
        Layout.maximumWidth: 440
    }

    RowLayout {
        visible: root.asking
        spacing: Theme.spacingSmall

        BigButton {
            objectName: root.name + ":yes"
            symbol: "\u2717"
            text: root.yesText
            fill: Theme.danger
            onClicked: {
                root.asking = false;
                root.confirmed();
            }
        }

        BigButton {
            objectName: root.name + ":no"
            text: qsTr("No, keep it")
            fill: Theme.surface
            ink: Theme.text
            outline: Theme.border
            onClicked: root.asking = false
        }
    }
}
