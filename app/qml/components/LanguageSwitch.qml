import QtQuick
import QtQuick.Controls
import Phum

// Two buttons, each written in its own language, so anyone can find theirs. Switches live.
Row {
    id: root

    spacing: Theme.spacingSmall

    Repeater {
        model: [{
                "code": "km",
                "label": "ខ្មែរ"
            }, {
                "code": "en",
                "label": "English"
            }]

        delegate: Button {
            id: button

            required property var modelData
            readonly property bool current: Language.code === modelData.code

            objectName: "lang" + (modelData.code === "km" ? "Km" : "En")
            implicitHeight: Theme.touchTarget - 8
            implicitWidth: Math.max(120, contentItem.implicitWidth + 2 * Theme.spacing)
            Accessible.name: modelData.label
            onClicked: Language.code = modelData.code

            contentItem: Label {
                text: button.modelData.label
                font.pixelSize: Theme.fontLarge
                color: button.current ? Theme.headerBackground : Theme.headerInk
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
            }

            background: Rectangle {
                radius: Theme.radius
                color: button.current ? Theme.headerInk : "transparent"
                border.color: Theme.headerInk
                border.width: 2
            }
        }
    }
}
