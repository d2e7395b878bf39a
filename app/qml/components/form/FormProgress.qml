import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// Above the questions: which page this is (title, the entry it belongs to), how far along the
// form is, and whether every answer given is saved on the tablet.
Rectangle {
    id: root

    required property FormController controller

    implicitHeight: column.implicitHeight + 2 * Theme.spacingSmall
    color: Theme.surface
    border.color: Theme.border

    ColumnLayout {
        id: column

        x: Theme.spacing * 2
        y: Theme.spacingSmall
        width: root.width - 4 * Theme.spacing
        spacing: 4

        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true

            Label {
                objectName: "pageTitle"
                text: Theme.digits(root.controller.pageTitle)
                font.pixelSize: Theme.fontTitle
                font.bold: true
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            Label {
                objectName: "saveState"
                visible: !root.controller.readOnly
                text: root.controller.saveError !== "" ? "\u26A0 " + qsTr("Not saved") : root.controller.saving ? qsTr("Saving…") : "\u2713 " + qsTr("Saved on this tablet")
                color: root.controller.saveError !== "" ? Theme.danger : Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }
        }

        Label {
            objectName: "pageSubtitle"
            visible: text !== ""
            text: Theme.digits(root.controller.pageSubtitle)
            font.pixelSize: Theme.fontNormal
            color: Theme.textMuted
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true

            Label {
                objectName: "pageNumber"
                text: root.controller.onFinishPage ? qsTr("Last step") : Theme.digits(qsTr("Page %1 of %2").arg(root.controller.pageNumber).arg(root.controller.pageCount))
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
            }

            ProgressBar {
                objectName: "pageProgress"
                from: 0
                // Editing ends on the finish step after the last page; a record only viewed does not.
                to: root.controller.pageCount + (root.controller.readOnly ? 0 : 1)
                value: root.controller.pageNumber
                Layout.fillWidth: true
            }

            // Emptied rather than hidden: a row laid out while the page was covered (the idle lock)
            // kept no room for it once it became visible, and it was drawn over the page number.
            Label {
                objectName: "problemCount"
                text: root.controller.problemCount > 0 && !root.controller.readOnly ? "\u26A0 " + Theme.digits(qsTr("Answers to look at: %1").arg(root.controller.problemCount)) : ""
                color: Theme.warning
                font.pixelSize: Theme.fontSmall
            }
        }

        Label {
            objectName: "saveError"
            visible: root.controller.saveError !== ""
            text: "\u26A0 " + root.controller.saveError
            color: Theme.danger
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }
}
