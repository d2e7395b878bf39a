// Drives the real app through its screen in QtQuickTest: finds items by objectName among the
// visual children (delegates of lists and repeaters are not QObject children, so TestCase's
// findChild cannot reach them), scrolls the form's question list to them, and taps and types like
// a finger and a keyboard. Every function takes the TestCase (`t`) and the app's root item.
.pragma library

function findItem(item, name) {
    if (!item)
        return null;
    if (item.objectName === name)
        return item;
    const kids = item.children || [];
    for (let i = 0; i < kids.length; ++i) {
        const found = findItem(kids[i], name);
        if (found)
            return found;
    }
    return null;
}

function item(t, root, name) {
    t.tryVerify(() => {
            return findItem(root, name) !== null;
        }, 5000, "no item named " + name + " on screen");
    return findItem(root, name);
}

function isInside(child, ancestor) {
    for (let p = child; p; p = p.parent) {
        if (p === ancestor)
            return true;
    }
    return false;
}

// Scrolls whatever list or page holds `target` so that it is on screen.
function reveal(root, target) {
    for (let p = target.parent; p; p = p.parent) {
        if (p.reveal !== undefined && p.contentItem !== undefined) {
            p.reveal(target);
            return;
        }
        if (p.contentY !== undefined && p.contentHeight !== undefined && p.height > 0) {
            const top = target.mapToItem(p.contentItem, 0, 0).y;
            if (top < p.contentY || top + target.height > p.contentY + p.height)
                p.contentY = Math.max(0, Math.min(top - 16, p.contentHeight - p.height));
            return;
        }
    }
}

// Whether the middle of `target` is inside every clipping view that holds it (a tap there lands
// on it, not on what is drawn over a scrolled-away part of a list).
function onScreen(target) {
    const middle = target.mapToItem(null, target.width / 2, target.height / 2);
    for (let p = target.parent; p; p = p.parent) {
        if (!p.clip)
            continue;
        const corner = p.mapToItem(null, 0, 0);
        if (middle.x < corner.x || middle.y < corner.y || middle.x > corner.x + p.width || middle.y > corner.y + p.height)
            return false;
    }
    return true;
}

// Whether a layout holding `target` has yet to place its items (until the next frame, new items
// all sit at the layout's corner).
function placing(t, target) {
    for (let p = target; p; p = p.parent) {
        if (t.isPolishScheduled(p))
            return true;
    }
    return false;
}

// Taps the item named `name` once it stands still in sight: a tap right after the screen changed
// (a page turned, a question appeared, a confirmation opened) must not land where the item was
// before the layouts placed it. Looked up afresh each time: a list refreshed meanwhile makes new
// items.
function tap(t, root, name) {
    let target = null;
    let last = "";
    t.tryVerify(() => {
            target = findItem(root, name);
            if (target === null || !target.visible)
                return false;
            reveal(root, target);
            const at = target.mapToItem(null, 0, 0);
            const now = [at.x, at.y, target.width, target.height].join(",");
            const still = now === last;
            last = now;
            return still && !placing(t, target) && onScreen(target);
        }, 5000, name + " is not on screen");
    t.verify(target.enabled, name + " is not enabled");
    t.verify(target.height >= 48, name + " is smaller than a finger (" + target.height + " px)");
    t.mouseClick(target);
}

function formPage(t, shell) {
    t.tryVerify(() => {
            return shell.stack.currentItem && shell.stack.currentItem.controller !== undefined && !shell.stack.busy;
        }, 5000, "the form is not on screen");
    return shell.stack.currentItem;
}

// Brings the question at `path` into view on the current page (the list only makes what it shows).
function showQuestion(t, shell, path) {
    const page = formPage(t, shell);
    const list = item(t, page, "fieldList");
    t.tryVerify(() => {
            return list.showQuestion(path) !== null;
        }, 5000, "question " + path + " is not on page " + page.controller.pageKey);
}

// Types `text` into the question at `path` key by key (ASCII), or, for Khmer, as an input method
// commits a word: the whole text at once.
function type(t, shell, path, text) {
    showQuestion(t, shell, path);
    const name = "input:" + path;
    tap(t, shell, name);
    const input = item(t, shell, name);
    t.tryVerify(() => {
            return input.activeFocus;
        });
    input.selectAll();
    t.keyClick(Qt.Key_Backspace);
    if (/^[\x20-\x7e]*$/.test(text)) {
        for (let i = 0; i < text.length; ++i)
            t.keyClick(text[i]);
    } else {
        input.text = text;
        input.textEdited();
    }
    t.compare(input.text, text);
    input.editingFinished();
}

function choose(t, shell, path, name) {
    showQuestion(t, shell, path);

    tap(t, shell, "choice:" + path + ":" + name);
    const controller = formPage(t, shell).controller;
    t.tryVerify(() => {
            return controller.fields.get(controller.fields.rowOf(path)).value.split(" ").indexOf(name) >= 0;
        }, 5000, path + " did not take " + name);
}

function chooseMany(t, shell, path, names) {
    for (let i = 0; i < names.length; ++i)
        choose(t, shell, path, names[i]);
}

function today(t, shell, path) {
    showQuestion(t, shell, path);
    tap(t, shell, "today:" + path);
}

function value(t, shell, path) {
    const controller = formPage(t, shell).controller;
    return controller.fields.get(controller.fields.rowOf(path)).value;
}

// Next page; `key` names the page expected to come.
function next(t, shell, key) {
    const controller = formPage(t, shell).controller;
    tap(t, shell, "nextButton");
    if (key !== undefined)
        t.tryCompare(controller, "pageKey", key);
}
