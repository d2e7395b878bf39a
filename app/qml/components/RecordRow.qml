import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// One record in the list: who, where, when, and its sync state; a refused record says why.
Rectangle {
    id: row

    // Names match RecordListModel's roles, so a ListView fills them in.
    required property string title
    required property string syncState
    required property string reason
    required property string locationCode
    required property date createdAt

    implicitHeight: Math.max(Theme.touchTarget + 16, layout.implicitHeight + 2 * Theme.spacing)
    radius: Theme.radius
    color: Theme.surface
    border.color: syncState === "rejected" ? Theme.danger : Theme.border
    border.width: syncState === "rejected" ? 2 : 1

    RowLayout {
        id: layout

        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing

        ColumnLayout {
            spacing: 2
            Layout.fillWidth: true

            Label {
                objectName: "recordTitle"
                text: row.title !== "" ? row.title : qsTr("(no name)")
                font.pixelSize: Theme.fontLarge
                font.bold: true
                elide: Text.ElideRight
                Layout.fillWidth: true
            }

            Label {
                text: qsTr("Village %1 · %2").arg(Theme.digits(row.locationCode)).arg(Theme.digits(Qt.formatDateTime(row.createdAt, "dd/MM/yyyy hh:mm")))
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
                elide: Text.ElideRight
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
        }

        StateChip {
            recordState: row.syncState
            Layout.alignment: Qt.AlignVCenter
        }
    }
}
