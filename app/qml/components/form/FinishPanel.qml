import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// The last step: whether anything still needs attention (and a way to the first problem), then
// Finalize (only without problems: the record goes to the outbox), keep the draft, or delete it.
Flickable {
    id: root

    required property FormController controller

    signal closeRequested

    contentHeight: column.implicitHeight + 2 * Theme.spacing
    clip: true
    boundsBehavior: Flickable.StopAtBounds

    ColumnLayout {
        id: column

        x: Theme.spacing * 2
        y: Theme.spacing
        width: root.width - 4 * Theme.spacing
        spacing: Theme.spacing

        Label {
            objectName: "finishSummary"
            text: root.controller.readOnly ? qsTr("This record is shown as it was saved. It cannot be changed here.") : root.controller.problemCount > 0 ? "\u26A0 " + Theme.digits(qsTr("Answers to look at before the record can be finalized: %1").arg(root.controller.problemCount)) : "\u2713 " + qsTr("Every answer is complete. Finalize the record to send it to the office.")
            color: root.controller.problemCount > 0 && !root.controller.readOnly ? Theme.warning : Theme.text
            font.pixelSize: Theme.fontLarge
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        BigButton {
            objectName: "firstProblemButton"
            visible: root.controller.problemCount > 0 && !root.controller.readOnly
            symbol: "\u26A0"
            text: qsTr("Go to the first problem")
            fill: Theme.warning
            onClicked: root.controller.goToFirstProblem()
        }

        Label {
            visible: root.controller.correcting
            text: qsTr("This corrects a record that was sent before: finalizing sends the corrected record as a new revision.")
            font.pixelSize: Theme.fontNormal
            color: Theme.textMuted
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        BigButton {
            objectName: "finalizeButton"
            visible: !root.controller.readOnly
            symbol: "\u2713"
            text: qsTr("Finalize")
            fill: Theme.accept
            enabled: root.controller.canFinalize
            Layout.preferredWidth: 320
            onClicked: root.controller.finalize()
        }

        BigButton {
            objectName: "keepDraftButton"
            visible: !root.controller.readOnly
            text: qsTr("Keep as a draft for later")
            fill: Theme.surface
            ink: Theme.text
            outline: Theme.border
            onClicked: root.closeRequested()
        }

        ConfirmButton {
            name: "deleteDraftButton"
            visible: !root.controller.readOnly
            text: qsTr("Delete this draft")
            question: qsTr("Delete this draft and every answer in it? This cannot be undone.")
            yesText: qsTr("Yes, delete it")
            onConfirmed: root.controller.deleteDraft()
        }
    }
}
