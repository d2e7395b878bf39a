import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// The entries of a repeat (e.g. the members of a household): how many, each with its first
// answer and its problems, to open or remove (after a confirmation), and a button to add one.
// When the form counts the entries by an answer (repeat_count = ${hh_size}), adding and removing
// change that answer; when it counts them otherwise, the list says so and only opens entries.
Item {
    id: root

    required property FormController controller
    required property string path
    required property string label
    required property string hint
    required property bool relevant
    required property var repeat

    objectName: "entries:" + path
    visible: relevant
    implicitHeight: relevant ? column.implicitHeight + 2 * Theme.spacing : 0

    ColumnLayout {
        id: column

        x: Theme.spacing * 2
        y: Theme.spacing
        width: root.width - 4 * Theme.spacing
        spacing: Theme.spacingSmall

        Label {
            objectName: "entryCount:" + root.path
            text: Theme.digits(qsTr("Entries: %1").arg(root.repeat.count))
            font.pixelSize: Theme.fontLarge
            font.bold: true
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        Label {
            visible: root.repeat.countNote !== ""
            text: Theme.digits(root.repeat.countNote)
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        Label {
            visible: root.repeat.count === 0
            text: qsTr("No entries yet.")
            font.pixelSize: Theme.fontNormal
            color: Theme.textMuted
            Layout.fillWidth: true
        }

        Repeater {
            model: root.repeat.entries

            Rectangle {
                id: entry

                required property var modelData

                implicitHeight: row.implicitHeight + 2 * Theme.spacingSmall
                radius: Theme.radius
                color: Theme.surface
                border.color: modelData.problems > 0 ? Theme.warning : Theme.border
                Layout.fillWidth: true

                // Side by side on a wide screen; the buttons under the name when upright.
                GridLayout {
                    id: row

                    x: Theme.spacing
                    y: Theme.spacingSmall
                    width: entry.width - 2 * Theme.spacing
                    columns: width > 900 ? 2 : 1
                    columnSpacing: Theme.spacing

                    ColumnLayout {
                        spacing: 2
                        Layout.fillWidth: true

                        Label {
                            text: Theme.digits(qsTr("%1 %2", "repeat label, entry number").arg(root.label).arg(entry.modelData.position)) + (entry.modelData.summary !== "" ? " \u00B7 " + entry.modelData.summary : "")
                            font.pixelSize: Theme.fontLarge
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }

                        Label {
                            visible: entry.modelData.problems > 0
                            text: "\u26A0 " + Theme.digits(qsTr("Answers to look at: %1").arg(entry.modelData.problems))
                            color: Theme.warning
                            font.pixelSize: Theme.fontSmall
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                    }

                    RowLayout {
                        spacing: Theme.spacingSmall
                        Layout.alignment: Qt.AlignRight | Qt.AlignVCenter

                        BigButton {
                            objectName: "open:" + root.path + ":" + entry.modelData.position
                            text: qsTr("Open")
                            symbol: "\u203A"
                            onClicked: root.controller.openEntry(root.path, entry.modelData.position)
                        }

                        ConfirmButton {
                            name: "remove:" + root.path + ":" + entry.modelData.position
                            visible: root.repeat.canRemove
                            text: qsTr("Remove")
                            question: qsTr("Remove %1 %2 and all their answers?").arg(root.label).arg(Theme.digits(entry.modelData.position))
                            yesText: qsTr("Yes, remove")
                            onConfirmed: root.controller.removeEntry(root.path, entry.modelData.position)
                        }
                    }
                }
            }
        }

        BigButton {
            objectName: "add:" + root.path
            visible: root.repeat.canAdd
            symbol: "+"
            text: qsTr("Add: %1").arg(root.label)
            fill: Theme.accept
            onClicked: root.controller.addEntry(root.path)
        }
    }
}
