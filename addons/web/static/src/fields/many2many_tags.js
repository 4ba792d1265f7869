/**
 * many2many fields as tags: each linked record a removable pill, plus a search input adding more
 * (name_search over the comodel, "Create "…"" with name_create).
 */

import { h, icon } from "../core/dom.js";
import { andDomains } from "../core/domain.js";
import { Autocomplete } from "./autocomplete.js";
import { Field } from "./field.js";
import { nodeOptions, relationDomain } from "./many2one.js";
import { many2manyIds } from "../views/values.js";

const COLORS = 8;

function tagColor(id) {
    return `o-tag-color-${id % COLORS}`;
}

export class Many2ManyTagsField extends Field {
    static className = "o-field-many2many-tags";

    get tags() {
        return Array.isArray(this.value) ? this.value.filter(Array.isArray) : [];
    }

    renderTags(removable) {
        return this.tags.map(([id, name]) => h("span", { class: ["o-tag", tagColor(id)], dataset: { id: String(id) } },
            h("span", { class: "o-tag-name" }, name),
            removable ? h("button", {
                type: "button", class: "o-tag-remove",
                attrs: { "aria-label": `Remove ${name}` },
                on: { click: () => this.remove(id) },
            }, icon("close", { size: 12 })) : null));
    }

    renderInput() {
        this.tagsEl = h("div", { class: "o-tags" });
        this.autocomplete = new Autocomplete({
            inputId: this.inputId,
            label: this.labelText,
            placeholder: "Add…",
            search: (text) => this.suggestions(text),
            select: (item) => item.action(),
            onBlur: () => {
                this.autocomplete.input.value = "";
            },
        });
        this.autocomplete.input.addEventListener("keydown", (event) => {
            if (event.key === "Backspace" && !this.autocomplete.input.value && this.tags.length) {
                this.remove(this.tags[this.tags.length - 1][0]);
            }
        });
        return h("div", { class: "o-tags-input" }, this.tagsEl, this.autocomplete.el);
    }

    syncInput() {
        this.tagsEl.replaceChildren(...this.renderTags(true));
    }

    renderReadonly() {
        this.readonlyEl = h("div", { class: "o-tags o-field-readonly", id: this.inputId });
        return this.readonlyEl;
    }

    syncReadonly() {
        this.readonlyEl.replaceChildren(...this.renderTags(false));
    }

    remove(id) {
        this.setValue(this.tags.filter((tag) => tag[0] !== id));
        this.autocomplete?.input.focus();
    }

    add(tag) {
        this.autocomplete.input.value = "";
        return this.setValue([...this.tags, tag]);
    }

    async suggestions(text) {
        const current = many2manyIds(this.value);
        const base = relationDomain(this.record, this.field, this.node);
        const domain = current.length ? andDomains([base, [["id", "not in", current]]]) : base;
        const results = await this.env.orm.nameSearch(this.field.relation, text, { domain, limit: 8, context: this.record.context });
        const items = results.map(([id, name]) => ({ label: name, action: () => this.add([id, name]) }));
        const name = text.trim();
        const options = nodeOptions(this.node);
        if (name && !options.no_create && !results.some(([, label]) => label.toLowerCase() === name.toLowerCase())) {
            items.push({
                label: `Create "${name}"`, className: "o-autocomplete-create",
                action: async () => this.add(await this.env.orm.nameCreate(this.field.relation, name, { context: this.record.context })),
            });
        }
        if (!items.length) {
            items.push({ label: "No records found", className: "o-autocomplete-empty", action: () => {} });
        }
        return items;
    }
}
