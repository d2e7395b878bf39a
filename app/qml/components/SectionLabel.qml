import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// The heading of a section of a screen, e.g. "Returned for correction (2)".
Label {
    font.pixelSize: Theme.fontTitle
    font.bold: true
    wrapMode: Text.Wrap
    Layout.fillWidth: true
    Layout.topMargin: Theme.spacingSmall
}
