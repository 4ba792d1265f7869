/**
 * The search bar: facets (removable), a text input proposing which field to search the text in,
 * and the Filters and Group By menus. It only edits a SearchModel; views listen to the model.
 */

import { h, icon } from "../core/dom.js";
import { dropdown, menuItem } from "../core/dropdown.js";
import { Autocomplete } from "../fields/autocomplete.js";

export class SearchBar {
    constructor(env, searchModel) {
        this.env = env;
        this.model = searchModel;
        this.facetsEl = h("div", { class: "o-facets" });
        this.autocomplete = new Autocomplete({
            inputId: `o-search-${Math.random().toString(36).slice(2, 8)}`,
            label: "Search",
            placeholder: "Search…",
            delay: 0,
            search: (text) => this.suggestions(text),
            select: (item) => {
                item.action();
                this.autocomplete.input.value = "";
            },
        });
        this.autocomplete.input.addEventListener("keydown", (event) => {
            if (event.key === "Backspace" && !this.autocomplete.input.value) {
                const facets = this.model.facets();
                if (facets.length) {
                    this.model.removeFacet(facets[facets.length - 1]);
                }
            }
        });
        this.filtersMenu = h("div");
        this.groupByMenu = h("div");
        this.el = h("div", { class: "o-searchbar", attrs: { role: "search" } },
            h("div", { class: "o-searchbar-box" },
                h("span", { class: "o-searchbar-icon" }, icon("search")),
                this.facetsEl, this.autocomplete.el),
            h("div", { class: "o-searchbar-options" }, this.filtersMenu, this.groupByMenu));
        this.onUpdate = () => this.render();
        searchModel.addEventListener("update", this.onUpdate);
        this.render();
    }

    destroy() {
        this.model.removeEventListener("update", this.onUpdate);
    }

    suggestions(text) {
        const value = text.trim();
        if (!value) {
            return [];
        }
        return this.model.searchFields.map((searchField) => ({
            label: [h("span", {}, "Search "), h("strong", {}, searchField.label), h("span", {}, " for: "), h("em", {}, value)],
            action: () => this.model.addFieldSearch(searchField.name, value),
        }));
    }

    render() {
        const hadFocus = this.el.contains(document.activeElement);
        this.facetsEl.replaceChildren(...this.model.facets().map((facet) => {
            const text = facet.values.join(facet.type === "groupBy" ? " › " : " or ");
            const label = facet.type === "filter" ? null : facet.label;
            const name = label ? `${label}: ${text}` : text;
            return h("span", { class: ["o-facet", `o-facet-${facet.type}`], dataset: { type: facet.type } },
                h("span", { class: "o-facet-label", attrs: { "aria-hidden": "true" } },
                    icon(facet.type === "groupBy" ? "layers" : facet.type === "filter" ? "filter" : "search", { size: 13 }),
                    label ? label : null),
                h("span", { class: "o-facet-values" }, text),
                h("button", {
                    type: "button", class: "o-facet-remove", attrs: { "aria-label": `Remove ${name}` },
                    on: { click: () => this.model.removeFacet(facet) },
                }, icon("close", { size: 12 })));
        }));
        this.syncMenus();
        if (hadFocus && !this.el.contains(document.activeElement)) {
            this.autocomplete.input.focus();
        }
    }

    buildMenus() {
        const filterItems = [];
        let lastGroup = null;
        this.filterButtons = new Map();
        for (const filter of this.model.filters) {
            if (lastGroup !== null && filter.group !== lastGroup) {
                filterItems.push(h("div", { class: "o-dropdown-divider", attrs: { role: "separator" } }));
            }
            lastGroup = filter.group;
            const item = menuItem(filter.string, () => this.model.toggleFilter(filter.name), { checked: false, className: "o-filter-item" });
            this.filterButtons.set(filter.name, item);
            filterItems.push(item);
        }
        const filters = dropdown({
            content: [icon("filter"), "Filters"], buttonClass: "o-btn o-btn-ghost o-filters-toggle", ariaLabel: "Filters", keepOpen: true,
            items: filterItems.length ? filterItems : [h("div", { class: "o-dropdown-empty" }, "No predefined filters")],
        });
        this.groupButtons = new Map();
        const groupItems = this.model.groupBys.map((item) => {
            const button = menuItem(item.string, () => this.model.toggleGroupBy(item.field), { checked: false, className: "o-groupby-item" });
            this.groupButtons.set(item.field, button);
            return button;
        });
        this.customGroup = h("select", {
            class: "o-input o-input-sm o-custom-groupby", attrs: { "aria-label": "Add a custom group" },
            on: {
                change: () => {
                    const value = this.customGroup.value;
                    this.customGroup.value = "";
                    if (value) {
                        this.model.toggleGroupBy(value);
                    }
                },
            },
        });
        const groups = dropdown({
            content: [icon("layers"), "Group By"], buttonClass: "o-btn o-btn-ghost o-groupby-toggle", ariaLabel: "Group By", keepOpen: true,
            items: [...groupItems, groupItems.length ? h("div", { class: "o-dropdown-divider", attrs: { role: "separator" } }) : null,
                h("div", { class: "o-dropdown-custom" }, this.customGroup)],
        });
        this.filtersMenu.replaceChildren(filters.el);
        this.groupByMenu.replaceChildren(groups.el);
    }

    syncMenus() {
        if (!this.filterButtons) {
            this.buildMenus();
        }
        const active = new Set(this.model.state.filters);
        for (const [name, button] of this.filterButtons) {
            button.setAttribute("aria-checked", active.has(name) ? "true" : "false");
            button.classList.toggle("o-checked", active.has(name));
        }
        const groupBy = new Set(this.model.groupBy);
        for (const [field, button] of this.groupButtons) {
            button.setAttribute("aria-checked", groupBy.has(field) ? "true" : "false");
            button.classList.toggle("o-checked", groupBy.has(field));
        }
        this.customGroup.replaceChildren(h("option", { value: "" }, "Add custom group…"),
            ...this.model.groupableFields().filter((field) => !groupBy.has(field.name)).map((field) => h("option", { value: field.name }, field.string)));
    }
}
