/**
 * many2one fields: search-as-you-type over the comodel (name_search), "Create "…"" (name_create),
 * "Create and edit…" (the comodel's form in a dialog), and a button opening the linked record.
 *
 * Arch options: ``options="{'no_create': True, 'no_open': True, 'no_quick_create': True}"``;
 * the field's ``domain`` and the node's ``domain`` (evaluated on the record) filter the choices.
 */

import { h, icon } from "../core/dom.js";
import { parseLiteral, toValue } from "../core/py_literal.js";
import { andDomains } from "../core/domain.js";
import { Autocomplete } from "./autocomplete.js";
import { Field } from "./field.js";

const LIMIT = 8;

export function nodeOptions(node) {
    const text = node?.getAttribute("options");
    if (!text) {
        return {};
    }
    try {
        const value = parseLiteral(text);
        return value && typeof value === "object" ? value : {};
    } catch {
        return {};
    }
}

/** The domain limiting a relational field's choices: the field's AND the arch node's. */
export function relationDomain(record, field, node) {
    const scope = record.evalContext();
    const parts = [];
    for (const raw of [field.domain, node?.getAttribute("domain")]) {
        try {
            parts.push(toValue(raw, scope, []));
        } catch (error) {
            console.warn(`Domain ${raw} of ${record.model}: ${error.message}`);
        }
    }
    return andDomains(parts);
}

export class Many2OneField extends Field {
    static className = "o-field-many2one";

    get options() {
        return nodeOptions(this.node);
    }

    get displayName() {
        return Array.isArray(this.value) ? String(this.value[1] ?? "") : "";
    }

    renderInput() {
        this.autocomplete = new Autocomplete({
            inputId: this.inputId,
            label: this.labelText,
            placeholder: this.attr("placeholder") || "",
            search: (text) => this.suggestions(text),
            select: (item) => item.action(),
            onBlur: (text) => {
                if (!text.trim() && this.value) {
                    this.setValue(false);
                } else {
                    this.autocomplete.input.value = this.displayName;
                }
            },
        });
        this.openButton = h("button", {
            type: "button",
            class: "o-btn o-btn-ghost o-btn-icon o-many2one-open",
            attrs: { "aria-label": `Open ${this.labelText}`, title: "Open the record" },
            on: { click: () => this.openRecord() },
        }, icon("external"));
        return h("div", { class: "o-many2one" }, this.autocomplete.el, this.mode === "form" && !this.options.no_open ? this.openButton : null);
    }

    syncInput() {
        const input = this.autocomplete.input;
        const id = Array.isArray(this.value) ? this.value[0] : false;
        // the value changed (picked, created, onchange...): show it, even in the focused input; typing
        // changes nothing in the record, so an unchanged id means the input's text is the user's
        if (id !== this.shownId || (document.activeElement !== input && input.value !== this.displayName)) {
            input.value = this.displayName;
            this.shownId = id;
        }
        this.openButton.hidden = !this.value;
    }

    renderReadonly() {
        if (this.mode === "form" && !this.options.no_open) {
            this.readonlyEl = h("a", {
                class: "o-field-readonly o-many2one-link", id: this.inputId, href: "#",
                on: {
                    click: (event) => {
                        event.preventDefault();
                        this.openRecord();
                    },
                },
            });
            return this.readonlyEl;
        }
        return super.renderReadonly();
    }

    syncReadonly() {
        super.syncReadonly();
        if (this.readonlyEl.tagName === "A") {
            this.readonlyEl.hidden = !this.value;
        }
    }

    async suggestions(text) {
        const domain = relationDomain(this.record, this.field, this.node);
        const context = this.record.context;
        const results = await this.env.orm.nameSearch(this.field.relation, text, { domain, limit: LIMIT, context });
        const items = results.map(([id, name]) => ({
            label: name, action: () => this.setValue([id, name]),
        }));
        const canCreate = !this.options.no_create && !this.field.readonly;
        const name = text.trim();
        if (canCreate && name && !this.options.no_quick_create) {
            items.push({ label: `Create "${name}"`, className: "o-autocomplete-create", action: () => this.quickCreate(name) });
        }
        if (canCreate && !this.options.no_create_edit) {
            items.push({ label: "Create and edit…", className: "o-autocomplete-create", action: () => this.createAndEdit(name) });
        }
        if (!results.length && !items.length) {
            items.push({ label: "No records found", className: "o-autocomplete-empty", action: () => {} });
        }
        return items;
    }

    async quickCreate(name) {
        const [id, displayName] = await this.env.orm.nameCreate(this.field.relation, name, { context: this.record.context });
        await this.setValue([id, displayName]);
    }

    async createAndEdit(name) {
        const result = await this.env.openFormDialog({
            model: this.field.relation,
            title: `Create ${this.labelText}`,
            context: { ...this.record.context, ...(name ? { default_name: name } : {}) },
        });
        if (result) {
            await this.setValue(result);
        } else {
            this.autocomplete.input.value = this.displayName;
        }
    }

    openRecord() {
        const id = Array.isArray(this.value) ? this.value[0] : false;
        if (id) {
            this.env.openRecord({ model: this.field.relation, resId: id, title: this.displayName, origin: this.record });
        }
    }
}
