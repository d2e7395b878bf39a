import QtQuick
import QtQuick.Controls
import Phum

// A large, high-contrast button with an icon and a plain word.
Button {
    id: control

    property string symbol: ""
    property color fill: Theme.primary
    property color ink: Theme.primaryInk
    property color outline: "transparent"

    implicitHeight: Theme.touchTarget
    implicitWidth: Math.max(Theme.touchTarget * 2, contentItem.implicitWidth + 2 * Theme.spacing)
    font.pixelSize: Theme.fontLarge
    Accessible.name: text

    // Icon and word centred together, whatever width the layout gives the button.
    contentItem: Item {
        implicitWidth: row.implicitWidth
        implicitHeight: row.implicitHeight

        Row {
            id: row

            anchors.centerIn: parent
            spacing: Theme.spacingSmall

            Label {
                visible: control.symbol !== ""
                text: control.symbol
                font.family: "DejaVu Sans"
                font.pixelSize: control.font.pixelSize
                color: control.ink
                anchors.verticalCenter: parent.verticalCenter
            }

            Label {
                text: control.text
                font: control.font
                color: control.ink
                anchors.verticalCenter: parent.verticalCenter
            }
        }
    }

    background: Rectangle {
        radius: Theme.radius
        color: !control.enabled ? Theme.border : control.down ? Qt.darker(control.fill, 1.25) : control.fill
        border.color: control.outline
        border.width: 2
    }
}
