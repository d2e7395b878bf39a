import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// The tablet's settings: language (switches at once), the server address, the storage used,
// photos on metered connections, the idle lock and how long sent records stay, sign out, and the
// versions of the app and of the forms.
Page {
    id: page

    // The numbers are read again each time the screen opens and after a language switch.
    property var storage: AppSettings.storage()
    property var forms: AppSettings.formVersions()
    property string serverProblem: ""
    property bool serverSaved: false

    signal signOutRequested

    function reload() {
        storage = AppSettings.storage();
        forms = AppSettings.formVersions();
    }

    function saveServer() {
        serverProblem = AppSettings.changeServerUrl(serverField.text);
        serverSaved = serverProblem === "";
        if (serverSaved)
            serverField.text = Session.serverUrl;
    }

    function countAndSize(count, bytes) {
        return Theme.digits(qsTr("%1 (%2)").arg(count).arg(AppSettings.sizeText(bytes)));
    }

    title: qsTr("Settings")
    StackView.onActivated: reload()

    Connections {
        function onCodeChanged() {
            page.reload();
        }

        target: Language
    }

    Flickable {
        objectName: "settingsFlick"
        anchors.fill: parent
        contentHeight: column.implicitHeight + 2 * Theme.spacing
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column

            x: Theme.spacing * 2
            y: Theme.spacing
            width: page.width - 4 * Theme.spacing
            spacing: Theme.spacingSmall

            SectionLabel {
                text: qsTr("Language")
            }

            Flow {
                spacing: Theme.spacingSmall
                Layout.fillWidth: true

                Repeater {
                    model: [{
                            "code": "km",
                            "label": "ខ្មែរ"
                        }, {
                            "code": "en",
                            "label": "English"
                        }]

                    FilterChip {
                        required property var modelData

                        objectName: "settingsLanguage:" + modelData.code
                        text: modelData.label
                        selected: Language.code === modelData.code
                        onClicked: Language.code = modelData.code
                    }
                }
            }

            SectionLabel {
                text: qsTr("Server address")
            }

            RowLayout {
                spacing: Theme.spacing
                Layout.fillWidth: true

                TextField {
                    id: serverField

                    objectName: "serverAddressField"
                    text: Session.serverUrl
                    implicitHeight: Theme.touchTarget
                    font.pixelSize: Theme.fontNormal
                    inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoPredictiveText
                    Layout.fillWidth: true
                    onTextEdited: page.serverSaved = false
                    onAccepted: page.saveServer()
                }

                BigButton {
                    objectName: "saveServerButton"
                    text: qsTr("Save")
                    enabled: serverField.text.trim() !== Session.serverUrl
                    onClicked: page.saveServer()
                }
            }

            Label {
                objectName: "serverProblem"
                visible: page.serverProblem !== ""
                text: "\u26A0 " + page.serverProblem
                color: Theme.danger
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            Label {
                objectName: "serverSaved"
                visible: page.serverSaved
                text: "\u2713 " + qsTr("Saved. The next sync uses this address.")
                color: Theme.accept
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            SectionLabel {
                text: qsTr("Storage used on this tablet")
            }

            GridLayout {
                columns: 2
                columnSpacing: Theme.spacing * 2
                rowSpacing: Theme.spacingSmall
                Layout.fillWidth: true

                Label {
                    text: qsTr("Records")
                }

                Label {
                    objectName: "storageRecords"
                    text: page.countAndSize(page.storage.records || 0, page.storage.recordBytes || 0)
                    Layout.fillWidth: true
                }

                Label {
                    text: qsTr("Drafts")
                }

                Label {
                    objectName: "storageDrafts"
                    text: page.countAndSize(page.storage.drafts || 0, page.storage.draftBytes || 0)
                    Layout.fillWidth: true
                }

                Label {
                    text: qsTr("Photos")
                }

                Label {
                    objectName: "storagePhotos"
                    text: page.countAndSize(page.storage.photos || 0, page.storage.photoBytes || 0)
                    Layout.fillWidth: true
                }

                Label {
                    text: qsTr("Reference data and forms")
                }

                Label {
                    objectName: "storageReference"
                    text: page.countAndSize(page.storage.referenceRows || 0, page.storage.referenceBytes || 0)
                    Layout.fillWidth: true
                }
            }

            SectionLabel {
                text: qsTr("Photos")
            }

            RowLayout {
                spacing: Theme.spacing
                Layout.fillWidth: true

                Label {
                    text: qsTr("Send photos only on Wi-Fi or other connections that do not cost per megabyte. Records are always sent at once.")
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }

                Switch {
                    objectName: "photosUnmeteredSwitch"
                    checked: AppSettings.photosOnlyUnmetered
                    implicitHeight: Theme.touchTarget
                    Accessible.name: qsTr("Send photos only on unmetered connections")
                    onToggled: AppSettings.photosOnlyUnmetered = checked
                }
            }

            Label {
                objectName: "connectionCost"
                text: !AppSettings.meteredKnown ? qsTr("This device does not say whether its connection is metered; photos are sent.") : AppSettings.metered ? qsTr("Connection now: metered (mobile data).") : qsTr("Connection now: not metered.")
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            Label {
                visible: AppSettings.error !== ""
                text: "\u26A0 " + AppSettings.error
                color: Theme.danger
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            SectionLabel {
                text: qsTr("Protection")
            }

            NumberSetting {
                visible: Session.usesAccounts
                spinName: "idleLockMinutes"
                text: qsTr("Lock the tablet after this many minutes without use (a PIN opens it again; an open form is kept).")
                from: 1
                to: 60
                value: AppSettings.idleLockMinutes
                onChanged: minutes => {
                    AppSettings.idleLockMinutes = minutes;
                }
            }

            NumberSetting {
                spinName: "retentionDays"
                text: qsTr("Remove records from this tablet this many days after the server confirmed them (records returned for correction stay).")
                from: 1
                to: 365
                value: AppSettings.retentionDays
                onChanged: days => {
                    AppSettings.retentionDays = days;
                }
            }

            SectionLabel {
                visible: Session.usesAccounts
                text: qsTr("Account")
            }

            RowLayout {
                visible: Session.usesAccounts
                spacing: Theme.spacing
                Layout.fillWidth: true

                Label {
                    text: qsTr("Signed in as %1").arg(Session.user)
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }

                BigButton {
                    objectName: "settingsSignOutButton"
                    text: qsTr("Sign out")
                    fill: Theme.surface
                    ink: Theme.danger
                    outline: Theme.danger
                    onClicked: page.signOutRequested()
                }
            }

            SectionLabel {
                text: qsTr("Versions")
            }

            Label {
                objectName: "appVersion"
                text: Theme.digits(qsTr("Phum app %1").arg(AppSettings.appVersion))
                Layout.fillWidth: true
            }

            Repeater {
                model: page.forms

                Label {
                    required property var modelData

                    objectName: "formVersion:" + modelData.formId
                    text: Theme.digits(qsTr("%1: version %2").arg(modelData.title).arg(modelData.version))
                    font.pixelSize: Theme.fontSmall
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
            }
        }
    }

    background: Rectangle {
        color: Theme.background
    }
}
