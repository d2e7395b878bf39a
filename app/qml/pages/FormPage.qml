import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// Any form, page by page. Opens what it is given: a new record of `startFormId`, the draft
// `draftId`, the record `correctRecordUuid` for correction (a draft that becomes its next
// revision) or `viewRecordUuid` read-only. `done` when the user leaves (the draft stays),
// finalizes, or deletes the draft.
Page {
    id: page

    property string startFormId: ""
    property string draftId: ""
    property string correctRecordUuid: ""
    property string viewRecordUuid: ""
    readonly property alias controller: form
    // The whole screen goes to the questions; sending waits until the form is left.
    readonly property bool hidesSyncBar: true

    signal done

    function leave() {
        form.close();
        page.done();
    }

    title: form.isOpen ? form.formTitle : qsTr("Form")
    Component.onCompleted: {
        if (startFormId !== "")
            form.startNew(startFormId);
        else if (draftId !== "")
            form.openDraft(draftId);
        else if (correctRecordUuid !== "")
            form.openForCorrection(correctRecordUuid);
        else if (viewRecordUuid !== "")
            form.openReadOnly(viewRecordUuid);
    }

    FormController {
        id: form

        session: Session
        onFinalized: page.done()
        onDraftDeleted: page.done()
    }

    Connections {
        function onCodeChanged() {
            form.retranslate();
        }

        target: Language
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        FormProgress {
            visible: form.isOpen
            controller: form
            Layout.fillWidth: true
        }

        Label {
            objectName: "readOnlyNote"
            visible: form.isOpen && form.readOnly
            text: "\u25C9 " + qsTr("This record is shown as it was saved. It cannot be changed here.")
            font.pixelSize: Theme.fontNormal
            color: Theme.textMuted
            wrapMode: Text.Wrap
            leftPadding: Theme.spacing * 2
            rightPadding: Theme.spacing * 2
            topPadding: Theme.spacingSmall
            bottomPadding: Theme.spacingSmall
            Layout.fillWidth: true
        }

        ReviewBanner {
            objectName: "reviewBanner"
            controller: form
            Layout.fillWidth: true
            // The read-only view of a returned record becomes its correction in place.
            onCorrectRequested: form.openForCorrection(page.viewRecordUuid)
        }

        OpenProblem {
            visible: !form.isOpen
            message: form.openError
            canDelete: form.draftId !== ""
            onDeleteRequested: form.deleteDraft()
            onCloseRequested: page.leave()
            Layout.fillWidth: true
            Layout.fillHeight: true
        }

        FormFieldList {
            objectName: "fieldList"
            visible: form.isOpen && !form.onFinishPage
            controller: form
            Layout.fillWidth: true
            Layout.fillHeight: true
        }

        FinishPanel {
            visible: form.isOpen && form.onFinishPage
            controller: form
            onCloseRequested: page.leave()
            Layout.fillWidth: true
            Layout.fillHeight: true
        }

        FormNavBar {
            visible: form.isOpen
            controller: form
            onCloseRequested: page.leave()
            Layout.fillWidth: true
        }
    }

    background: Rectangle {
        color: Theme.background
    }
}
