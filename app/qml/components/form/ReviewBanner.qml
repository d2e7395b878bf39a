import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// Above a record a reviewer returned (or commented on): who returned it, what they said, how many
// questions they marked, and the way to the first one; on the read-only view, the way to start
// the correction. A record rejected by review shows who rejected it and why, and no correction.
Rectangle {
    id: root

    required property FormController controller

    signal correctRequested

    visible: controller.isOpen && (controller.returned || controller.notAccepted || controller.flagCount > 0)
    implicitHeight: visible ? layout.implicitHeight + 2 * Theme.spacing : 0
    color: Theme.flagBackground
    border.color: controller.notAccepted ? Theme.stateRejected : Theme.stateReturned
    border.width: 2

    ColumnLayout {
        id: layout

        x: Theme.spacing * 2
        y: Theme.spacing
        width: root.width - 4 * Theme.spacing
        spacing: Theme.spacingSmall

        Label {
            objectName: "reviewHeading"
            text: root.controller.notAccepted ? "\u2298 " + (root.controller.reviewer !== "" ? qsTr("Rejected by review (%1)").arg(root.controller.reviewer) : qsTr("Rejected by review")) : "\u21A9 " + (root.controller.returned ? (root.controller.reviewer !== "" ? qsTr("Returned for correction by %1").arg(root.controller.reviewer) : qsTr("Returned for correction")) : qsTr("The reviewer's notes"))
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: root.controller.notAccepted ? Theme.danger : Theme.stateReturned
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        Label {
            objectName: "reviewComment"
            visible: root.controller.reviewComment !== ""
            text: Theme.digits(root.controller.notAccepted ? qsTr("Reason: %1").arg(root.controller.reviewComment) : root.controller.reviewComment)
            font.pixelSize: Theme.fontNormal
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        Flow {
            spacing: Theme.spacing
            Layout.fillWidth: true

            Button {
                objectName: "firstFlagButton"
                visible: root.controller.flagCount > 0
                implicitHeight: Theme.minTouchTarget
                font.pixelSize: Theme.fontNormal
                text: Theme.digits(qsTr("Show the marked questions (%1)").arg(root.controller.flagCount))
                onClicked: root.controller.goToFirstFlag()
            }

            Button {
                objectName: "startCorrectionButton"
                visible: root.controller.readOnly && root.controller.returned
                implicitHeight: Theme.minTouchTarget
                font.pixelSize: Theme.fontNormal
                text: qsTr("Correct this record")
                onClicked: root.correctRequested()
            }
        }
    }
}
