import QtQuick
import QtQuick.Controls
import Phum

// One choice of a filter (a state, a period): a finger-sized pill, filled when chosen.
Button {
    id: control

    property bool selected: false

    implicitHeight: Math.max(Theme.minTouchTarget, words.implicitHeight + 2 * Theme.spacingSmall)
    implicitWidth: words.implicitWidth + 2 * Theme.spacing
    Accessible.name: text
    Accessible.checkable: true
    Accessible.checked: selected

    contentItem: Label {
        id: words

        text: control.text
        font.pixelSize: Theme.fontNormal
        color: control.selected ? Theme.primaryInk : Theme.text
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
    }

    background: Rectangle {
        radius: height / 2
        color: control.selected ? Theme.primary : (control.down ? Qt.darker(Theme.surface, 1.08) : Theme.surface)
        border.color: control.selected ? Theme.primary : Theme.border
    }
}
