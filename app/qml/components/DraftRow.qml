import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// One of the user's drafts: who or what it is about, which form, when it was last changed, and
// the way back into it (or why that is not possible any more), with a delete that asks first.
Rectangle {
    id: row

    // Names match DraftListModel's roles, so a ListView fills them in.
    required property int index
    required property string draftId
    required property string formTitle
    required property string title
    required property date updatedAt
    required property bool canOpen
    required property string problem
    required property bool correcting
    required property string pageLabel

    // Put before the names of its parts: the home screen and the chooser both list drafts.
    property string place: ""

    signal openRequested(string draftId)
    signal deleteRequested(string draftId)

    implicitHeight: layout.implicitHeight + 2 * Theme.spacing
    radius: Theme.radius
    color: Theme.surface
    border.color: canOpen ? Theme.border : Theme.danger

    GridLayout {
        id: layout

        x: Theme.spacing
        y: Theme.spacing
        width: row.width - 2 * Theme.spacing
        columns: width > 900 ? 2 : 1
        columnSpacing: Theme.spacing

        ColumnLayout {
            spacing: 2
            Layout.fillWidth: true

            Label {
                objectName: row.place + "draftTitle:" + row.index
                text: row.title !== "" ? row.title : row.formTitle
                font.pixelSize: Theme.fontLarge
                font.bold: true
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            Label {
                text: (row.correcting ? qsTr("Correction") + " \u00B7 " : "") + row.formTitle + " \u00B7 " + Theme.digits(qsTr("changed %1").arg(Qt.formatDateTime(row.updatedAt, "dd/MM/yyyy HH:mm")))
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            Label {
                objectName: row.place + "draftPage:" + row.index
                visible: row.pageLabel !== "" && row.canOpen
                text: qsTr("Stopped at: %1").arg(row.pageLabel)
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            Label {
                visible: row.problem !== ""
                text: "\u26A0 " + row.problem
                font.pixelSize: Theme.fontSmall
                color: Theme.danger
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }

        RowLayout {
            spacing: Theme.spacingSmall
            Layout.alignment: Qt.AlignRight | Qt.AlignVCenter

            BigButton {
                objectName: row.place + "openDraft:" + row.index
                visible: row.canOpen
                symbol: "\u203A"
                text: qsTr("Continue")
                onClicked: row.openRequested(row.draftId)
            }

            ConfirmButton {
                name: "deleteDraft:" + row.index
                text: qsTr("Delete")
                question: qsTr("Delete this draft and every answer in it? This cannot be undone.")
                yesText: qsTr("Yes, delete it")
                onConfirmed: row.deleteRequested(row.draftId)
            }
        }
    }
}
