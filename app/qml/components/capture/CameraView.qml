import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtMultimedia
import Phum

// The camera's picture, live, inline: "Take the photo" for a photo question, or frames searched
// for a QR code or barcode (`scanCodes`). Made only where a camera exists (FieldCapture).
ColumnLayout {
    id: view

    property string name: ""
    property bool scanCodes: false
    // Where the photo goes before it is scaled into the record (then deleted).
    property string stillPath: ""

    signal photoTaken(string path)
    signal codeFound(string text)
    signal cancelled

    spacing: Theme.spacingSmall

    CaptureSession {
        camera: Camera {
            active: true
            onErrorOccurred: (error, message) => {
                problem.text = message;
            }
        }
        imageCapture: ImageCapture {
            id: still

            onImageSaved: (id, path) => {
                view.photoTaken(path);
            }
            onErrorOccurred: (id, error, message) => {
                problem.text = message;
            }
        }
        videoOutput: output
    }

    VideoOutput {
        id: output

        Layout.fillWidth: true
        Layout.preferredHeight: 400
    }

    CodeReader {
        videoSink: view.scanCodes ? output.videoSink : null
        onFound: text => {
            view.codeFound(text);
        }
    }

    Label {
        text: view.scanCodes ? qsTr("Hold the code inside the picture; it is read by itself.") : ""
        visible: text !== ""
        font.pixelSize: Theme.fontNormal
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    Label {
        id: problem

        visible: text !== ""
        color: Theme.danger
        font.pixelSize: Theme.fontNormal
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    RowLayout {
        spacing: Theme.spacing

        BigButton {
            objectName: "shutter:" + view.name
            visible: !view.scanCodes
            symbol: "\u25C9"
            text: qsTr("Take the photo")
            fill: Theme.accept
            enabled: still.readyForCapture
            onClicked: still.captureToFile(view.stillPath)
        }

        BigButton {
            objectName: "cancelCamera:" + view.name
            text: qsTr("Cancel")
            fill: Theme.surface
            ink: Theme.text
            outline: Theme.border
            onClicked: view.cancelled()
        }
    }
}
