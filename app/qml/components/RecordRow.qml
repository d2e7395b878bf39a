import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// One record in a list: who, which form, where, when, and where it stands; a refused or returned
// record says why and opens for correction, any other opens read-only.
ItemDelegate {
    id: row

    // Names match RecordListModel's roles, so a ListView or Repeater fills them in.
    required property string uuid
    required property string title
    required property string formTitle
    required property string syncState
    required property string reason
    required property string locationCode
    required property date updatedAt
    required property bool canCorrect

    signal viewRequested(string uuid)
    signal correctRequested(string uuid)

    objectName: "record:" + uuid
    implicitHeight: Math.max(Theme.touchTarget + 16, layout.implicitHeight)
    padding: 0
    onClicked: canCorrect ? correctRequested(uuid) : viewRequested(uuid)

    contentItem: RowLayout {
        id: layout

        spacing: Theme.spacing

        ColumnLayout {
            spacing: 2
            Layout.fillWidth: true
            Layout.margins: Theme.spacing

            Label {
                objectName: "recordTitle"
                text: row.title !== "" ? Theme.digits(row.title) : qsTr("(no name)")
                font.pixelSize: Theme.fontLarge
                font.bold: true
                wrapMode: Text.Wrap
                maximumLineCount: 2
                Layout.fillWidth: true
            }

            Label {
                text: Theme.digits(qsTr("%1 · place %2 · %3").arg(row.formTitle).arg(row.locationCode !== "" ? row.locationCode : "-").arg(Qt.formatDateTime(row.updatedAt, "dd/MM/yyyy HH:mm")))
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            Label {
                objectName: "recordReason"
                visible: row.reason !== "" && (row.syncState === "rejected" || row.syncState === "failed")
                text: (row.syncState === "rejected" ? qsTr("Refused by the office: %1") : qsTr("Not sent: %1")).arg(row.reason)
                font.pixelSize: Theme.fontSmall
                color: row.syncState === "rejected" ? Theme.danger : Theme.warning
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            Label {
                objectName: "notAcceptedHint"
                visible: row.syncState === "not_accepted"
                text: qsTr("Rejected by review: open it to see the reason.")
                font.pixelSize: Theme.fontSmall
                color: Theme.danger
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            Label {
                visible: row.syncState === "returned"
                text: qsTr("Returned by the reviewer: open it to see what to correct.")
                font.pixelSize: Theme.fontSmall
                color: Theme.stateReturned
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }

        StateChip {
            recordState: row.syncState
            Layout.alignment: Qt.AlignVCenter
            Layout.rightMargin: Theme.spacing
        }
    }

    background: Rectangle {
        radius: Theme.radius
        color: row.down ? Qt.darker(Theme.surface, 1.06) : Theme.surface
        border.color: row.canCorrect ? Theme.stateColor(row.syncState) : Theme.border
        border.width: row.canCorrect ? 2 : 1
    }
}
