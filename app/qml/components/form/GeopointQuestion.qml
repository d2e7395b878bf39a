import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// A GPS position, measured by the tablet (PositionCapture through FieldCapture's source): the
// accuracy shows live and a reading better than the form's accuracyThreshold (or 10 m) is taken
// by itself; the accuracy is stored with the point. Without a position source the latitude and
// longitude can be typed (Khmer digits accepted).
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

    readonly property var parts: value === "" ? [] : value.split(" ")
    property bool measuring: false

    function typed() {
        const lat = latitude.text.trim();
        const lon = longitude.text.trim();
        root.controller.setAnswer(root.path, lat === "" && lon === "" ? "" : lat + " " + lon);
    }

    function take(answer) {
        gps.stop();
        root.measuring = false;
        root.controller.setAnswer(root.path, answer);
    }

    PositionCapture {
        id: gps

        threshold: thresholdFor(root.controller.parametersOf(root.path))
        onStateChanged: {
            if (state === "good" && root.measuring)
                root.take(answer);
        }
    }

    ColumnLayout {
        width: parent.width
        spacing: Theme.spacingSmall

        Label {
            objectName: "position:" + root.path
            visible: root.parts.length >= 2
            text: qsTr("Position %1, %2").arg(Theme.digits(root.parts[0] || "")).arg(Theme.digits(root.parts[1] || "")) + (root.parts.length >= 4 && Number(root.parts[3]) > 0 ? " · " + qsTr("accuracy %1 m").arg(Theme.digits(Number(root.parts[3]).toFixed(1))) : "")
            font.pixelSize: Theme.fontNormal
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        BigButton {
            objectName: "capture:" + root.path
            visible: !root.readOnly && !root.measuring
            symbol: "\u25CE"
            text: root.value === "" ? qsTr("Measure the position") : qsTr("Measure again")
            onClicked: {
                root.measuring = true;
                gps.start();
            }
        }

        PositionPanel {
            visible: root.measuring
            gps: gps
            name: root.path
            mandatory: root.mandatory
            Layout.fillWidth: true
            onAccepted: answer => {
                root.take(answer);
            }
            onCancelled: {
                gps.stop();
                root.measuring = false;
            }
        }

        GridLayout {
            visible: gps.state === "unavailable" && !root.readOnly
            columns: root.width > 700 ? 4 : 2
            columnSpacing: Theme.spacing
            rowSpacing: Theme.spacingSmall

            Label {
                text: qsTr("Latitude")
                font.pixelSize: Theme.fontNormal
            }

            TextField {
                id: latitude

                objectName: "latitude:" + root.path
                implicitHeight: Theme.touchTarget
                font.pixelSize: Theme.fontLarge
                inputMethodHints: Qt.ImhFormattedNumbersOnly
                placeholderText: Theme.digits("13.3633")
                text: Theme.digits(root.parts[0] || "")
                onEditingFinished: root.typed()
                Layout.preferredWidth: 220
            }

            Label {
                text: qsTr("Longitude")
                font.pixelSize: Theme.fontNormal
            }

            TextField {
                id: longitude

                objectName: "longitude:" + root.path
                implicitHeight: Theme.touchTarget
                font.pixelSize: Theme.fontLarge
                inputMethodHints: Qt.ImhFormattedNumbersOnly
                placeholderText: Theme.digits("103.8597")
                text: Theme.digits(root.parts[1] || "")
                onEditingFinished: root.typed()
                Layout.preferredWidth: 220
            }
        }
    }
}
