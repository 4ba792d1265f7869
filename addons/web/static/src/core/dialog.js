/**
 * Modal dialogs: confirmations and forms shown above the page.
 *
 * A dialog is a role="dialog" aria-modal element with a title, keeps the keyboard focus inside
 * itself while open, closes on Escape, and gives the focus back to where it was when it closes.
 *
 *     const choice = await new Dialog({ title: "Delete?", body: "...", buttons: [...] }).open();
 *     if (await confirmDialog({ title: "Delete 3 records?", confirmLabel: "Delete", danger: true })) ...
 */

import { h, icon, uniqueId } from "./dom.js";

const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), "
    + "textarea:not([disabled]), [tabindex]:not([tabindex='-1']), [contenteditable='true']";

export class Dialog {
    /**
     * ``buttons``: [{ label, value, primary, danger, onClick(dialog) }]; an onClick returning false keeps
     * the dialog open (e.g. a form that failed to save). ``size``: "sm" | "md" | "lg".
     */
    constructor({ title, body = null, buttons = null, size = "md", closeValue = null }) {
        this.title = title;
        this.body = body;
        this.buttons = buttons || [{ label: "Close", value: null, primary: true }];
        this.size = size;
        this.closeValue = closeValue;
        this.resolve = null;
        this.previousFocus = null;
        this.el = null;
    }

    _render() {
        const titleId = uniqueId("o-dialog-title");
        this.footer = h("footer", { class: "o-dialog-footer" },
            this.buttons.map((button) => h("button", {
                type: "button",
                class: ["o-btn", { "o-btn-primary": button.primary, "o-btn-danger": button.danger }],
                dataset: { value: String(button.value ?? "") },
                on: { click: () => this._click(button) },
            }, button.label)));
        this.bodyEl = h("div", { class: "o-dialog-body" }, this.body);
        this.panel = h("div", {
            class: ["o-dialog", `o-dialog-${this.size}`],
            attrs: { role: "dialog", "aria-modal": "true", "aria-labelledby": titleId },
        },
        h("header", { class: "o-dialog-header" },
            h("h2", { id: titleId, class: "o-dialog-title" }, this.title),
            h("button", {
                type: "button", class: "o-btn o-btn-ghost o-btn-icon",
                attrs: { "aria-label": "Close" }, on: { click: () => this.close(this.closeValue) },
            }, icon("close"))),
        this.bodyEl, this.footer);
        this.el = h("div", { class: "o-dialog-backdrop", on: { keydown: (event) => this._keydown(event) } }, this.panel);
    }

    async _click(button) {
        if (button.onClick) {
            for (const element of this.footer.querySelectorAll("button")) {
                element.disabled = true;
            }
            let keepOpen = false;
            try {
                keepOpen = (await button.onClick(this)) === false;
            } finally {
                for (const element of this.footer.querySelectorAll("button")) {
                    element.disabled = false;
                }
            }
            if (keepOpen) {
                return;
            }
        }
        this.close(button.value);
    }

    _keydown(event) {
        if (event.key === "Escape") {
            event.preventDefault();
            event.stopPropagation();
            this.close(this.closeValue);
        } else if (event.key === "Tab") {
            const items = [...this.panel.querySelectorAll(FOCUSABLE)].filter((item) => item.offsetParent !== null);
            if (!items.length) {
                return;
            }
            const first = items[0];
            const last = items[items.length - 1];
            if (event.shiftKey && document.activeElement === first) {
                event.preventDefault();
                last.focus();
            } else if (!event.shiftKey && document.activeElement === last) {
                event.preventDefault();
                first.focus();
            }
        }
        event.stopPropagation(); // shortcuts of the page below must not fire
    }

    /** Show the dialog; resolves with the value of the button that closed it (closeValue on Escape). */
    open() {
        this._render();
        this.previousFocus = document.activeElement;
        document.body.appendChild(this.el);
        document.body.classList.add("o-modal-open");
        const target = this.panel.querySelector("[autofocus]")
            || this.bodyEl.querySelector("input, select, textarea, [contenteditable='true']")
            || this.footer.querySelector(".o-btn-primary") || this.panel;
        target.focus();
        return new Promise((resolve) => {
            this.resolve = resolve;
        });
    }

    close(value = null) {
        if (!this.el) {
            return;
        }
        this.el.remove();
        this.el = null;
        if (!document.querySelector(".o-dialog-backdrop")) {
            document.body.classList.remove("o-modal-open");
        }
        if (this.previousFocus && document.contains(this.previousFocus)) {
            this.previousFocus.focus();
        }
        this.onClose?.(value);
        this.resolve?.(value);
    }
}

/** Ask a yes/no question; resolves to true when confirmed. */
export async function confirmDialog({ title, message = "", confirmLabel = "Ok", cancelLabel = "Cancel", danger = false }) {
    const dialog = new Dialog({
        title,
        size: "sm",
        body: message ? h("p", {}, message) : null,
        buttons: [
            { label: confirmLabel, value: true, primary: !danger, danger },
            { label: cancelLabel, value: false },
        ],
        closeValue: false,
    });
    return (await dialog.open()) === true;
}
