import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// Measuring a position: the accuracy live, large, against the accuracy the form wants. A reading
// within it is taken by itself; a worse one only when the user says so. A lost signal and a
// tablet without GPS are said plainly, with what to do.
ColumnLayout {
    id: panel

    required property PositionCapture gps
    property string name: ""
    property bool mandatory: false

    signal accepted(string answer)
    signal cancelled

    function metres(value) {
        // 4.7 m near the threshold, 23 m further off; whole metres without ".0".
        const shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
        return Theme.digits(String(shown));
    }

    spacing: Theme.spacingSmall

    Rectangle {
        color: panel.gps.state === "good" ? "#e3f1e4" : panel.gps.state === "waiting" ? "#e6eef6" : Theme.flagBackground
        radius: Theme.radius
        implicitHeight: status.implicitHeight + 2 * Theme.spacing
        Layout.fillWidth: true

        ColumnLayout {
            id: status

            x: Theme.spacing
            y: Theme.spacing
            width: parent.width - 2 * Theme.spacing
            spacing: Theme.spacingSmall

            Label {
                objectName: "accuracy:" + panel.name
                visible: panel.gps.state === "waiting" || panel.gps.state === "good"
                text: panel.gps.accuracy >= 0 ? qsTr("Accuracy now: %1 m").arg(panel.metres(panel.gps.accuracy)) : qsTr("Waiting for the first reading…")
                font.pixelSize: Theme.fontTitle
                font.bold: true
                Layout.fillWidth: true
            }

            Label {
                objectName: "positionStatus:" + panel.name
                text: {
                    switch (panel.gps.state) {
                    case "waiting":
                        return qsTr("Waiting until the accuracy is better than %1 m. Stand outside, away from roofs and trees.").arg(panel.metres(panel.gps.threshold));
                    case "lost":
                        return qsTr("The GPS signal was lost. Go outside, away from roofs and trees, and try again.");
                    case "unavailable":
                        return panel.mandatory ? qsTr("This tablet cannot measure its position: GPS is off or missing. Turn on location in the tablet's settings, or type the position below.") : qsTr("This tablet cannot measure its position: GPS is off or missing. This question is not required: you can go on without a position.");
                    default:
                        return "";
                    }
                }
                visible: text !== ""
                font.pixelSize: Theme.fontNormal
                color: panel.gps.state === "waiting" ? Theme.text : Theme.stateReturned
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }
    }

    Flow {
        spacing: Theme.spacingSmall
        Layout.fillWidth: true

        BigButton {
            objectName: "acceptWorse:" + panel.name
            visible: panel.gps.hasReading && panel.gps.state !== "unavailable"
            symbol: "\u2713"
            text: qsTr("Use this reading (%1 m)").arg(panel.metres(Number(panel.gps.answer.split(" ")[3] || 0)))
            fill: Theme.warning
            onClicked: panel.accepted(panel.gps.answer)
        }

        BigButton {
            objectName: "retryPosition:" + panel.name
            visible: panel.gps.state === "lost" || panel.gps.state === "unavailable"
            symbol: "\u21BB"
            text: qsTr("Try again")
            onClicked: panel.gps.start()
        }

        BigButton {
            objectName: "cancelPosition:" + panel.name
            text: panel.gps.state === "unavailable" && !panel.mandatory ? qsTr("Go on without a position") : qsTr("Cancel")
            fill: Theme.surface
            ink: Theme.text
            outline: Theme.border
            onClicked: panel.cancelled()
        }
    }
}
