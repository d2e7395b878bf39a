import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// One question: its label (with a mark when an answer is required), the input given as the
// child, the hint, and what is wrong with the answer. Hidden (and taking no room) while the form
// says the question is not relevant. Delegates derived from it mark the model's roles
// `required path`, ... so the list fills them in.
Item {
    id: root

    property string path: ""
    property string label: ""
    property string hint: ""
    property string problem: ""
    property bool mandatory: false
    property bool relevant: true
    // What a reviewer said about this answer (FormFieldModel's `flag`), "" when not marked.
    required property string flag
    // The answer was sealed to the server's key when the record was finalized (FormFieldModel's
    // `sealed`): it exists, but only authorised reviewers can read it.
    required property bool sealed
    default property alias input: holder.data

    objectName: "question:" + path
    visible: relevant
    implicitHeight: relevant ? column.implicitHeight + 2 * Theme.spacing : 0

    Rectangle {
        objectName: "flag:" + root.path
        visible: root.flag !== ""
        anchors.fill: parent
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        color: Theme.flagBackground
        border.color: Theme.stateReturned
        border.width: 2
        radius: Theme.radius
    }

    ColumnLayout {
        id: column

        x: Theme.spacing * 2
        y: Theme.spacing
        width: root.width - 4 * Theme.spacing
        spacing: Theme.spacingSmall

        Label {
            text: Theme.digits(root.label) + (root.mandatory ? " *" : "")
            font.pixelSize: Theme.fontLarge
            font.bold: true
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        Label {
            visible: root.flag !== ""
            text: "\u21A9 " + qsTr("Reviewer: %1").arg(Theme.digits(root.flag))
            font.pixelSize: Theme.fontNormal
            font.bold: true
            color: Theme.stateReturned
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        Label {
            objectName: "sealed:" + root.path
            visible: root.sealed
            text: qsTr("Sealed: only authorised reviewers can read this.")
            font.italic: true
            font.pixelSize: Theme.fontNormal
            color: Theme.textMuted
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        Label {
            visible: root.hint !== ""
            text: Theme.digits(root.hint)
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        Item {
            id: holder

            implicitHeight: childrenRect.height
            Layout.fillWidth: true
        }

        Label {
            objectName: "problem:" + root.path
            visible: root.problem !== ""
            text: "\u26A0 " + Theme.digits(root.problem)
            font.pixelSize: Theme.fontNormal
            color: Theme.danger
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }
}
