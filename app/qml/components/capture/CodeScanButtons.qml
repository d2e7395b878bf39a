import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// Reads a QR code or barcode for a field that can also be typed: with the camera where there is
// one, or from a picture on the tablet. `decoded` gives the code's text.
ColumnLayout {
    id: scan

    property string name: ""
    property string mode: ""   // "", "picture" or "camera"

    signal decoded(string text)

    spacing: Theme.spacingSmall

    CodeReader {
        id: reader
    }

    Flow {
        visible: scan.mode === ""
        spacing: Theme.spacingSmall
        Layout.fillWidth: true

        BigButton {
            objectName: "scanCamera:" + scan.name
            visible: FieldCapture.cameraAvailable
            symbol: "\u25A6"
            text: qsTr("Scan with the camera")
            onClicked: scan.mode = "camera"
        }

        BigButton {
            objectName: "scanPicture:" + scan.name
            symbol: "\u25A4"
            text: qsTr("Read it from a picture")
            fill: Theme.surface
            ink: Theme.primary
            outline: Theme.primary
            onClicked: {
                picker.refresh();
                scan.mode = "picture";
            }
        }
    }

    PicturePicker {
        id: picker

        name: scan.name
        visible: scan.mode === "picture"
        Layout.fillWidth: true
        onPicked: path => {
            const text = reader.readFile(path);
            if (text !== "") {
                scan.mode = "";
                scan.decoded(text);
            }
        }
        onCancelled: scan.mode = ""
    }

    Loader {
        active: scan.mode === "camera"
        visible: active
        Layout.fillWidth: true

        sourceComponent: CameraView {
            name: scan.name
            scanCodes: true
            onCodeFound: text => {
                scan.mode = "";
                scan.decoded(text);
            }
            onCancelled: scan.mode = ""
        }
    }

    Label {
        objectName: "scanError:" + scan.name
        visible: reader.error !== ""
        text: "\u26A0 " + reader.error
        color: Theme.danger
        font.pixelSize: Theme.fontNormal
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
}
