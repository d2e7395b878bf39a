import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// A barcode or QR code (XLSForm `barcode`): read with the camera or from a picture by the same
// reader as enrolment, or typed. The answer is the code's text.
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

    onValueChanged: {
        if (!input.activeFocus)
            input.text = value;
    }

    ColumnLayout {
        width: parent.width
        spacing: Theme.spacingSmall

        TextField {
            id: input

            objectName: "input:" + root.path
            implicitHeight: Theme.touchTarget
            font.pixelSize: Theme.fontLarge
            readOnly: root.readOnly
            placeholderText: qsTr("Scan or type the code")
            Component.onCompleted: text = root.value
            onTextEdited: root.controller.typeAnswer(root.path, text)
            onEditingFinished: root.controller.commitTyping()
            Accessible.name: root.label
            Layout.fillWidth: true
        }

        CodeScanButtons {
            visible: !root.readOnly
            name: root.path
            Layout.fillWidth: true
            onDecoded: text => {
                root.controller.setAnswer(root.path, text);
            }
        }
    }
}
