import QtQuick
import QtQuick.Controls
import Qt.labs.qmlmodels
import Phum

// The questions of the page on screen: FormController.fields with one delegate per question type,
// picked by the row's `kind`. A page holds a section, not the whole form, so every question of it
// is made at once (a Repeater, not a ListView that makes and unmakes questions while scrolling and
// typing); the page scrolls when it is longer than the screen. "Go to the first problem" brings
// that question into sight.
Flickable {
    id: list

    required property FormController controller

    // Scrolls so that `item` (inside a question) is in view, with a margin above it.
    function reveal(item) {
        if (!item)
            return;
        // A question that just appeared (relevance) or a page just shown may not be placed yet.
        column.forceLayout();
        const top = item.mapToItem(list.contentItem, 0, 0).y;
        const bottom = top + item.height;
        if (top < list.contentY || bottom > list.contentY + list.height)
            list.contentY = Math.max(0, Math.min(top - Theme.spacing * 2, list.contentHeight - list.height));
    }

    // Brings the question at `path` into view and returns it (null if it is not on this page).
    function showQuestion(path) {
        const row = list.controller.fields.rowOf(path);
        const item = row < 0 ? null : questions.itemAt(row);
        if (item)
            list.reveal(item);
        return item;
    }

    contentHeight: column.implicitHeight
    clip: true
    boundsBehavior: Flickable.StopAtBounds
    ScrollIndicator.vertical: ScrollIndicator {
    }

    Connections {
        function onFocusRequested(path) {
            const item = list.showQuestion(path);
            if (item)
                item.forceActiveFocus();
        }

        function onPageShown() {
            list.contentY = 0;
        }

        target: list.controller
    }

    Column {
        id: column

        width: list.width

        Repeater {
            id: questions

            model: list.controller.fields

            delegate: DelegateChooser {
                role: "kind"

                DelegateChoice {
                    roleValue: "text"

                    TextQuestion {
                        width: list.width
                        controller: list.controller
                    }
                }

                DelegateChoice {
                    roleValue: "integer"

                    TextQuestion {
                        width: list.width
                        controller: list.controller
                    }
                }

                DelegateChoice {
                    roleValue: "decimal"

                    TextQuestion {
                        width: list.width
                        controller: list.controller
                    }
                }

                DelegateChoice {
                    roleValue: "select_one"

                    ChoiceQuestion {
                        width: list.width
                        controller: list.controller
                    }
                }

                DelegateChoice {
                    roleValue: "select_multiple"

                    ChoiceQuestion {
                        width: list.width
                        controller: list.controller
                    }
                }

                DelegateChoice {
                    roleValue: "date"

                    DateTimeQuestion {
                        width: list.width
                        controller: list.controller
                    }
                }

                DelegateChoice {
                    roleValue: "datetime"

                    DateTimeQuestion {
                        width: list.width
                        controller: list.controller
                    }
                }

                DelegateChoice {
                    roleValue: "time"

                    DateTimeQuestion {
                        width: list.width
                        controller: list.controller
                    }
                }

                DelegateChoice {
                    roleValue: "note"

                    NoteItem {
                        width: list.width
                    }
                }

                DelegateChoice {
                    roleValue: "acknowledge"

                    AcknowledgeQuestion {
                        width: list.width
                        controller: list.controller
                    }
                }

                DelegateChoice {
                    roleValue: "calculate"

                    CalculatedItem {
                        width: list.width
                    }
                }

                DelegateChoice {
                    roleValue: "geopoint"

                    GeopointQuestion {
                        width: list.width
                        controller: list.controller
                    }
                }

                DelegateChoice {
                    roleValue: "image"

                    ImageQuestion {
                        width: list.width
                        controller: list.controller
                    }
                }

                DelegateChoice {
                    roleValue: "barcode"

                    BarcodeQuestion {
                        width: list.width
                        controller: list.controller
                    }
                }

                DelegateChoice {
                    roleValue: "group"

                    GroupHeading {
                        width: list.width
                    }
                }

                DelegateChoice {
                    roleValue: "repeat"

                    RepeatEntries {
                        width: list.width
                        controller: list.controller
                    }
                }
            }
        }
    }
}
