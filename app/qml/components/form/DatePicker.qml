import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// A month on one screen: month and year with large arrows, the days as finger-sized buttons,
// names and digits in the reader's language (Khmer month names and digits in Khmer).
ColumnLayout {
    id: root

    property string selected: ""   // "YYYY-MM-DD" or ""
    property string today: ""
    property string name: ""       // the question's path, for object names
    property int year: Number((selected || today).substring(0, 4)) || 2026
    property int month: Number((selected || today).substring(5, 7)) || 1

    readonly property int firstWeekday: (new Date(year, month - 1, 1).getDay() + 6) % 7
    readonly property int daysInMonth: new Date(year, month, 0).getDate()

    signal picked(string iso)

    function iso(day) {
        return String(year).padStart(4, "0") + "-" + String(month).padStart(2, "0") + "-" + String(day).padStart(2, "0");
    }

    function step(months) {
        const index = year * 12 + (month - 1) + months;
        year = Math.floor(index / 12);
        month = index % 12 + 1;
    }

    spacing: Theme.spacingSmall

    RowLayout {
        spacing: Theme.spacingSmall
        Layout.fillWidth: true

        BigButton {
            objectName: "prevYear:" + root.name
            text: "\u00AB"
            implicitWidth: Theme.touchTarget
            Accessible.name: qsTr("Previous year")
            onClicked: root.step(-12)
        }

        BigButton {
            objectName: "prevMonth:" + root.name
            text: "\u2039"
            implicitWidth: Theme.touchTarget
            Accessible.name: qsTr("Previous month")
            onClicked: root.step(-1)
        }

        Label {
            objectName: "month:" + root.name
            text: Theme.digits(qsTr("%1 %2", "month name, year").arg(Theme.monthName(root.month)).arg(root.year))
            font.pixelSize: Theme.fontLarge
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        BigButton {
            objectName: "nextMonth:" + root.name
            text: "\u203A"
            implicitWidth: Theme.touchTarget
            Accessible.name: qsTr("Next month")
            onClicked: root.step(1)
        }

        BigButton {
            objectName: "nextYear:" + root.name
            text: "\u00BB"
            implicitWidth: Theme.touchTarget
            Accessible.name: qsTr("Next year")
            onClicked: root.step(12)
        }
    }

    GridLayout {
        columns: 7
        columnSpacing: 4
        rowSpacing: 4
        Layout.fillWidth: true

        Repeater {
            model: 7

            Label {
                required property int index

                text: Theme.weekdayShort(index)
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
                Layout.preferredWidth: 1
            }
        }

        Repeater {
            model: root.firstWeekday

            Item {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: Theme.touchTarget
            }
        }

        Repeater {
            model: root.daysInMonth

            Button {
                id: day

                required property int index
                readonly property string date: root.iso(index + 1)
                readonly property bool chosen: date === root.selected

                objectName: "day:" + root.name + ":" + (index + 1)
                text: Theme.digits(index + 1)
                font.pixelSize: Theme.fontLarge
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: Theme.touchTarget
                onClicked: root.picked(date)

                background: Rectangle {
                    radius: Theme.radius
                    color: day.chosen ? Theme.primary : day.down ? Qt.darker(Theme.surface, 1.1) : Theme.surface
                    border.color: day.date === root.today ? Theme.accept : Theme.border
                    border.width: day.date === root.today ? 3 : 1
                }

                contentItem: Label {
                    text: day.text
                    font: day.font
                    color: day.chosen ? Theme.primaryInk : Theme.text
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                }
            }
        }
    }
}
