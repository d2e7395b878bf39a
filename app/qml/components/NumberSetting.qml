import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// A whole-number setting: what it does in words, and a spin box whose number shows in the UI
// language's digits and accepts Khmer digits typed in. `changed` when the user sets a new number.
RowLayout {
    id: setting

    property alias text: description.text
    property alias value: spin.value
    property alias from: spin.from
    property alias to: spin.to
    property string spinName: ""

    signal changed(int value)

    spacing: Theme.spacing
    Layout.fillWidth: true

    Label {
        id: description

        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    SpinBox {
        id: spin

        objectName: setting.spinName
        editable: true
        implicitHeight: Theme.touchTarget
        Layout.preferredWidth: 3 * Theme.touchTarget
        Accessible.name: setting.text
        textFromValue: value => {
            return Theme.digits(String(value));
        }
        valueFromText: text => {
            return Number(text.replace(/[\u17E0-\u17E9]/g, d => {
                        return String(d.charCodeAt(0) - 0x17E0);
                    }));
        }
        onValueModified: setting.changed(value)

        validator: RegularExpressionValidator {
            // Literal Khmer digits: the pattern goes to PCRE, which takes no \u escapes.
            regularExpression: /[0-9០-៩]{1,3}/
        }
    }
}
