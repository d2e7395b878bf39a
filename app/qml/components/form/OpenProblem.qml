import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// Why a form, draft or record could not be opened (e.g. the draft's form version is no longer on
// the tablet), with the way out: close, or delete a draft that can never be opened.
Item {
    id: root

    property string message: ""
    property bool canDelete: false

    signal deleteRequested
    signal closeRequested

    ColumnLayout {
        x: Theme.spacing * 2
        y: Theme.spacing * 2
        width: root.width - 4 * Theme.spacing
        spacing: Theme.spacing

        Label {
            objectName: "openError"
            text: "\u26A0 " + root.message
            color: Theme.danger
            font.pixelSize: Theme.fontLarge
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        RowLayout {
            spacing: Theme.spacing

            BigButton {
                objectName: "openProblemClose"
                symbol: "\u2039"
                text: qsTr("Back")
                onClicked: root.closeRequested()
            }

            ConfirmButton {
                name: "openProblemDelete"
                visible: root.canDelete
                text: qsTr("Delete this draft")
                question: qsTr("Delete this draft and every answer in it? This cannot be undone.")
                yesText: qsTr("Yes, delete it")
                onConfirmed: root.deleteRequested()
            }
        }
    }
}
