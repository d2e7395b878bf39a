import QtQuick.Controls
import Phum

ApplicationWindow {
    id: window

    width: 1280
    height: 800
    visible: true
    title: qsTr("Phum")
    color: Theme.background
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontNormal

    AppShell {
        objectName: "appShell"
        anchors.fill: parent
    }
}
