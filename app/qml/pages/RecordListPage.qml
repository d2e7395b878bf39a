import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// The signed-in user's records on this tablet, newest first, and the way to start a new one.
Page {
    id: page

    property alias model: list.model
    property string storeError: ""

    signal newRecordRequested

    title: qsTr("My records")

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing

        Label {
            objectName: "storeError"
            visible: page.storeError !== ""
            text: "\u26A0 " + qsTr("Records cannot be saved on this tablet: %1").arg(page.storeError)
            color: Theme.danger
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        RowLayout {
            Layout.fillWidth: true

            Label {
                text: qsTr("%1 records").arg(Theme.digits(list.count))
                font.pixelSize: Theme.fontLarge
                color: Theme.textMuted
                Layout.fillWidth: true
            }

            BigButton {
                objectName: "newRecordButton"
                symbol: "+"
                text: qsTr("New record")
                fill: Theme.accept
                enabled: page.storeError === ""
                onClicked: page.newRecordRequested()
            }
        }

        ListView {
            id: list

            objectName: "recordList"
            clip: true
            spacing: Theme.spacingSmall
            Layout.fillWidth: true
            Layout.fillHeight: true

            // RecordRow's required properties are filled from the model's roles by name.
            delegate: RecordRow {
                width: ListView.view.width
            }

            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                text: qsTr("No records yet. Press \"New record\" to start.")
                font.pixelSize: Theme.fontLarge
                color: Theme.textMuted
            }
        }
    }

    background: Rectangle {
        color: Theme.background
    }
}
