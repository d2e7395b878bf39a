import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// Below the questions: leave (the draft stays), back, and next. With problems on the page, the
// first Next shows them and says so; the next tap goes on all the same.
Rectangle {
    id: root

    required property FormController controller

    signal closeRequested

    implicitHeight: row.implicitHeight + 2 * Theme.spacingSmall
    color: Theme.surface
    border.color: Theme.border

    RowLayout {
        id: row

        x: Theme.spacing
        y: Theme.spacingSmall
        width: root.width - 2 * Theme.spacing
        spacing: Theme.spacingSmall

        BigButton {
            objectName: "closeFormButton"
            symbol: "\u2715"
            text: root.controller.readOnly ? qsTr("Close") : qsTr("Keep for later")
            fill: Theme.surface
            ink: Theme.text
            outline: Theme.border
            onClicked: root.closeRequested()
        }

        Label {
            objectName: "pageProblemsNote"
            visible: root.controller.pageChecked && root.controller.pageProblems > 0 && !root.controller.onFinishPage
            text: Theme.digits(qsTr("%n answer(s) on this page need attention", "", root.controller.pageProblems))
            color: Theme.danger
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }

        Item {
            visible: !(root.controller.pageChecked && root.controller.pageProblems > 0) || root.controller.onFinishPage
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
