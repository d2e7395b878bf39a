import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// The pictures on the tablet (FieldCapture.pictureFolder), newest first, as large thumbnails:
// a tap picks one. Shown inline under the button that opened it.
ColumnLayout {
    id: picker

    property string name: ""   // the question's path (or "enrol"), for object names
    property var files: []

    signal picked(string path)
    signal cancelled

    function refresh() {
        files = FieldCapture.pictures();
    }

    spacing: Theme.spacingSmall

    Label {
        text: picker.files.length > 0 ? qsTr("Tap a picture from %1").arg(FieldCapture.pictureFolder) : qsTr("There are no pictures in %1. Copy the picture onto the tablet first.").arg(FieldCapture.pictureFolder)
        font.pixelSize: Theme.fontSmall
        color: Theme.textMuted
        wrapMode: Text.WrapAnywhere
        Layout.fillWidth: true
    }

    Flow {
        spacing: Theme.spacingSmall
        Layout.fillWidth: true

        Repeater {
            model: picker.files

            delegate: Button {
                required property string modelData
                readonly property string fileName: modelData.substring(modelData.lastIndexOf("/") + 1)

                objectName: "picture:" + fileName
                width: 200
                height: 180
                Accessible.name: fileName
                onClicked: picker.picked(modelData)

                contentItem: Column {
                    spacing: 4

                    Image {
                        objectName: "thumbnail:" + parent.parent.fileName
                        width: parent.width
                        height: 130
                        source: "file://" + parent.parent.modelData
                        sourceSize.width: 240
                        sourceSize.height: 160
                        fillMode: Image.PreserveAspectFit
                        asynchronous: true
                    }

                    Label {
                        width: parent.width
                        text: parent.parent.fileName
                        font.pixelSize: Theme.fontSmall
                        elide: Text.ElideMiddle
                        horizontalAlignment: Text.AlignHCenter
                    }
                }
            }
        }
    }

    BigButton {
        objectName: "cancelPicture:" + picker.name
        text: qsTr("Cancel")
        fill: Theme.surface
        ink: Theme.text
        outline: Theme.border
        onClicked: picker.cancelled()
    }
}
