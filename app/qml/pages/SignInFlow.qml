import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// Everything before a user is signed in: enrol the tablet, choose a user, first sign-in with the
// password, PIN unlock. Shows the page for `accounts.step`, the latest message and a busy sign
// while the server or the PIN check is working.
Item {
    id: flow

    required property AccountsController accounts

    Rectangle {
        id: card

        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.spacing, 860)
        // The card follows its content; the content is never stretched to the card (stretching
        // spread the fields of a newly loaded page apart).
        height: Math.min(parent.height - 2 * Theme.spacing, column.implicitHeight + 4 * Theme.spacing)
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.border

        ColumnLayout {
            id: column

            anchors.top: parent.top
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.margins: Theme.spacing * 2
            spacing: Theme.spacing

            Loader {
                id: page

                Layout.fillWidth: true
                Layout.preferredHeight: item ? item.implicitHeight : 0
                sourceComponent: {
                    switch (flow.accounts.step) {
                    case "enrol":
                        return enrolPage;
                    case "chooseUser":
                        return choosePage;
                    case "unlock":
                        return unlockPage;
                    }
                    return signInPage;
                }
            }

            RowLayout {
                visible: flow.accounts.busy || flow.accounts.message !== ""
                spacing: Theme.spacing
                Layout.fillWidth: true

                BusyIndicator {
                    running: flow.accounts.busy
                    visible: running
                    Layout.preferredWidth: Theme.minTouchTarget
                    Layout.preferredHeight: Theme.minTouchTarget
                }

                Label {
                    objectName: "accountsMessage"
                    text: flow.accounts.busy ? qsTr("Please wait…") : flow.accounts.message === "" ? "" : (flow.accounts.messageIsProblem ? "\u26A0 " : "\u2713 ") + Theme.digits(flow.accounts.message)
                    color: flow.accounts.busy ? Theme.textMuted : flow.accounts.messageIsProblem ? Theme.danger : Theme.accept
                    font.pixelSize: Theme.fontNormal
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
            }
        }
    }

    Component {
        id: enrolPage

        EnrolPage {
            accounts: flow.accounts
        }
    }

    Component {
        id: choosePage

        ChooseUserPage {
            accounts: flow.accounts
        }
    }

    Component {
        id: signInPage

        FirstSignInPage {
            accounts: flow.accounts
        }
    }

    Component {
        id: unlockPage

        UnlockPage {
            accounts: flow.accounts
        }
    }
}
