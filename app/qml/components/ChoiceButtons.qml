import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// One choice out of a few, as big toggle buttons (easier than a drop-down for slow readers).
// `choices`: [{ name: "female", label: qsTr("Woman"), icon: "\u2640" }, ...]
RowLayout {
    id: root

    property var choices: []
    property string value: ""
    property string objectNamePrefix: "choice"

    signal chosen(string name)

    spacing: Theme.spacing

    Repeater {
        model: root.choices

        delegate: Button {
            id: choice

            required property var modelData
            readonly property bool selected: root.value === choice.modelData.name

            // e.g. "sexFemale": tests and later UI automation find choices by name.
            objectName: root.objectNamePrefix + choice.modelData.name.charAt(0).toUpperCase() + choice.modelData.name.slice(1)
            Layout.preferredWidth: 220
            Layout.preferredHeight: Theme.touchTarget
            text: choice.modelData.label
            font.pixelSize: Theme.fontLarge
            Accessible.name: text
            onClicked: root.chosen(choice.modelData.name)

            contentItem: Row {
                spacing: Theme.spacingSmall

                Label {
                    text: choice.modelData.icon
                    font.family: "DejaVu Sans"
                    font.pixelSize: Theme.fontLarge
                    color: choice.selected ? Theme.primaryInk : Theme.text
                    anchors.verticalCenter: parent.verticalCenter
                }

                Label {
                    text: choice.text
                    font: choice.font
                    color: choice.selected ? Theme.primaryInk : Theme.text
                    anchors.verticalCenter: parent.verticalCenter
                }
            }

            background: Rectangle {
                radius: Theme.radius
                color: choice.selected ? Theme.primary : Theme.surface
                border.color: choice.selected ? Theme.primary : Theme.border
                border.width: 2
            }
        }
    }
}
