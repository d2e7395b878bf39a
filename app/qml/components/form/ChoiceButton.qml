import QtQuick
import QtQuick.Controls
import Phum

// One answer of a choice question: a large button whose label wraps (long Khmer labels never
// clip), marked when chosen: a filled circle for one choice, a tick for several.
Button {
    id: control

    property bool selected: false
    property bool multiple: false

    implicitHeight: Math.max(Theme.touchTarget, contentItem.implicitHeight + 2 * Theme.spacingSmall)
    font.pixelSize: Theme.fontNormal
    Accessible.name: text
    Accessible.checkable: true
    Accessible.checked: selected

    contentItem: Item {
        implicitHeight: Math.max(mark.implicitHeight, words.implicitHeight)

        Label {
            id: mark

            text: control.multiple ? (control.selected ? "\u2611" : "\u2610") : (control.selected ? "\u25C9" : "\u25CB")
            font.family: "DejaVu Sans"
            font.pixelSize: Theme.fontLarge
            color: control.selected ? Theme.primaryInk : Theme.textMuted
            anchors.verticalCenter: parent.verticalCenter
        }

        Label {
            id: words

            text: Theme.digits(control.text)
            font: control.font
            color: control.selected ? Theme.primaryInk : Theme.text
            wrapMode: Text.Wrap
            anchors.left: mark.right
            anchors.leftMargin: Theme.spacingSmall
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
        }
    }

    background: Rectangle {
        radius: Theme.radius
        color: control.selected ? Theme.primary : control.down ? Qt.darker(Theme.surface, 1.1) : Theme.surface
        border.color: control.selected ? Theme.primary : Theme.border
        border.width: 2
    }
}
