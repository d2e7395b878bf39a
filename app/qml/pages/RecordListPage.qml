import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Phum

// The signed-in user's records on this tablet, newest first: filtered by form, state and time and
// searched by name (all in the store, a page at a time). A returned or refused record opens for
// correction, any other read-only. The "Drafts" state lists interviews not finalized yet (same
// form, name and time filters), each opening on the page where it was left.
Page {
    id: page

    readonly property alias model: records
    readonly property alias drafts: drafts
    readonly property bool showsDrafts: stateChoice === "drafts"
    property string stateChoice: ""
    property string storeError: ""
    readonly property bool filtered: page.model.search.trim() !== "" || page.model.formFilter !== "" || page.model.days > 0 || (page.model.stateFilter !== "" && !page.showsDrafts)

    signal newRecordRequested
    signal correctRequested(string uuid)
    signal viewRequested(string uuid)
    signal draftChosen(string draftId)

    title: qsTr("My records")

    RecordListModel {
        id: records

        session: Session
    }

    DraftListModel {
        id: drafts

        session: Session
        formFilter: records.formFilter
        search: records.search
        days: records.days
    }

    FormListModel {
        id: forms

        session: Session
    }

    Connections {
        function onCodeChanged() {
            forms.retranslate();
            records.refresh();
            drafts.refresh();
        }

        target: Language
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacingSmall

        Label {
            objectName: "storeError"
            visible: page.storeError !== ""
            text: "\u26A0 " + qsTr("Records cannot be saved on this tablet: %1").arg(page.storeError)
            color: Theme.danger
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true

            TextField {
                id: search

                objectName: "recordSearch"
                placeholderText: qsTr("Search by name")
                implicitHeight: Theme.touchTarget
                font.pixelSize: Theme.fontLarge
                inputMethodHints: Qt.ImhNoPredictiveText
                Layout.fillWidth: true
                // Each keystroke filters at once: the search is SQL, fast with 100,000 records.
                onTextChanged: page.model.search = text
            }

            ComboBox {
                id: formChoice

                objectName: "formFilter"
                implicitHeight: Theme.touchTarget
                font.pixelSize: Theme.fontNormal
                textRole: "title"
                valueRole: "formId"
                model: [{
                        "formId": "",
                        "title": qsTr("Every form")
                    }].concat(formsArray())
                Layout.preferredWidth: Math.min(page.width * 0.4, 460)
                onActivated: page.model.formFilter = currentValue

                function formsArray() {
                    const out = [];
                    for (let i = 0; i < forms.count; ++i)
                        out.push(forms.get(i));
                    return out;
                }
            }
        }

        Flow {
            spacing: Theme.spacingSmall
            Layout.fillWidth: true

            Repeater {
                model: [{
                        "key": "",
                        "text": qsTr("All")
                    }, {
                        "key": "toSend",
                        "text": qsTr("To send")
                    }, {
                        "key": "sent",
                        "text": qsTr("Sent")
                    }, {
                        "key": "returned",
                        "text": qsTr("To correct")
                    }, {
                        "key": "refused",
                        "text": qsTr("Refused")
                    }, {
                        "key": "drafts",
                        "text": qsTr("Drafts")
                    }]

                FilterChip {
                    required property var modelData

                    objectName: "stateFilter:" + modelData.key
                    text: modelData.text
                    selected: page.stateChoice === modelData.key
                    onClicked: {
                        page.stateChoice = modelData.key;
                        if (modelData.key !== "drafts")
                            page.model.stateFilter = modelData.key;
                    }
                }
            }

            Item {
                width: Theme.spacing
                height: 1
            }

            Repeater {
                model: [{
                        "days": 0,
                        "text": qsTr("Any time")
                    }, {
                        "days": 1,
                        "text": qsTr("Today")
                    }, {
                        "days": 7,
                        "text": qsTr("7 days")
                    }, {
                        "days": 30,
                        "text": qsTr("30 days")
                    }]

                FilterChip {
                    required property var modelData

                    objectName: "days:" + modelData.days
                    text: Theme.digits(modelData.text)
                    selected: page.model.days === modelData.days
                    onClicked: page.model.days = modelData.days
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true

            Label {
                objectName: "recordTotal"
                text: Theme.digits(page.showsDrafts ? qsTr("Drafts: %1").arg(drafts.count) : qsTr("%1 records").arg(page.model.total))
                font.pixelSize: Theme.fontLarge
                color: Theme.textMuted
                Layout.fillWidth: true
            }

            BigButton {
                objectName: "listNewRecordButton"
                symbol: "+"
                text: qsTr("New record")
                fill: Theme.accept
                enabled: page.storeError === ""
                onClicked: page.newRecordRequested()
            }
        }

        Label {
            visible: (page.showsDrafts ? drafts.loadError : page.model.loadError) !== ""
            text: "\u26A0 " + (page.showsDrafts ? drafts.loadError : page.model.loadError)
            color: Theme.danger
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        ListView {
            id: list

            objectName: "recordList"
            visible: !page.showsDrafts
            model: records
            clip: true
            spacing: Theme.spacingSmall
            reuseItems: true
            Layout.fillWidth: true
            Layout.fillHeight: true

            // RecordRow's required properties are filled from the model's roles by name; the
            // model hands out the next page as the list nears its end (fetchMore).
            delegate: RecordRow {
                width: ListView.view.width
                onCorrectRequested: uuid => page.correctRequested(uuid)
                onViewRequested: uuid => page.viewRequested(uuid)
            }

            Label {
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.spacing
                visible: list.count === 0
                text: page.filtered ? qsTr("No record matches these filters.") : qsTr("No records yet. Press \"New record\" to start.")
                horizontalAlignment: Text.AlignHCenter
                font.pixelSize: Theme.fontLarge
                color: Theme.textMuted
                wrapMode: Text.Wrap
            }
        }

        ListView {
            id: draftList

            objectName: "draftList"
            visible: page.showsDrafts
            model: drafts
            clip: true
            spacing: Theme.spacingSmall
            Layout.fillWidth: true
            Layout.fillHeight: true

            delegate: DraftRow {
                width: ListView.view.width
                place: "list-"
                onOpenRequested: id => page.draftChosen(id)
                onDeleteRequested: id => drafts.remove(id)
            }

            Label {
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.spacing
                visible: draftList.count === 0
                text: page.filtered ? qsTr("No draft matches these filters.") : qsTr("No drafts: every interview on this tablet is finalized.")
                horizontalAlignment: Text.AlignHCenter
                font.pixelSize: Theme.fontLarge
                color: Theme.textMuted
                wrapMode: Text.Wrap
            }
        }
    }

    background: Rectangle {
        color: Theme.background
    }
}
