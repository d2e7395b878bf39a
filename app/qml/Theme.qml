pragma Singleton
import QtQuick
import Phum

// Colours, spacing and type for a 1280x800 tablet used outdoors by people who read slowly:
// large text, touch targets of at least 48 px (we use 64), strong contrast.
QtObject {
    // Khmer OS (fonts-khmeros) shapes Khmer correctly and carries Latin glyphs too.
    readonly property string fontFamily: "Khmer OS"
    readonly property int fontSmall: 18
    readonly property int fontNormal: 22
    readonly property int fontLarge: 28
    readonly property int fontTitle: 32
    readonly property int touchTarget: 64
    readonly property int minTouchTarget: 48
    readonly property int spacing: 16
    readonly property int spacingSmall: 8
    readonly property int radius: 10
    readonly property color background: "#f4f1ea"
    readonly property color surface: "#ffffff"
    readonly property color headerBackground: "#1f4e79"
    readonly property color headerInk: "#ffffff"
    readonly property color text: "#1b1b1b"
    readonly property color textMuted: "#5a5a5a"
    readonly property color primary: "#1f6fb2"
    readonly property color primaryInk: "#ffffff"
    readonly property color accept: "#2e7d32"
    readonly property color danger: "#c62828"
    readonly property color warning: "#b45f06"
    readonly property color border: "#c9c3b6"
    readonly property color stateQueued: "#6d6a75"
    readonly property color stateSending: "#1f6fb2"
    readonly property color stateSent: "#2e7d32"
    readonly property color stateFailed: "#b45f06"
    readonly property color stateRejected: "#c62828"
    readonly property color stateReturned: "#8e3b00"
    readonly property color stateApproved: "#1b5e20"
    // Behind what a reviewer flagged: warm, and readable with black text.
    readonly property color flagBackground: "#fff1d6"

    // Numbers as the reader expects them: Khmer digits in Khmer, ASCII in English. Reads
    // Language.code so every binding using it follows a language switch.
    function digits(text) {
        const value = String(text);
        if (Language.code === "km")
            return value.replace(/[0-9]/g, d => {
                    return String.fromCharCode(0x17E0 + Number(d));
                });
        return value.replace(/[\u17E0-\u17E9]/g, d => {
                return String(d.charCodeAt(0) - 0x17E0);
            });
    }

    // Month names through qsTr: the Khmer calendar's names (មករា ... ធ្នូ) in Khmer.
    function monthName(month) {
        switch (month) {
        case 1:
            return qsTr("January");
        case 2:
            return qsTr("February");
        case 3:
            return qsTr("March");
        case 4:
            return qsTr("April");
        case 5:
            return qsTr("May");
        case 6:
            return qsTr("June");
        case 7:
            return qsTr("July");
        case 8:
            return qsTr("August");
        case 9:
            return qsTr("September");
        case 10:
            return qsTr("October");
        case 11:
            return qsTr("November");
        }
        return qsTr("December");
    }

    // Monday first, as Cambodian calendars print it; short enough for a day grid.
    function weekdayShort(day) {
        return [qsTr("Mon"), qsTr("Tue"), qsTr("Wed"), qsTr("Thu"), qsTr("Fri"), qsTr("Sat"), qsTr("Sun")][day];
    }

    // "2026-11-28" -> "28 November 2026" / "ថ្ងៃទី២៨ ខែវិច្ឆិកា ឆ្នាំ២០២៦"; "" stays "".
    function dateText(iso) {
        const parts = String(iso).split("-");
        if (parts.length !== 3)
            return "";
        return digits(qsTr("%1 %2 %3", "day, month name, year").arg(Number(parts[2])).arg(monthName(Number(parts[1]))).arg(parts[0]));
    }

    // "08:30" (or the time part of a datetime) in the reader's digits.
    function timeText(text) {
        const match = String(text).match(/(\d\d):(\d\d)/);
        return match ? digits(match[1] + ":" + match[2]) : "";
    }

    function stateColor(state) {
        switch (state) {
        case "sending":
            return stateSending;
        case "sent":
            return stateSent;
        case "failed":
            return stateFailed;
        case "rejected":
            return stateRejected;
        case "returned":
            return stateReturned;
        case "approved":
            return stateApproved;
        case "not_accepted":
            return stateRejected;
        }
        return stateQueued;
    }

    // Icons are plain Unicode symbols, so no icon font is needed on the tablet.
    function stateIcon(state) {
        switch (state) {
        case "sending":
            return "\u2191";
        case "sent":
            return "\u2713";
        case "failed":
            return "\u26A0";
        case "rejected":
            return "\u2717";
        case "returned":
            return "\u21A9";
        case "approved":
            return "\u2714";
        case "not_accepted":
            return "\u2298";
        }
        return "\u25F7";
    }
}
