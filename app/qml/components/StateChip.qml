import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// Where one record stands: waiting, sending, sent, not sent (will retry), refused by the server,
// returned by a reviewer for correction, approved, or rejected by a reviewer for good.
Rectangle {
    id: chip

    property string recordState: "queued"

    function label(state) {
        switch (state) {
        case "sending":
            return qsTr("Sending");
        case "sent":
            return qsTr("Sent");
        case "failed":
            return qsTr("Not sent yet");
        case "rejected":
            return qsTr("Refused");
        case "returned":
            return qsTr("To correct");
        case "approved":
            return qsTr("Approved");
        case "not_accepted":
            return qsTr("Rejected by review");
        }
        return qsTr("Waiting");
    }

    implicitHeight: 44
    implicitWidth: row.implicitWidth + 2 * Theme.spacing
    radius: height / 2
    color: Theme.stateColor(recordState)

    RowLayout {
        id: row

        anchors.centerIn: parent
        spacing: Theme.spacingSmall

        Label {
            text: Theme.stateIcon(chip.recordState)
            font.family: "DejaVu Sans"
            font.pixelSize: Theme.fontNormal
            color: Theme.primaryInk
        }

        Label {
            text: chip.label(chip.recordState)
            font.pixelSize: Theme.fontSmall
            color: Theme.primaryInk
        }
    }
}
