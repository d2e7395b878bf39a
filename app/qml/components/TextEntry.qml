import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// One labelled text box of the sign-in screens: big type, a finger-sized box, an optional hint.
// `secret` hides what is typed (password, PIN); `digits` asks for the number keyboard.
ColumnLayout {
    id: root

    property string label: ""
    property string hint: ""
    property string fieldName: ""
    property bool secret: false
    property bool digits: false
    property alias text: input.text
    property alias maximumLength: input.maximumLength
    readonly property alias input: input

    signal accepted

    spacing: 4

    // One line: a wrapping label measured while its column is still narrow stacks one letter per
    // line and the layout keeps that height. Labels here are a few words.
    Label {
        text: root.label
        font.pixelSize: Theme.fontLarge
        font.bold: true
        elide: Text.ElideRight
        Layout.fillWidth: true
    }

    TextField {
        id: input

        objectName: root.fieldName
        implicitHeight: Theme.touchTarget
        font.pixelSize: Theme.fontLarge
        echoMode: root.secret ? TextInput.Password : TextInput.Normal
        inputMethodHints: root.digits ? Qt.ImhDigitsOnly : (root.secret ? Qt.ImhSensitiveData | Qt.ImhNoPredictiveText : Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText)
        Layout.fillWidth: true
        onAccepted: root.accepted()
    }

    Label {
        visible: root.hint !== ""
        text: root.hint
        font.pixelSize: Theme.fontSmall
        color: Theme.textMuted
        elide: Text.ElideRight  // one line, for the same reason as the label
        Layout.fillWidth: true
    }
}
