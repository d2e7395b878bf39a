import QtQuick
import QtQuick.Controls
import Phum

// Starts one form: a large button with the form's title in the reader's language. The "+" stands
// apart so the title has the whole width: a long Khmer title has no spaces to break at, and would
// otherwise be cut inside a word.
Button {
    id: control

    // Names match FormListModel's roles.
    required property string formId
    required property string title

    // Where the button sits, in its objectName (the home page and the chooser both have one).
    property string place: "startForm"

    objectName: place + ":" + formId
    implicitHeight: Math.max(Theme.touchTarget + 16, words.implicitHeight + 2 * Theme.spacing)
    Accessible.name: title

    contentItem: Item {
        implicitHeight: words.implicitHeight

        Label {
            id: plus

            text: "+"
            font.family: "DejaVu Sans"
            font.pixelSize: Theme.fontTitle
            color: Theme.primaryInk
            anchors.verticalCenter: parent.verticalCenter
        }

        Label {
            id: words

            text: control.title
            font.pixelSize: Theme.fontNormal
            color: Theme.primaryInk
            wrapMode: Text.Wrap
            anchors.left: plus.right
            anchors.leftMargin: Theme.spacing
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
        }
    }

    background: Rectangle {
        radius: Theme.radius
        color: control.down ? Qt.darker(Theme.accept, 1.25) : Theme.accept
    }
}
