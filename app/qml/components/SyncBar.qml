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

        // While sending: records and photos, counted and in bytes (from the core's progress).
        GridLayout {
            objectName: "syncProgress"
            visible: bar.controller.running && (bar.controller.recordsTotal > 0 || bar.controller.photosTotal > 0)
            columns: 2
            columnSpacing: Theme.spacing
            rowSpacing: 2
            Layout.fillWidth: true

            Label {
                objectName: "recordProgress"
                visible: bar.controller.recordsTotal > 0
                text: Theme.digits(qsTr("Records: %1 of %2 (%3 of %4)").arg(bar.controller.recordsSent).arg(bar.controller.recordsTotal).arg(AppSettings.sizeText(bar.controller.recordBytesSent)).arg(AppSettings.sizeText(bar.controller.recordBytesTotal)))
                font.pixelSize: Theme.fontSmall
            }

            ProgressBar {
                visible: bar.controller.recordsTotal > 0
                from: 0
                to: Math.max(1, bar.controller.recordBytesTotal)
                value: bar.controller.recordBytesSent
                Layout.fillWidth: true
            }

            Label {
                objectName: "photoProgress"
                visible: bar.controller.photosTotal > 0
                text: Theme.digits(qsTr("Photos: %1 of %2 (%3 of %4)").arg(bar.controller.photosSent).arg(bar.controller.photosTotal).arg(AppSettings.sizeText(bar.controller.photoBytesSent)).arg(AppSettings.sizeText(bar.controller.photoBytesTotal)))
                font.pixelSize: Theme.fontSmall
            }

            ProgressBar {
                visible: bar.controller.photosTotal > 0
                from: 0
                to: Math.max(1, bar.controller.photoBytesTotal)
                value: bar.controller.photoBytesSent
                Layout.fillWidth: true
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
