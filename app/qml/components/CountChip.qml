import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// "✓ Sent 12": one outbox counter in the sync bar, coloured like the matching record chips.
Rectangle {
    id: chip

    property string recordState: "queued"
    property string label: ""
    property int count: 0

    implicitHeight: Theme.minTouchTarget
    implicitWidth: row.implicitWidth + 2 * Theme.spacing
    radius: height / 2
    color: count > 0 ? Theme.stateColor(recordState) : Theme.surface
    border.color: Theme.stateColor(recordState)
    border.width: 2

    RowLayout {
        id: row

        anchors.centerIn: parent
        spacing: Theme.spacingSmall

        Label {
            text: Theme.stateIcon(chip.recordState)
            font.family: "DejaVu Sans"
            font.pixelSize: Theme.fontNormal
            color: chip.count > 0 ? Theme.primaryInk : Theme.stateColor(chip.recordState)
        }

        Label {
            text: chip.label
            font.pixelSize: Theme.fontSmall
            color: chip.count > 0 ? Theme.primaryInk : Theme.text
        }

        Label {
            objectName: "count_" + chip.recordState
            text: Theme.digits(chip.count)
            font.pixelSize: Theme.fontNormal
            font.bold: true
            color: chip.count > 0 ? Theme.primaryInk : Theme.text
        }
    }
}
