import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// The hour, then the minutes (in steps of five), each as a grid of large buttons.
ColumnLayout {
    id: root

    property string selected: ""   // "HH:MM" or ""
    property string name: ""       // the question's path, for object names
    readonly property int hour: selected === "" ? -1 : Number(selected.substring(0, 2))
    readonly property int minute: selected === "" ? -1 : Number(selected.substring(3, 5))

    signal picked(string time)

    function two(n) {
        return String(n).padStart(2, "0");
    }

    spacing: Theme.spacingSmall

    Label {
        text: qsTr("Hour")
        font.pixelSize: Theme.fontNormal
        color: Theme.textMuted
    }

    GridLayout {
        columns: 8
        columnSpacing: 4
        rowSpacing: 4
        Layout.fillWidth: true

        Repeater {
            model: 24

            ChoiceButton {
                required property int index

                objectName: "hour:" + root.name + ":" + index
                text: root.two(index)
                selected: index === root.hour
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                onClicked: root.picked(root.two(index) + ":" + root.two(Math.max(root.minute, 0)))
            }
        }
    }

    Label {
        text: qsTr("Minutes")
        font.pixelSize: Theme.fontNormal
        color: Theme.textMuted
    }

    GridLayout {
        columns: 6
        columnSpacing: 4
        rowSpacing: 4
        Layout.fillWidth: true

        Repeater {
            model: 12

            ChoiceButton {
                required property int index

                objectName: "minute:" + root.name + ":" + index * 5
                text: root.two(index * 5)
                selected: index * 5 === root.minute
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                onClicked: root.picked(root.two(Math.max(root.hour, 0)) + ":" + root.two(index * 5))
            }
        }
    }
}
