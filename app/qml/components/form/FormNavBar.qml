import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// Below the questions: leave (the draft stays), back, and next. With problems on the page, the
// first Next shows them and says so (on a line of its own, so the buttons keep their room on an
// upright tablet); the next tap goes on all the same.
Rectangle {
    id: root

    required property FormController controller

    signal closeRequested

    implicitHeight: column.implicitHeight + 2 * Theme.spacingSmall
    color: Theme.surface
    border.color: Theme.border

    ColumnLayout {
        id: column

        x: Theme.spacing
        y: Theme.spacingSmall
        width: root.width - 2 * Theme.spacing
        spacing: Theme.spacingSmall

        Label {
            objectName: "pageProblemsNote"
            visible: root.controller.pageChecked && root.controller.pageProblems > 0 && !root.controller.onFinishPage
            text: "\u26A0 " + Theme.digits(qsTr("Answers to look at on this page: %1").arg(root.controller.pageProblems))
            color: Theme.danger
            font.pixelSize: Theme.fontNormal
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }

        RowLayout {
            spacing: Theme.spacingSmall
            Layout.fillWidth: true

            BigButton {
                objectName: "closeFormButton"
                symbol: "\u2715"
                text: root.controller.readOnly ? qsTr("Close") : qsTr("Keep for later")
                fill: Theme.surface
                ink: Theme.text
                outline: Theme.border
                onClicked: root.closeRequested()
            }

            Item {
                Layout.fillWidth: true
            }

            BigButton {
                objectName: "backButton"
                symbol: "\u2039"
                text: qsTr("Back")
                enabled: root.controller.pageNumber > 1
                fill: Theme.surface
                ink: Theme.text
                outline: Theme.border
                onClicked: root.controller.back()
            }

            BigButton {
                objectName: "nextButton"
                visible: !root.controller.onFinishPage
                text: (root.controller.pageChecked && root.controller.pageProblems > 0 ? qsTr("Next anyway") : qsTr("Next")) + " \u203A"
                onClicked: root.controller.next()
            }
        }
    }
}
