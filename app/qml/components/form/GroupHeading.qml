import QtQuick
import QtQuick.Controls
import Phum

// A group inside a page (a field-list group nested in another): its label as a heading.
Item {
    id: root

    required property string path
    required property string label
    required property bool relevant

    objectName: "heading:" + path
    visible: relevant && label !== ""
    implicitHeight: visible ? words.implicitHeight + Theme.spacing * 2 : 0

    Label {
        id: words

        x: Theme.spacing * 2
        y: Theme.spacing
        width: root.width - 4 * Theme.spacing
        text: Theme.digits(root.label)
        font.pixelSize: Theme.fontTitle
        font.bold: true
        color: Theme.headerBackground
        wrapMode: Text.Wrap
    }

    Rectangle {
        x: Theme.spacing * 2
        width: root.width - 4 * Theme.spacing
        height: 2
        anchors.bottom: parent.bottom
        color: Theme.border
    }
}
