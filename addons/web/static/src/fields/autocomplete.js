/**
 * A combobox with a suggestion list (WAI-ARIA combobox pattern), for many2one and tags inputs.
 *
 * The caller gives ``search(text)`` returning [{label, value, className}] (the special entries
 * such as "Create …" are items too) and ``select(item)``. Arrow keys move through the list,
 * Enter picks, Escape closes; the active option is announced through aria-activedescendant.
 */

import { h, uniqueId } from "../core/dom.js";

export class Autocomplete {
    constructor({ inputId, label, placeholder = "", search, select, onBlur = null, delay = 150 }) {
        this.search = search;
        this.select = select;
        this.onBlur = onBlur;
        this.delay = delay;
        this.items = [];
        this.active = -1;
        this.timer = null;
        this.requestId = 0;
        this.listId = uniqueId("o-listbox");
        this.input = h("input", {
            id: inputId,
            class: "o-input o-autocomplete-input",
            type: "text",
            autocomplete: "off",
            attrs: {
                role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false",
                "aria-controls": this.listId, placeholder, "aria-label": label,
            },
            on: {
                input: () => this.schedule(),
                keydown: (event) => this.keydown(event),
                focus: () => this.input.select(),
                blur: () => window.setTimeout(() => {
                    if (!this.el.contains(document.activeElement)) {
                        this.close();
                        this.onBlur?.(this.input.value);
                    }
                }, 120),
            },
        });
        this.list = h("ul", { id: this.listId, class: "o-autocomplete-list", hidden: true, attrs: { role: "listbox", "aria-label": `${label} suggestions` } });
        this.el = h("div", { class: "o-autocomplete" }, this.input, this.list);
    }

    get isOpen() {
        return !this.list.hidden;
    }

    schedule() {
        window.clearTimeout(this.timer);
        this.timer = window.setTimeout(() => this.open(), this.delay);
    }

    async open() {
        const requestId = ++this.requestId;
        const items = await this.search(this.input.value);
        if (requestId !== this.requestId || document.activeElement !== this.input) {
            return; // an older answer, or the user left
        }
        this.items = items;
        this.active = items.length ? 0 : -1;
        this.list.replaceChildren(...items.map((item, index) => h("li", {
            id: `${this.listId}-${index}`,
            class: ["o-autocomplete-item", item.className],
            attrs: { role: "option", "aria-selected": index === this.active ? "true" : "false" },
            on: {
                mousedown: (event) => event.preventDefault(),
                click: () => this.pick(index),
            },
        }, item.label)));
        this.list.hidden = !items.length;
        this.input.setAttribute("aria-expanded", items.length ? "true" : "false");
        this._highlight();
    }

    close() {
        window.clearTimeout(this.timer);
        this.requestId += 1;
        this.list.hidden = true;
        this.items = [];
        this.active = -1;
        this.input.setAttribute("aria-expanded", "false");
        this.input.removeAttribute("aria-activedescendant");
    }

    _highlight() {
        [...this.list.children].forEach((item, index) => {
            item.setAttribute("aria-selected", index === this.active ? "true" : "false");
            item.classList.toggle("o-active", index === this.active);
        });
        if (this.active >= 0) {
            this.input.setAttribute("aria-activedescendant", `${this.listId}-${this.active}`);
            this.list.children[this.active]?.scrollIntoView({ block: "nearest" });
        } else {
            this.input.removeAttribute("aria-activedescendant");
        }
    }

    pick(index) {
        const item = this.items[index];
        this.close();
        if (item) {
            this.select(item);
        }
    }

    keydown(event) {
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            if (!this.isOpen) {
                this.open();
                return;
            }
            const step = event.key === "ArrowDown" ? 1 : -1;
            this.active = (this.active + step + this.items.length) % this.items.length;
            this._highlight();
        } else if (event.key === "Enter" && this.isOpen) {
            event.preventDefault();
            event.stopPropagation();
            this.pick(this.active);
        } else if (event.key === "Enter" && this.input.value.trim()) {
            // typed faster than the suggestions came: take the first one once they are there
            event.preventDefault();
            event.stopPropagation();
            window.clearTimeout(this.timer);
            this.open().then(() => {
                const first = this.items.findIndex((item) => !item.className); // a match, never "Create …"
                if (first >= 0) {
                    this.pick(first);
                }
            });
        } else if (event.key === "Escape" && this.isOpen) {
            event.preventDefault();
            event.stopPropagation();
            this.close();
        } else if (event.key === "Tab" && this.isOpen && this.active >= 0 && this.input.value) {
            this.pick(this.active);
        }
    }
}
