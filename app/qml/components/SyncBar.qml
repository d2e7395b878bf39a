import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// Bottom of every screen: how many records wait, are on their way, arrived, failed or were refused,
// when everything last went through, the last error, and the one button that sends them.
ToolBar {
    id: bar

    required property SyncController controller

    implicitHeight: layout.implicitHeight + 2 * Theme.spacingSmall

    ColumnLayout {
        id: layout

        anchors.fill: parent
        anchors.margins: Theme.spacingSmall
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        spacing: Theme.spacingSmall

        RowLayout {
            spacing: Theme.spacingSmall
            Layout.fillWidth: true

            // The counters wrap onto a second line on a narrow (portrait) screen rather than run
            // under the button.
            Flow {
                spacing: Theme.spacingSmall
                Layout.fillWidth: true

                CountChip {
                    recordState: "queued"
                    label: qsTr("Waiting")
                    count: bar.controller.queued
                }

                CountChip {
                    recordState: "sending"
                    label: qsTr("Sending")
                    count: bar.controller.sending
                }

                CountChip {
                    recordState: "sent"
                    label: qsTr("Sent")
                    count: bar.controller.sent
                }

                CountChip {
                    recordState: "failed"
                    label: qsTr("Not sent yet")
                    count: bar.controller.failed
                }

                CountChip {
                    recordState: "rejected"
                    label: qsTr("Refused")
                    count: bar.controller.rejected
                }
            }

            BusyIndicator {
                running: bar.controller.running
                visible: running
                Layout.preferredHeight: Theme.minTouchTarget
                Layout.preferredWidth: Theme.minTouchTarget
            }

            BigButton {
                objectName: "syncButton"
                symbol: "\u21C5"
                text: bar.controller.running ? qsTr("Sending…") : qsTr("Send now")
                enabled: !bar.controller.running
                onClicked: bar.controller.start()
            }
        }

        Label {
            objectName: "lastSynced"
            text: bar.controller.lastSyncedAtMs > 0 ? "\u2713 " + qsTr("Last synced: %1").arg(Theme.digits(Qt.formatDateTime(new Date(bar.controller.lastSyncedAtMs), "dd/MM/yyyy HH:mm"))) : qsTr("Not synced yet")
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            Layout.fillWidth: true
        }

        Label {
            objectName: "syncError"
            visible: bar.controller.lastError !== ""
            text: "\u26A0 " + qsTr("Last problem: %1").arg(bar.controller.lastError)
            color: Theme.danger
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
    }

    background: Rectangle {
        color: Theme.surface
        border.color: Theme.border
    }
}
