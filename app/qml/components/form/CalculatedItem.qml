import QtQuick
import QtQuick.Controls
import Phum

// A value the form works out (a labelled calculate): shown, never typed.
QuestionFrame {
    id: root

    required path
    required label
    required hint
    required problem
    required relevant
    required property string value

    Label {
        objectName: "calculated:" + root.path
        width: parent.width
        text: root.value === "" ? "\u2014" : Theme.digits(root.value)
        font.pixelSize: Theme.fontLarge
        wrapMode: Text.Wrap
    }
}
