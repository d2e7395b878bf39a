import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// A GPS position. With a capture provider (a later piece of work) one button measures it; until
// then latitude and longitude are typed (Khmer digits accepted) and stored as the engine's
// "latitude longitude" text.
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
    readonly property bool canCapture: controller.canCapture("geopoint")

    function typed() {
        const lat = latitude.text.trim();
        const lon = longitude.text.trim();
        root.controller.setAnswer(root.path, lat === "" && lon === "" ? "" : lat + " " + lon);
    }

    ColumnLayout {
        width: parent.width
        spacing: Theme.spacingSmall

        BigButton {
            objectName: "capture:" + root.path
            visible: root.canCapture && !root.readOnly
            symbol: "\u2316"
            text: qsTr("Measure the position")
            onClicked: root.controller.capture(root.path)
        }

        GridLayout {
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
                readOnly: root.readOnly || root.canCapture
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
                readOnly: root.readOnly || root.canCapture
                inputMethodHints: Qt.ImhFormattedNumbersOnly
                placeholderText: Theme.digits("103.8597")
                text: Theme.digits(root.parts[1] || "")
                onEditingFinished: root.typed()
                Layout.preferredWidth: 220
            }
        }

        Label {
            visible: !root.canCapture && !root.readOnly
            text: qsTr("Measuring the position with the tablet comes later: type the latitude and longitude for now, or leave them empty.")
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }
}
