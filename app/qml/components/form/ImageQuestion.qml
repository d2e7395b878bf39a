import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// A photo. With a capture provider (a later piece of work) one button takes it; until then the
// question says so, and shows the file name of a photo already in the record.
QuestionFrame {
    id: root

    required property FormController controller
    required path
    required label
    required hint
    required problem
    required mandatory
    required relevant
    required property string value
    required property bool readOnly

    readonly property bool canCapture: controller.canCapture("image")

    ColumnLayout {
        width: parent.width
        spacing: Theme.spacingSmall

        BigButton {
            objectName: "capture:" + root.path
            visible: root.canCapture && !root.readOnly
            symbol: "\u25A3"
            text: root.value === "" ? qsTr("Take a photo") : qsTr("Take it again")
            onClicked: root.controller.capture(root.path)
        }

        Label {
            objectName: "photo:" + root.path
            text: root.value !== "" ? "\u25A3 " + root.value : root.canCapture ? qsTr("No photo yet") : qsTr("Photo capture comes later: this question cannot be answered on the tablet yet.")
            font.pixelSize: Theme.fontNormal
            color: root.value !== "" ? Theme.text : Theme.textMuted
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }
}
