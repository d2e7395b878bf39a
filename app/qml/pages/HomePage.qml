import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// What needs the field worker first: records a reviewer returned for correction and records the
// office's checks refused, then interviews not finished yet, then one large button per form. The
// sync bar below says what waits to be sent and when everything last went through.
Page {
    id: page

    // Every record of the user (its `total` is on the "My records" button).
    required property RecordListModel allRecords
    property string storeError: ""

    signal newRecordRequested
    signal recordsRequested
    signal settingsRequested
    signal formChosen(string formId)
    signal draftChosen(string draftId)
    signal correctRequested(string uuid)
    signal viewRequested(string uuid)

    readonly property int attention: returned.total + refused.total + drafts.count

    title: qsTr("Home")

    FormListModel {
        id: forms

        session: Session
    }

    DraftListModel {
        id: drafts

        session: Session
    }

    RecordListModel {
        id: returned

        session: Session
        stateFilter: "returned"
    }

    RecordListModel {
        id: refused

        session: Session
        stateFilter: "refused"
    }

    Connections {
        function onCodeChanged() {
            forms.retranslate();
            drafts.refresh();
            returned.refresh();
            refused.refresh();
        }

        target: Language
    }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 2 * Theme.spacing
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column

            x: Theme.spacing * 2
            y: Theme.spacing
            width: page.width - 4 * Theme.spacing
            spacing: Theme.spacing

            Label {
                objectName: "storeError"
                visible: page.storeError !== ""
                text: "\u26A0 " + qsTr("Records cannot be saved on this tablet: %1").arg(page.storeError)
                color: Theme.danger
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            Flow {
                spacing: Theme.spacing
                Layout.fillWidth: true

                BigButton {
                    objectName: "allRecordsButton"
                    symbol: "\u2630"
                    text: Theme.digits(qsTr("My records (%1)").arg(page.allRecords.total))
                    onClicked: page.recordsRequested()
                }

                BigButton {
                    objectName: "newRecordButton"
                    symbol: "+"
                    text: qsTr("New record")
                    fill: Theme.accept
                    enabled: page.storeError === ""
                    onClicked: page.newRecordRequested()
                }

                BigButton {
                    objectName: "settingsButton"
                    symbol: "\u2699"
                    text: qsTr("Settings")
                    fill: Theme.surface
                    ink: Theme.text
                    outline: Theme.border
                    onClicked: page.settingsRequested()
                }
            }

            Label {
                objectName: "nothingToDo"
                visible: page.attention === 0
                text: "\u2713 " + qsTr("Nothing is waiting for you. Start a form below.")
                font.pixelSize: Theme.fontLarge
                color: Theme.accept
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            SectionLabel {
                objectName: "returnedHeading"
                visible: returned.total > 0
                text: "\u21A9 " + Theme.digits(qsTr("Returned for correction (%1)").arg(returned.total))
                color: Theme.stateReturned
            }

            Repeater {
                model: returned

                RecordRow {
                    Layout.fillWidth: true
                    onCorrectRequested: uuid => page.correctRequested(uuid)
                    onViewRequested: uuid => page.viewRequested(uuid)
                }
            }

            SectionLabel {
                visible: refused.total > 0
                text: "\u2717 " + Theme.digits(qsTr("Refused by the office (%1)").arg(refused.total))
                color: Theme.danger
            }

            Repeater {
                model: refused

                RecordRow {
                    Layout.fillWidth: true
                    onCorrectRequested: uuid => page.correctRequested(uuid)
                    onViewRequested: uuid => page.viewRequested(uuid)
                }
            }

            SectionLabel {
                visible: drafts.count > 0
                text: Theme.digits(qsTr("Not finished yet (%1)").arg(drafts.count))
            }

            Repeater {
                model: drafts

                DraftRow {
                    place: "home-"
                    Layout.fillWidth: true
                    onOpenRequested: id => page.draftChosen(id)
                    onDeleteRequested: id => drafts.remove(id)
                }
            }

            Label {
                visible: drafts.loadError !== "" || forms.loadError !== "" || returned.loadError !== ""
                text: "\u26A0 " + [drafts.loadError, forms.loadError, returned.loadError].join(" ")
                color: Theme.danger
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            SectionLabel {
                text: qsTr("Start a new form")
            }

            GridLayout {
                columns: page.width > 900 ? 2 : 1
                columnSpacing: Theme.spacing
                rowSpacing: Theme.spacing
                Layout.fillWidth: true

                Repeater {
                    model: forms

                    FormButton {
                        place: "homeForm"
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        onClicked: page.formChosen(formId)
                    }
                }
            }
        }
    }

    background: Rectangle {
        color: Theme.background
    }
}
