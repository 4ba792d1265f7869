/**
 * Turning a form arch into elements for one Record: header (buttons, status bar), sheet, groups
 * (label + widget rows, side-by-side columns), notebooks (accessible tabs), titles, buttons.
 *
 * The DOM is built once per record load; after that every change of the record only refreshes
 * what depends on it (``refresh()``): each widget updates itself and each node with an
 * ``invisible`` modifier is shown or hidden, so the control being typed in is never rebuilt.
 */

import { h, uniqueId } from "../../core/dom.js";
import { children, isTrue, labelOf } from "../arch.js";
import { widgetFor } from "../../fields/registry.js";

const TEXT_TAGS = new Set(["div", "span", "p", "h1", "h2", "h3", "h4", "h5", "h6", "small", "strong", "em", "b", "i"]);
const PRIMARY_CLASSES = /\b(oe_highlight|btn-primary)\b/;

export class FormRenderer {
    /** ``onButton(node)``: what happens when an arch <button> is clicked (the controller decides). */
    constructor(env, { record, arch, onButton }) {
        this.env = env;
        this.record = record;
        this.arch = arch;
        this.onButton = onButton;
        this.widgets = [];
        this.conditional = []; // [{el, node}] shown or hidden by their invisible modifier
        this.buttons = [];
    }

    render() {
        this.widgets = [];
        this.conditional = [];
        this.buttons = [];
        const header = children(this.arch).find((node) => node.tagName === "header");
        const sheet = children(this.arch).find((node) => node.tagName === "sheet");
        const content = sheet ? this.renderSheet(sheet) : h("div", { class: "o-form-sheet" }, this.renderChildren(this.arch, { skip: ["header", "footer"] }));
        this.el = h("div", { class: "o-form-renderer" }, header ? this.renderHeader(header) : null, content);
        this.refresh();
        return this.el;
    }

    /** Show the record's current state: widgets' values and modifiers, visibility of nodes. */
    refresh() {
        for (const { el, node } of this.conditional) {
            el.hidden = this.record.isInvisible(node);
        }
        for (const widget of this.widgets) {
            widget.update();
        }
        for (const { el, node } of this.buttons) {
            el.hidden = this.record.isInvisible(node);
        }
        this.refreshTabs?.();
    }

    /** Focus the first field in error (after a failed save). */
    focusFirstError() {
        const widget = this.widgets.find((item) => this.record.errors.has(item.name));
        if (widget) {
            widget.el.closest("[role=tabpanel]")?.dispatchEvent(new CustomEvent("o-reveal", { bubbles: true }));
            widget.focus();
        }
    }

    watch(el, node) {
        if (node.hasAttribute("invisible")) {
            this.conditional.push({ el, node });
        }
        return el;
    }

    renderHeader(node) {
        const buttons = [];
        const bars = [];
        for (const child of children(node)) {
            if (child.tagName === "field") {
                bars.push(this.renderField(child, { label: false }));
            } else if (child.tagName === "button") {
                buttons.push(this.renderButton(child));
            }
        }
        return h("div", { class: "o-form-statusbar" }, h("div", { class: "o-form-header-buttons" }, buttons), h("div", { class: "o-form-header-status" }, bars));
    }

    renderSheet(node) {
        return h("div", { class: "o-form-sheet-bg" }, h("div", { class: "o-form-sheet" }, this.renderChildren(node)));
    }

    renderChildren(node, { skip = [] } = {}) {
        return children(node).filter((child) => !skip.includes(child.tagName)).map((child) => this.renderNode(child));
    }

    renderNode(node) {
        switch (node.tagName) {
            case "group":
                return this.renderGroup(node);
            case "notebook":
                return this.renderNotebook(node);
            case "field":
                return this.renderField(node, { label: false });
            case "button":
                return this.renderButton(node);
            case "separator":
                return this.watch(h("h3", { class: "o-form-separator" }, node.getAttribute("string") || ""), node);
            case "label":
                return this.renderLabel(node);
            case "newline":
                return h("div", { class: "o-newline" });
            case "header":
            case "footer":
            case "sheet":
                return this.renderChildren(node);
            default:
                return this.renderElement(node);
        }
    }

    /** Plain markup of the arch (div, span, h1...): tag and class kept, text copied as text. */
    renderElement(node) {
        const tag = TEXT_TAGS.has(node.tagName) ? node.tagName : "div";
        const classes = (node.getAttribute("class") || "").split(/\s+/).filter((name) => /^[\w-]+$/.test(name));
        const el = h(tag, { class: classes.map((name) => `arch-${name}`) });
        for (const child of node.childNodes) {
            if (child.nodeType === Node.TEXT_NODE) {
                if (child.textContent.trim()) {
                    el.appendChild(document.createTextNode(child.textContent));
                }
            } else if (child.nodeType === Node.ELEMENT_NODE) {
                const rendered = this.renderNode(child);
                el.append(...[rendered].flat().filter(Boolean));
            }
        }
        return this.watch(el, node);
    }

    renderGroup(node) {
        const title = node.getAttribute("string");
        const items = children(node);
        const isOuter = items.length && items.every((child) => ["group", "separator", "newline"].includes(child.tagName));
        let body;
        if (isOuter) {
            body = h("div", { class: "o-group-columns" }, items.map((child) => this.renderNode(child)));
        } else {
            body = h("div", { class: "o-inner-group" }, items.map((child) => this.renderGroupItem(child)));
        }
        const el = h("div", { class: ["o-group", { "o-group-outer": isOuter }] }, title ? h("h3", { class: "o-group-title" }, title) : null, body);
        return this.watch(el, node);
    }

    renderGroupItem(node) {
        if (node.tagName !== "field") {
            return h("div", { class: "o-group-full" }, this.renderNode(node));
        }
        const name = node.getAttribute("name");
        const field = this.record.fields[name];
        if (!field) {
            return null;
        }
        if (isTrue(node, "nolabel")) {
            return this.watch(h("div", { class: "o-group-full" }, this.renderField(node, { label: false })), node);
        }
        const inputId = uniqueId(`o-field-${name}`);
        const labelText = labelOf(node, field);
        const label = h("label", { class: "o-form-label", htmlFor: inputId }, labelText);
        const widget = this.createWidget(node, { inputId, hasLabel: true });
        const row = h("div", { class: "o-form-row", dataset: { name } },
            h("div", { class: "o-group-label" }, label, field.help ? h("span", { class: "o-help", attrs: { title: field.help, "aria-label": field.help, role: "img" } }, "?") : null),
            h("div", { class: "o-group-widget" }, widget.el));
        this.widgets.push(widget);
        widget.rowLabel = label;
        return this.watch(row, node);
    }

    createWidget(node, { inputId = null, hasLabel = false } = {}) {
        const name = node.getAttribute("name");
        const field = this.record.fields[name];
        const Widget = widgetFor(field, node);
        const widget = new Widget(this.env, {
            record: this.record, name, node, mode: "form", inputId, hasLabel, labelText: labelOf(node, field),
        });
        for (const className of (node.getAttribute("class") || "").split(/\s+/).filter((item) => /^[\w-]+$/.test(item))) {
            widget.el.classList.add(`arch-${className}`);
        }
        return widget;
    }

    renderField(node, { label = false } = {}) {
        const name = node.getAttribute("name");
        if (!this.record.fields[name]) {
            return null;
        }
        const widget = this.createWidget(node, { hasLabel: label });
        this.widgets.push(widget);
        return this.watch(widget.el, node);
    }

    /** <label for="field"/>: the label of a field shown elsewhere (the widget gets the id). */
    renderLabel(node) {
        const target = node.getAttribute("for");
        const field = this.record.fields[target];
        const text = node.getAttribute("string") || (field && field.string) || "";
        const el = h("label", { class: "o-form-label" }, text);
        queueMicrotask(() => {
            const widget = this.widgets.find((item) => item.name === target);
            if (widget) {
                el.htmlFor = widget.inputId;
            }
        });
        return this.watch(el, node);
    }

    renderButton(node) {
        const classes = node.getAttribute("class") || "";
        const text = node.getAttribute("string") || node.getAttribute("title") || "";
        const el = h("button", {
            type: "button",
            class: ["o-btn", "o-arch-button", { "o-btn-primary": PRIMARY_CLASSES.test(classes) }],
            dataset: { name: node.getAttribute("name") || "", type: node.getAttribute("type") || "" },
            attrs: { title: node.getAttribute("help") || null },
            on: { click: () => this.onButton(node) },
        }, text);
        this.buttons.push({ el, node });
        return el;
    }

    renderNotebook(node) {
        const pages = children(node).filter((child) => child.tagName === "page");
        const tablist = h("div", { class: "o-notebook-tabs", attrs: { role: "tablist" } });
        const panels = [];
        const tabs = [];
        let selected = 0;
        const select = (index, focus = false) => {
            selected = index;
            tabs.forEach((tab, i) => {
                tab.setAttribute("aria-selected", i === index ? "true" : "false");
                tab.tabIndex = i === index ? 0 : -1;
                panels[i].hidden = i !== index;
            });
            if (focus) {
                tabs[index].focus();
            }
        };
        pages.forEach((page, index) => {
            const tabId = uniqueId("o-tab");
            const panelId = uniqueId("o-panel");
            const tab = h("button", {
                type: "button", id: tabId, class: "o-notebook-tab",
                attrs: { role: "tab", "aria-controls": panelId, "aria-selected": "false" },
                on: {
                    click: () => select(index),
                    keydown: (event) => {
                        const visible = tabs.filter((item) => !item.hidden);
                        const position = visible.indexOf(tab);
                        if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
                            event.preventDefault();
                            const next = visible[(position + (event.key === "ArrowRight" ? 1 : -1) + visible.length) % visible.length];
                            select(tabs.indexOf(next), true);
                        }
                    },
                },
            }, page.getAttribute("string") || `Page ${index + 1}`);
            const panel = h("div", {
                id: panelId, class: "o-notebook-page",
                attrs: { role: "tabpanel", "aria-labelledby": tabId, tabindex: "0" },
                on: { "o-reveal": () => select(index) },
            }, this.renderChildren(page));
            tabs.push(tab);
            panels.push(panel);
            tablist.appendChild(tab);
        });
        const previous = this.refreshTabs;
        this.refreshTabs = () => {
            previous?.();
            pages.forEach((page, index) => {
                tabs[index].hidden = this.record.isInvisible(page);
            });
            if (tabs[selected]?.hidden) {
                const first = tabs.findIndex((tab) => !tab.hidden);
                if (first >= 0) {
                    select(first);
                }
            }
        };
        select(0);
        return this.watch(h("div", { class: "o-notebook" }, tablist, panels), node);
    }
}
