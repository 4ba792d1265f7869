/**
 * Keyboard shortcuts, scoped: the screen on top registers its shortcuts while it is shown.
 *
 * Shortcuts are written "alt+s", "ctrl+s", "alt+shift+x". They work from inside inputs too
 * (that is where one saves from), except when a dialog is open (the dialog stops key events).
 *
 *     const release = hotkeys.register({ "alt+s": save, "ctrl+s": save, "alt+j": discard });
 *     release();   // when the screen goes away
 */

function keyOf(event) {
    const parts = [];
    if (event.ctrlKey || event.metaKey) {
        parts.push("ctrl");
    }
    if (event.altKey) {
        parts.push("alt");
    }
    if (event.shiftKey) {
        parts.push("shift");
    }
    // event.code survives keyboard layouts where Alt changes the character (macOS: Alt+S = "ß").
    const code = event.code || "";
    const key = code.startsWith("Key") ? code.slice(3).toLowerCase() : (event.key || "").toLowerCase();
    parts.push(key);
    return parts.join("+");
}

export class Hotkeys {
    constructor(target = window) {
        this.scopes = [];
        target.addEventListener("keydown", (event) => this._onKeydown(event));
    }

    /** Register ``{combo: handler}`` on top of the others; returns the function removing them. */
    register(bindings) {
        const scope = { bindings };
        this.scopes.push(scope);
        return () => {
            this.scopes = this.scopes.filter((item) => item !== scope);
        };
    }

    _onKeydown(event) {
        if (event.defaultPrevented || document.querySelector(".o-dialog-backdrop")) {
            return;
        }
        const combo = keyOf(event);
        for (let index = this.scopes.length - 1; index >= 0; index -= 1) {
            const handler = this.scopes[index].bindings[combo];
            if (handler) {
                event.preventDefault();
                handler(event);
                return;
            }
        }
    }
}
