import QtQuick
import QtQuick.Controls
import Phum

// Starts one form: a large button with the form's title in the reader's language (wraps, so a
// long Khmer title is never cut).
Button {
    id: control

    // Names match FormListModel's roles.
    required property string formId
    required property string title

    objectName: "startForm:" + formId
    implicitHeight: Math.max(Theme.touchTarget + 16, words.implicitHeight + 2 * Theme.spacing)
    Accessible.name: title

    contentItem: Label {
        id: words

        text: "+ " + control.title
        font.pixelSize: Theme.fontLarge
        color: Theme.primaryInk
        wrapMode: Text.Wrap
        verticalAlignment: Text.AlignVCenter
    }

    background: Rectangle {
        radius: Theme.radius
        color: control.down ? Qt.darker(Theme.accept, 1.25) : Theme.accept
    }
}
