import QtQuick
import QtQuick.Controls
import Phum

// Everything inside the window: header, the page stack and the sync bar, or the sign-in screens
// while nobody is signed in. Kept apart from Main.qml so tests can load the whole app into their
// own window.
Page {
    id: shell

    property alias stack: stack
    readonly property alias idleLock: idleLock
    readonly property alias keyTimeout: keyTimeout
    // The draft that was open when the tablet locked by itself, and whose: it opens again when
    // that user unlocks.
    property string resumeDraftId: ""
    property string resumeUser: ""
    readonly property alias records: records
    readonly property alias sync: sync
    readonly property alias accounts: accounts
    readonly property bool signedIn: accounts.step === "signedIn"

    onSignedInChanged: resumeAfterUnlock()

    // Ways into a form, for the pages and for tools that drive the app (screenshots).
    function startForm(formId) {
        stack.push(formPage, {
                "startFormId": formId
            });
    }

    function openDraft(draftId) {
        stack.push(formPage, {
                "draftId": draftId
            });
    }

    function correctRecord(recordUuid) {
        stack.push(formPage, {
                "correctRecordUuid": recordUuid
            });
    }

    function showRecords() {
        stack.push(listPage);
    }

    function showSettings() {
        stack.push(settingsPage);
    }

    function signOut(keepDataKey) {
        while (stack.depth > 1)
            stack.pop(null, StackView.Immediate);
        accounts.signOut(keepDataKey === true);
    }

    // No one touched the tablet for a while: what is being filled is saved, then it locks.
    function lockWhenIdle() {
        const page = stack.currentItem;
        const form = page ? page.controller : null;
        if (form && form.isOpen && !form.readOnly && form.draftId !== "") {
            resumeDraftId = form.draftId;
            resumeUser = Session.user;
            form.close();
        }
        signOut();
    }

    function resumeAfterUnlock() {
        if (!signedIn || resumeDraftId === "" || Session.user !== resumeUser)
            return;
        const draftId = resumeDraftId;
        resumeDraftId = "";
        resumeUser = "";
        openDraft(draftId);
    }

    function goHome() {
        while (stack.depth > 1)
            stack.pop(null, StackView.Immediate);
    }

    function viewRecord(recordUuid) {
        stack.push(formPage, {
                "viewRecordUuid": recordUuid
            });
    }

    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontNormal

    RecordListModel {
        id: records

        session: Session
    }

    AccountsController {
        id: accounts

        session: Session
    }

    // Messages from the sign-in steps follow a language switch like every qsTr binding.
    Connections {
        function onCodeChanged() {
            accounts.retranslate();
        }

        target: Language
    }

    SyncController {
        id: sync

        session: Session
        // A sync may have applied a revocation of this user or tablet.
        onFinished: accounts.refresh()
    }

    IdleLock {
        id: idleLock

        enabled: shell.signedIn && Session.usesAccounts
        timeoutMs: AppSettings.idleLockMinutes * 60000
        onIdle: shell.lockWhenIdle()
    }

    // After a lock by hand the data key stays in memory for a colleague to sign in; left alone on
    // the sign-in screen as long, the tablet forgets it.
    IdleLock {
        id: keyTimeout

        enabled: !shell.signedIn && Session.usesAccounts
        timeoutMs: AppSettings.idleLockMinutes * 60000
        onIdle: accounts.forgetDataKey()
    }

    StackView {
        id: stack

        anchors.fill: parent
        visible: shell.signedIn
        initialItem: homePage
    }

    SignInFlow {
        objectName: "signInFlow"
        anchors.fill: parent
        visible: !shell.signedIn
        accounts: shell.accounts
    }

    Component {
        id: homePage

        HomePage {
            allRecords: shell.records
            storeError: Session.storeError
            onNewRecordRequested: shell.stack.push(chooserPage)
            onRecordsRequested: shell.showRecords()
            onSettingsRequested: shell.showSettings()
            onFormChosen: formId => shell.startForm(formId)
            onDraftChosen: draftId => shell.openDraft(draftId)
            onCorrectRequested: uuid => shell.correctRecord(uuid)
            onViewRequested: uuid => shell.viewRecord(uuid)
        }
    }

    Component {
        id: listPage

        RecordListPage {
            storeError: Session.storeError
            onNewRecordRequested: shell.stack.push(chooserPage)
            onCorrectRequested: uuid => shell.correctRecord(uuid)
            onViewRequested: uuid => shell.viewRecord(uuid)
            onDraftChosen: draftId => shell.openDraft(draftId)
        }
    }

    Component {
        id: settingsPage

        SettingsPage {
            onSignOutRequested: shell.signOut()
        }
    }

    Component {
        id: chooserPage

        FormChooserPage {
            onFormChosen: formId => {
                return shell.stack.replace(formPage, {
                        "startFormId": formId
                    });
            }
            onDraftChosen: draftId => {
                return shell.stack.replace(formPage, {
                        "draftId": draftId
                    });
            }
        }
    }

    Component {
        id: formPage

        FormPage {
            onDone: shell.stack.pop()
        }
    }

    background: Rectangle {
        color: Theme.background
    }

    header: HeaderBar {
        title: !shell.signedIn ? qsTr("Sign in") : stack.currentItem ? stack.currentItem.title : ""
        user: Session.user
        canLock: shell.signedIn && Session.usesAccounts
        onLockRequested: shell.signOut(true)
    }

    footer: SyncBar {
        visible: shell.signedIn && !(stack.currentItem && stack.currentItem.hidesSyncBar === true)
        controller: sync
    }
}
