import QtQuick
import Phum

// "acknowledge": one large button the person taps to confirm they read or agreed.
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

    ChoiceButton {
        objectName: "ack:" + root.path
        width: Math.min(parent.width, 360)
        text: qsTr("Yes, confirmed")
        multiple: true
        selected: root.value === "OK"
        enabled: !root.readOnly
        onClicked: root.controller.setAnswer(root.path, root.value === "OK" ? "" : "OK")
    }
}
