import QtQuick
import QtQuick.Controls
import Phum

// Text, whole numbers and decimals. Every keystroke is checked at once (relevance and rules follow
// live) and written when typing pauses or the field is left. Numbers and codes typed on the number
// pad (appearance "numbers") accept Khmer digits; a number is shown in the reader's digits.
QuestionFrame {
    id: root

    required property FormController controller
    required path
    required label
    required hint
    required problem
    required mandatory
    required relevant
    required property string kind
    required property string value
    required property string appearance
    required property bool readOnly

    readonly property bool numeric: kind === "integer" || kind === "decimal" || appearance.indexOf("numbers") >= 0
    readonly property bool multiline: appearance.indexOf("multiline") >= 0

    function shown(text) {
        return root.numeric ? Theme.digits(text) : text;
    }

    // A field being typed in keeps what the user typed; the model's value comes in otherwise.
    onValueChanged: {
        if (input.item && !input.item.activeFocus)
            input.item.text = shown(value);
    }

    Loader {
        id: input

        width: root.numeric ? Math.min(parent.width, 420) : parent.width
        sourceComponent: root.multiline ? area : line
    }

    Component {
        id: line

        TextField {
            objectName: "input:" + root.path
            implicitHeight: Theme.touchTarget
            font.pixelSize: Theme.fontLarge
            readOnly: root.readOnly
            inputMethodHints: root.numeric ? Qt.ImhPreferNumbers : Qt.ImhNone
            Component.onCompleted: text = root.shown(root.value)
            onTextEdited: root.controller.typeAnswer(root.path, text)
            onEditingFinished: root.controller.commitTyping()
            Accessible.name: root.label
        }
    }

    Component {
        id: area

        TextArea {
            objectName: "input:" + root.path
            implicitHeight: Math.max(Theme.touchTarget * 2, contentHeight + topPadding + bottomPadding)
            font.pixelSize: Theme.fontLarge
            wrapMode: TextEdit.Wrap
            readOnly: root.readOnly
            Component.onCompleted: text = root.value
            onTextChanged: {
                if (activeFocus)
                    root.controller.typeAnswer(root.path, text);
            }
            onEditingFinished: root.controller.commitTyping()
            Accessible.name: root.label

            background: Rectangle {
                color: Theme.surface
                border.color: parent.activeFocus ? Theme.primary : Theme.border
                border.width: parent.activeFocus ? 2 : 1
                radius: 4
            }
        }
    }
}
