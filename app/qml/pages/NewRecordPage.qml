import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// The quick registration form: four questions, checked before saving. Answers live in a RecordDraft
// by field name; this page only lays the questions out.
Page {
    id: page

    property alias session: draft.session

    // Two questions side by side: the whole form fits a 1280x800 screen without scrolling.
    readonly property real columnWidth: (width - 7 * Theme.spacing) / 2

    signal done

    function errorFor(name) {
        return Theme.digits(draft.errors[name] || "");
    }

    function saveAndClose() {
        if (draft.save())
            page.done();
    }

    RecordDraft {
        id: draft
    }

    // Messages come from C++ in the language of the moment: re-word them after a switch.
    Connections {
        function onCodeChanged() {
            if (Object.keys(draft.errors).length > 0)
                draft.validate();
        }

        target: Language
    }

    Flickable {
        anchors.fill: parent
        contentHeight: form.implicitHeight + 2 * Theme.spacing
        clip: true

        ColumnLayout {
            id: form

            x: Theme.spacing * 2
            y: Theme.spacing
            width: parent.width - 4 * Theme.spacing
            spacing: Theme.spacing

            GridLayout {
                columns: 2
                columnSpacing: Theme.spacing * 3
                rowSpacing: Theme.spacing
                Layout.fillWidth: true

                FieldRow {
                    label: qsTr("Name of the person")
                    error: page.errorFor("respondent_name")
                    Layout.preferredWidth: page.columnWidth
                    Layout.alignment: Qt.AlignTop

                    TextField {
                        objectName: "nameField"
                        width: parent.width
                        implicitHeight: Theme.touchTarget
                        font.pixelSize: Theme.fontLarge
                        placeholderText: qsTr("Full name")
                        text: draft.answers["respondent_name"] || ""
                        onTextEdited: draft.setAnswer("respondent_name", text)
                    }
                }

                FieldRow {
                    label: qsTr("Sex")
                    error: page.errorFor("sex")
                    Layout.preferredWidth: page.columnWidth
                    Layout.alignment: Qt.AlignTop

                    ChoiceButtons {
                        objectNamePrefix: "sex"
                        value: draft.answers["sex"] || ""
                        choices: [{
                                "name": "female",
                                "label": qsTr("Woman"),
                                "icon": "\u2640"
                            }, {
                                "name": "male",
                                "label": qsTr("Man"),
                                "icon": "\u2642"
                            }]
                        onChosen: name => {
                            return draft.setAnswer("sex", name);
                        }
                    }
                }

                FieldRow {
                    label: qsTr("Age (years)")
                    hint: qsTr("Khmer or English numbers, for example ២៥ or 25")
                    error: page.errorFor("age")
                    Layout.preferredWidth: page.columnWidth
                    Layout.alignment: Qt.AlignTop

                    TextField {
                        objectName: "ageField"
                        width: Math.min(parent.width, 240)
                        implicitHeight: Theme.touchTarget
                        font.pixelSize: Theme.fontLarge
                        inputMethodHints: Qt.ImhPreferNumbers
                        maximumLength: 3
                        text: draft.answers["age"] || ""
                        onTextEdited: draft.setAnswer("age", text)
                    }
                }

                FieldRow {
                    label: qsTr("Village code")
                    hint: qsTr("8 numbers, for example 12010203")
                    error: page.errorFor("village_code")
                    Layout.preferredWidth: page.columnWidth
                    Layout.alignment: Qt.AlignTop

                    TextField {
                        objectName: "villageField"
                        width: Math.min(parent.width, 360)
                        implicitHeight: Theme.touchTarget
                        font.pixelSize: Theme.fontLarge
                        inputMethodHints: Qt.ImhPreferNumbers
                        maximumLength: 8
                        text: draft.answers["village_code"] || ""
                        onTextEdited: draft.setAnswer("village_code", text)
                    }
                }
            }

            Label {
                objectName: "saveError"
                visible: draft.saveError !== ""
                text: "\u26A0 " + draft.saveError
                color: Theme.danger
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            RowLayout {
                spacing: Theme.spacing * 2
                Layout.topMargin: Theme.spacing

                BigButton {
                    objectName: "saveButton"
                    symbol: "\u2713"
                    text: qsTr("Save")
                    fill: Theme.accept
                    Layout.preferredWidth: 280
                    onClicked: page.saveAndClose()
                }

                BigButton {
                    objectName: "cancelButton"
                    symbol: "\u2717"
                    text: qsTr("Cancel")
                    fill: Theme.surface
                    ink: Theme.text
                    outline: Theme.border
                    Layout.preferredWidth: 220
                    onClicked: page.done()
                }
            }
        }
    }

    background: Rectangle {
        color: Theme.background
    }
}
