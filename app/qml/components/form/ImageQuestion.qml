import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// A photo: taken with the camera where the tablet has one, or picked from the pictures on the
// tablet. FormController.attachPhoto scales it (the form's max-pixels, else 1600 px) into the
// record; the photo shows here, and on a finalized record its upload state.
QuestionFrame {
    id: root

    required property FormController controller
    required path
    required label
    required hint
    required problem
    required mandatory
    required relevant
    required property string value
    required property bool readOnly

    property string mode: ""   // "", "picture" or "camera"
    // Sealed for the server at finalize: this tablet cannot show it (FormController.photoSealed).
    property bool photoSealed: false
    // Read again when the record's sync state may have changed.
    property var upload: ({
            "state": "none"
        })

    function refreshUpload() {
        root.photoSealed = (root.value !== "" || root.sealed) && root.controller.photoSealed(root.value);
        root.upload = root.readOnly && root.value !== "" ? root.controller.uploadState(root.value) : ({
                "state": "none"
            });
    }

    function use(file, removeAfter) {
        if (root.controller.attachPhoto(root.path, file))
            root.mode = "";
        if (removeAfter)
            FieldCapture.removeFile(file);
    }

    Component.onCompleted: refreshUpload()
    onValueChanged: refreshUpload()

    Connections {
        function onRecordsChanged() {
            root.refreshUpload();
        }

        target: Session
    }

    ColumnLayout {
        width: parent.width
        spacing: Theme.spacingSmall

        Rectangle {
            objectName: "photoSealed:" + root.path
            visible: root.photoSealed
            color: Theme.surface
            border.color: Theme.textMuted
            border.width: 2
            radius: Theme.radius
            Layout.preferredHeight: 240
            // Room for the whole phrase on one line where the screen has it: Khmer writes no spaces
            // between words, and a narrow frame broke it inside a word.
            Layout.preferredWidth: Math.min(root.width, Math.max(320, sealedPhrase.advanceWidth + 4 * Theme.spacing))

            TextMetrics {
                id: sealedPhrase
                font: sealedText.font
                text: sealedText.text
            }

            ColumnLayout {
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.spacing
                spacing: Theme.spacingSmall

                // A padlock drawn, not a glyph: tablets' fonts carry no lock symbol.
                Item {
                    implicitWidth: 56
                    implicitHeight: 72
                    Layout.alignment: Qt.AlignHCenter

                    Rectangle {
                        x: 10
                        width: 36
                        height: 48
                        radius: 18
                        color: "transparent"
                        border.color: Theme.textMuted
                        border.width: 7
                    }

                    Rectangle {
                        y: 30
                        width: 56
                        height: 42
                        radius: 6
                        color: Theme.textMuted
                    }
                }

                Label {
                    id: sealedText
                    objectName: "photoSealedText:" + root.path
                    text: qsTr("Photo sealed for the reviewers")
                    font.pixelSize: Theme.fontNormal
                    font.bold: true
                    color: Theme.textMuted
                    horizontalAlignment: Text.AlignHCenter
                    // Only between words (the Khmer text marks them with zero-width spaces), on a
                    // screen too narrow for the phrase.
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
            }
        }

        Image {
            objectName: "photoImage:" + root.path
            visible: root.value !== "" && !root.photoSealed && status === Image.Ready
            source: root.controller.photoUrl(root.value)
            sourceSize.height: 240
            fillMode: Image.PreserveAspectFit
            cache: false
            asynchronous: true
            Layout.preferredHeight: 240
            Layout.preferredWidth: 320
        }

        Label {
            objectName: "photo:" + root.path
            visible: !root.photoSealed || root.value !== ""
            text: root.value !== "" ? "\u25A3 " + root.value : qsTr("No photo yet")
            font.pixelSize: Theme.fontNormal
            color: root.value !== "" ? Theme.text : Theme.textMuted
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        Label {
            objectName: "upload:" + root.path
            visible: root.upload.state !== "none"
            text: root.upload.state === "sent" ? "\u2713 " + qsTr("Photo sent: the server checked it.") : qsTr("Photo waiting to be sent: %1 of %2 KB.").arg(Theme.digits(Math.floor((root.upload.confirmed || 0) / 1024))).arg(Theme.digits(Math.ceil((root.upload.size || 0) / 1024))) + (root.upload.error ? " " + root.upload.error : "")
            color: root.upload.state === "sent" ? Theme.stateSent : Theme.stateQueued
            font.pixelSize: Theme.fontNormal
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        Flow {
            visible: !root.readOnly && root.mode === ""
            spacing: Theme.spacingSmall
            Layout.fillWidth: true

            BigButton {
                objectName: "capture:" + root.path
                visible: FieldCapture.cameraAvailable
                symbol: "\u25A3"
                text: root.value === "" ? qsTr("Take a photo") : qsTr("Take it again")
                onClicked: root.mode = "camera"
            }

            BigButton {
                objectName: "pickPhoto:" + root.path
                symbol: "\u25A4"
                text: qsTr("Choose a picture")
                fill: FieldCapture.cameraAvailable ? Theme.surface : Theme.primary
                ink: FieldCapture.cameraAvailable ? Theme.primary : Theme.primaryInk
                outline: Theme.primary
                onClicked: {
                    picker.refresh();
                    root.mode = "picture";
                }
            }

            BigButton {
                objectName: "removePhoto:" + root.path
                visible: root.value !== ""
                symbol: "\u2715"
                text: qsTr("Remove the photo")
                fill: Theme.surface
                ink: Theme.danger
                outline: Theme.danger
                onClicked: root.controller.setAnswer(root.path, "")
            }
        }

        PicturePicker {
            id: picker

            name: root.path
            visible: root.mode === "picture"
            Layout.fillWidth: true
            onPicked: path => {
                root.use(path, false);
            }
            onCancelled: root.mode = ""
        }

        Loader {
            active: root.mode === "camera"
            visible: active
            Layout.fillWidth: true

            sourceComponent: CameraView {
                name: root.path
                stillPath: FieldCapture.cameraFile()
                onPhotoTaken: path => {
                    root.use(path, true);
                }
                onCancelled: root.mode = ""
            }
        }
    }
}
