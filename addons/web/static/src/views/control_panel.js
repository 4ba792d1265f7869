/**
 * The bar above every view: breadcrumbs, the view's buttons, the search bar, the pager and the
 * view switcher. Views fill the slots; the action manager gives the breadcrumbs.
 *
 *     const panel = new ControlPanel();
 *     panel.setBreadcrumbs([{ title: "Contacts", onSelect }, { title: "Azure Interior" }]);
 *     panel.slots.buttons.replaceChildren(newButton);
 */

import { h, icon } from "../core/dom.js";

const VIEW_ICONS = { list: "list", kanban: "kanban", form: "form" };
const VIEW_LABELS = { list: "List", kanban: "Kanban", form: "Form" };

export class ControlPanel {
    constructor() {
        this.breadcrumbs = h("ol", { class: "o-breadcrumbs" });
        this.slots = {
            status: h("div", { class: "o-cp-status" }),
            buttons: h("div", { class: "o-cp-buttons" }),
            search: h("div", { class: "o-cp-search" }),
            selection: h("div", { class: "o-cp-selection" }),
            pager: h("div", { class: "o-cp-pager" }),
            switcher: h("div", { class: "o-cp-switcher", attrs: { role: "group", "aria-label": "View" } }),
        };
        this.el = h("div", { class: "o-control-panel" },
            h("div", { class: "o-cp-top" },
                h("nav", { class: "o-cp-breadcrumbs", attrs: { "aria-label": "Breadcrumb" } }, this.breadcrumbs, this.slots.status),
                this.slots.search),
            h("div", { class: "o-cp-bottom" },
                this.slots.buttons, this.slots.selection,
                h("div", { class: "o-cp-right" }, this.slots.pager, this.slots.switcher)));
    }

    /** ``items``: [{title, onSelect}] from the oldest to the current (which has no onSelect). */
    setBreadcrumbs(items) {
        this.breadcrumbs.replaceChildren(...items.map((item, index) => {
            const last = index === items.length - 1;
            const title = item.title || "Untitled";
            const content = last
                ? h("span", { class: "o-breadcrumb-current", attrs: { "aria-current": "page" } }, title)
                : h("a", {
                    href: item.href || "#",
                    on: {
                        click: (event) => {
                            event.preventDefault();
                            item.onSelect();
                        },
                    },
                }, title);
            return h("li", { class: "o-breadcrumb" }, content);
        }));
        const current = this.breadcrumbs.querySelector(".o-breadcrumb-current");
        this.currentTitle = current;
    }

    /** Update the current breadcrumb's text (a record's name changes as it is edited). */
    setCurrentTitle(title) {
        if (this.currentTitle) {
            this.currentTitle.textContent = title || "Untitled";
        }
    }

    /** The switcher between the views of an action: ``onSwitch(type)``. */
    setViewSwitcher(types, current, onSwitch) {
        const shown = types.filter((type) => type !== "form");
        this.slots.switcher.replaceChildren(...(shown.length > 1 ? shown.map((type) => h("button", {
            type: "button",
            class: ["o-btn", "o-btn-icon", "o-switch-view", { "o-active": type === current }],
            dataset: { viewType: type },
            attrs: { "aria-label": `${VIEW_LABELS[type] || type} view`, "aria-pressed": type === current ? "true" : "false", title: VIEW_LABELS[type] || type },
            on: { click: () => type !== current && onSwitch(type) },
        }, icon(VIEW_ICONS[type] || "list"))) : []));
    }

    clearSlots() {
        for (const slot of Object.values(this.slots)) {
            slot.replaceChildren();
        }
    }
}
