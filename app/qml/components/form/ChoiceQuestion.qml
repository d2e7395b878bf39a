import QtQuick
import QtQuick.Controls
import Phum

// select_one and select_multiple (also from a reference list such as the gazetteer): every answer
// as a large button, in as many columns as the labels allow, with a search box above long lists.
// Tapping the chosen answer of an optional question again clears it. A chosen agency on the
// watch list shows a warning.
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
    required property var choices
    required property string note
    required property bool readOnly

    readonly property bool multiple: kind === "select_multiple"
    readonly property var selected: value === "" ? [] : value.split(" ")
    readonly property bool searchable: choices.length > 10
    property string query: ""
    readonly property var shownChoices: {
        const wanted = query.trim().toLowerCase();
        if (wanted === "")
            return choices;
        return choices.filter(c => {
                return c.label.toLowerCase().indexOf(wanted) >= 0 || c.name.toLowerCase().indexOf(wanted) >= 0;
            });
    }
    readonly property int longestLabel: choices.reduce((longest, c) => {
            return Math.max(longest, c.label.length);
        }, 0)
    readonly property real buttonMinWidth: longestLabel > 28 ? 440 : longestLabel > 12 ? 300 : 200

    function choose(name) {
        if (root.readOnly)
            return;
        if (root.multiple) {
            const now = root.selected.slice();
            const at = now.indexOf(name);
            if (at >= 0)
                now.splice(at, 1);
            else
                now.push(name);
            root.controller.setAnswer(root.path, now.join(" "));
        } else {
            const again = root.selected.indexOf(name) >= 0;
            root.controller.setAnswer(root.path, again && !root.mandatory ? "" : name);
        }
    }

    Column {
        width: parent.width
        spacing: Theme.spacingSmall

        TextField {
            objectName: "search:" + root.path
            visible: root.searchable
            width: Math.min(parent.width, 520)
            implicitHeight: Theme.touchTarget
            font.pixelSize: Theme.fontLarge
            placeholderText: "\u2315 " + qsTr("Search the list")
            onTextEdited: root.query = text
        }

        Label {
            visible: root.note !== ""
            text: "\u24D8 " + root.note
            color: Theme.warning
            font.pixelSize: Theme.fontNormal
            wrapMode: Text.Wrap
            width: parent.width
        }

        // A watched agency (reference data): said before the worker goes on, never blocking.
        Rectangle {
            readonly property var watched: root.choices.filter(c => {
                    return c.watched === true && root.selected.indexOf(c.name) >= 0;
                })

            objectName: "watchWarning:" + root.path
            visible: watched.length > 0
            width: parent.width
            height: watchText.implicitHeight + 2 * Theme.spacingSmall
            radius: Theme.radius
            color: Theme.flagBackground
            border.color: Theme.warning
            border.width: 2

            Label {
                id: watchText

                x: Theme.spacing
                y: Theme.spacingSmall
                width: parent.width - 2 * Theme.spacing
                text: "\u26A0 " + qsTr("%1 is on the watch list: workers have complained about this agency. Tell the worker, check their contract and what they paid, and consider a referral.").arg(parent.watched.map(c => {
                            return c.label;
                        }).join(", "))
                color: Theme.text
                font.pixelSize: Theme.fontNormal
                wrapMode: Text.Wrap
            }
        }

        Grid {
            id: grid

            columns: Math.max(1, Math.floor((width + spacing) / (root.buttonMinWidth + spacing)))
            spacing: Theme.spacingSmall
            width: parent.width

            Repeater {
                model: root.shownChoices

                delegate: ChoiceButton {
                    required property var modelData

                    objectName: "choice:" + root.path + ":" + modelData.name
                    width: (grid.width - (grid.columns - 1) * grid.spacing) / grid.columns
                    text: modelData.label
                    multiple: root.multiple
                    selected: root.selected.indexOf(modelData.name) >= 0
                    enabled: !root.readOnly || selected
                    onClicked: root.choose(modelData.name)
                }
            }
        }

        Label {
            visible: root.searchable && root.shownChoices.length === 0
            text: qsTr("Nothing in the list matches \"%1\".").arg(root.query)
            color: Theme.textMuted
            font.pixelSize: Theme.fontNormal
            wrapMode: Text.Wrap
            width: parent.width
        }
    }
}
