import QtQuick
import QtQuick.Controls
import Qt.labs.qmlmodels
import Phum

// The questions of the page on screen: FormController.fields with one delegate per question type,
// picked by the row's `kind`. Scrolls when a page is longer than the screen; "go to the first
// problem" brings that question into sight.
ListView {
    id: list

    required property FormController controller

    // Scrolls so that `item` (inside a delegate) is in view, with a margin above it.
    function reveal(item) {
        if (!item)
            return;
        const top = item.mapToItem(list.contentItem, 0, 0).y;
        const bottom = top + item.height;
        if (top < list.contentY || bottom > list.contentY + list.height)
            list.contentY = Math.max(0, Math.min(top - Theme.spacing * 2, list.contentHeight - list.height));
    }

    // Brings the question at `path` into view and returns its delegate (null if not on this page).
    function showQuestion(path) {
        const row = list.controller.fields.rowOf(path);
        if (row < 0)
            return null;
        list.positionViewAtIndex(row, ListView.Beginning);
        return list.itemAtIndex(row);
    }

    model: controller.fields
    clip: true
    // Delegates are made when they come into view, at once: made ahead in the background, a page
    // turned meanwhile would cancel them half-made. Every answer lives in the model, so a question
    // scrolled away and back shows what was given.
    cacheBuffer: 0
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
            list.positionViewAtBeginning();
        }

        target: list.controller
    }

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
