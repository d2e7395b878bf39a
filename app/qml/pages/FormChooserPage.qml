import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// Where a new record starts: the user's drafts to continue, then one large button per form on
// this tablet (the built-in quick registration and every form downloaded from the office).
Page {
    id: page

    signal formChosen(string formId)
    signal draftChosen(string draftId)

    title: qsTr("New record")

    FormListModel {
        id: forms

        session: Session
    }

    DraftListModel {
        id: drafts

        session: Session
    }

    Connections {
        function onCodeChanged() {
            forms.retranslate();
            drafts.refresh();
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
                visible: drafts.count > 0
                text: Theme.digits(qsTr("Not finished yet (%1)").arg(drafts.count))
                font.pixelSize: Theme.fontTitle
                font.bold: true
                Layout.fillWidth: true
            }

            Repeater {
                model: drafts

                DraftRow {
                    Layout.fillWidth: true
                    onOpenRequested: id => {
                        return page.draftChosen(id);
                    }
                    onDeleteRequested: id => {
                        return drafts.remove(id);
                    }
                }
            }

            Label {
                visible: drafts.loadError !== "" || forms.loadError !== ""
                text: "\u26A0 " + drafts.loadError + " " + forms.loadError
                color: Theme.danger
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            Label {
                text: qsTr("Start a new form")
                font.pixelSize: Theme.fontTitle
                font.bold: true
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing
            }

            GridLayout {
                columns: page.width > 900 ? 2 : 1
                columnSpacing: Theme.spacing
                rowSpacing: Theme.spacing
                Layout.fillWidth: true

                Repeater {
                    model: forms

                    FormButton {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        onClicked: page.formChosen(formId)
                    }
                }
            }

            Label {
                visible: forms.count <= 1
                text: qsTr("Only the quick registration is on this tablet. Press \"Send now\" when there is a connection to download the other forms.")
                color: Theme.textMuted
                font.pixelSize: Theme.fontNormal
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }
    }

    background: Rectangle {
        color: Theme.background
    }
}
