import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// date, time and datetime: the answer written out in the reader's language ("ថ្ងៃទី២៨ ខែវិច្ឆិកា
// ឆ្នាំ២០២៦", "28 November 2026"), a one-tap "Today"/"Now", and a month calendar or an hour and
// minute grid to choose another.
QuestionFrame {
    id: root

    required property FormController controller
    required path
    required label
    required hint
    required problem
    required mandatory
    required relevant
    required property string kind
    required property string value
    required property bool readOnly

    readonly property bool hasDate: kind !== "time"
    readonly property bool hasTime: kind !== "date"
    readonly property string datePart: kind === "time" ? "" : value.substring(0, 10)
    readonly property string timePart: kind === "time" ? value.substring(0, 5) : kind === "datetime" ? value.substring(11, 16) : ""
    property string picking: ""  // "date", "time" or ""

    function answer(date, time) {
        if (root.kind === "date")
            return date;
        if (root.kind === "time")
            return time;
        return root.controller.dateTimeText(date || root.controller.today(), time || root.controller.nowTime());
    }

    Column {
        width: parent.width
        spacing: Theme.spacingSmall

        Label {
            objectName: "when:" + root.path
            text: root.value === "" ? qsTr("Not answered yet") : [root.hasDate ? Theme.dateText(root.datePart) : "", root.hasTime ? Theme.timeText(root.timePart) : ""].filter(t => {
                    return t !== "";
                }).join("  ")
            font.pixelSize: Theme.fontLarge
            color: root.value === "" ? Theme.textMuted : Theme.text
            wrapMode: Text.Wrap
            width: parent.width
        }

        Flow {
            visible: !root.readOnly
            width: parent.width
            spacing: Theme.spacingSmall

            BigButton {
                objectName: "today:" + root.path
                visible: root.hasDate
                text: qsTr("Today")
                onClicked: root.controller.setAnswer(root.path, root.answer(root.controller.today(), root.timePart))
            }

            BigButton {
                objectName: "now:" + root.path
                visible: root.kind === "time"
                symbol: "\u25F7"
                text: qsTr("Now")
                onClicked: root.controller.setAnswer(root.path, root.controller.nowTime())
            }

            BigButton {
                objectName: "pickDate:" + root.path
                visible: root.hasDate
                text: root.picking === "date" ? qsTr("Close the calendar") : qsTr("Another day")
                fill: Theme.surface
                ink: Theme.text
                outline: Theme.border
                onClicked: root.picking = root.picking === "date" ? "" : "date"
            }

            BigButton {
                objectName: "pickTime:" + root.path
                visible: root.hasTime
                text: root.picking === "time" ? qsTr("Close the clock") : qsTr("Choose the time")
                fill: Theme.surface
                ink: Theme.text
                outline: Theme.border
                onClicked: root.picking = root.picking === "time" ? "" : "time"
            }

            BigButton {
                objectName: "clear:" + root.path
                visible: root.value !== "" && !root.mandatory
                text: qsTr("Clear")
                fill: Theme.surface
                ink: Theme.text
                outline: Theme.border
                onClicked: root.controller.setAnswer(root.path, "")
            }
        }

        DatePicker {
            visible: root.picking === "date"
            width: Math.min(parent.width, 640)
            name: root.path
            selected: root.datePart
            today: root.controller.today()
            onPicked: iso => {
                root.picking = "";
                root.controller.setAnswer(root.path, root.answer(iso, root.timePart));
            }
        }

        TimePicker {
            visible: root.picking === "time"
            width: Math.min(parent.width, 640)
            name: root.path
            selected: root.timePart
            onPicked: time => {
                root.controller.setAnswer(root.path, root.answer(root.datePart, time));
            }
        }
    }
}
