import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// A question: its label, the input (given as the child), a hint, and the problem with the answer.
ColumnLayout {
    id: root

    property string label: ""
    property string hint: ""
    property string error: ""
    default property alias input: holder.data

    spacing: 4

    Label {
        text: root.label
        font.pixelSize: Theme.fontLarge
        font.bold: true
        Layout.fillWidth: true
        wrapMode: Text.Wrap
    }

    Item {
        id: holder

        implicitHeight: childrenRect.height
        Layout.fillWidth: true
    }

    Label {
        visible: root.hint !== "" && root.error === ""
        text: root.hint
        font.pixelSize: Theme.fontSmall
        color: Theme.textMuted
        Layout.fillWidth: true
        wrapMode: Text.Wrap
    }

    Label {
        objectName: "error"
        visible: root.error !== ""
        text: "\u26A0 " + root.error
        font.pixelSize: Theme.fontNormal
        color: Theme.danger
        Layout.fillWidth: true
        wrapMode: Text.Wrap
    }
}
