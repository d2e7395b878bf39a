import QtQuick
import QtQuick.Controls
import Phum

// A note of the form (instructions for the enumerator, a warning that a child is involved): read,
// not answered.
Item {
    id: root

    required property string path
    required property string label
    required property string hint
    required property bool relevant

    objectName: "note:" + path
    visible: relevant
    implicitHeight: relevant ? box.height + 2 * Theme.spacing : 0

    Rectangle {
        id: box

        x: Theme.spacing * 2
        y: Theme.spacing
        width: root.width - 4 * Theme.spacing
        height: words.implicitHeight + 2 * Theme.spacing
        radius: Theme.radius
        color: "#e8f0f8"
        border.color: Theme.primary

        Label {
            id: words

            x: Theme.spacing
            y: Theme.spacing
            width: box.width - 2 * Theme.spacing
            text: "\u24D8 " + Theme.digits(root.label) + (root.hint !== "" ? "\n" + Theme.digits(root.hint) : "")
            font.pixelSize: Theme.fontNormal
            wrapMode: Text.Wrap
        }
    }
}
