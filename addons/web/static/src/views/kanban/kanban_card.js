/**
 * Kanban cards from the arch's template (``<templates><t t-name="kanban-box">`` or ``"card"``).
 *
 * A small, safe subset of QWeb: elements of a few text and layout tags with their classes,
 * ``<field name="x" widget="image|many2many_tags"/>`` (the formatted value), ``t-if``/``t-elif``/
 * ``t-else`` and ``t-esc``/``t-out`` with the modifier expression language (``record.x.raw_value``
 * and ``record.x.value`` are read as ``x``). Everything from the record becomes text; nothing is
 * parsed as markup, nothing is run as code.
 */

import { h } from "../../core/dom.js";
import { evaluateExpr } from "../../core/expression.js";
import { formatValue } from "../../core/format.js";
import { imageMimetype } from "../../fields/image.js";
import { children, parseModifier } from "../arch.js";

const TAGS = new Set(["div", "span", "strong", "b", "em", "i", "small", "p", "ul", "li", "h3", "h4", "h5", "section", "footer", "header"]);

/** ``record.x.raw_value`` / ``record.x.value`` -> ``x`` (Odoo's card templates), then the expression language. */
function evaluate(text, values) {
    const expression = String(text).replace(/\brecord\.(\w+)\.(raw_value|value)\b/g, "$1").replace(/\brecord\.(\w+)\b/g, "$1");
    try {
        return evaluateExpr(parseModifier(expression), values);
    } catch {
        return false;
    }
}

export function cardTemplate(arch) {
    const templates = children(arch).find((node) => node.tagName === "templates");
    if (!templates) {
        return null;
    }
    return children(templates).find((node) => ["kanban-box", "card"].includes(node.getAttribute("t-name"))) || null;
}

export class KanbanCardRenderer {
    /** ``values(row)``: the values expressions see; ``fieldText(name, row)`` etc. come from the view. */
    constructor(env, { arch, fields, tagName }) {
        this.env = env;
        this.fields = fields;
        this.template = cardTemplate(arch);
        this.tagName = tagName;
        this.fallbackFields = children(arch).filter((node) => node.tagName === "field").map((node) => node.getAttribute("name"));
    }

    render(row, values) {
        if (!this.template) {
            return h("div", { class: "o-kanban-card-body" },
                h("strong", { class: "o-kanban-title" }, row.display_name || ""),
                this.fallbackFields.filter((name) => name !== "display_name" && row[name]).slice(0, 3)
                    .map((name) => h("div", { class: "o-kanban-line" }, formatValue(row[name], this.fields[name]))));
        }
        return h("div", { class: "o-kanban-card-body" }, this.renderChildren(this.template, row, values));
    }

    renderChildren(node, row, values) {
        const result = [];
        let previousShown = null; // for t-elif / t-else
        for (const child of node.childNodes) {
            if (child.nodeType === Node.TEXT_NODE) {
                if (child.textContent.trim()) {
                    result.push(child.textContent);
                }
                continue;
            }
            if (child.nodeType !== Node.ELEMENT_NODE) {
                continue;
            }
            if (child.hasAttribute("t-if")) {
                previousShown = Boolean(evaluate(child.getAttribute("t-if"), values));
                if (!previousShown) {
                    continue;
                }
            } else if (child.hasAttribute("t-elif")) {
                if (previousShown !== false) {
                    continue;
                }
                previousShown = Boolean(evaluate(child.getAttribute("t-elif"), values));
                if (!previousShown) {
                    continue;
                }
            } else if (child.hasAttribute("t-else")) {
                if (previousShown !== false) {
                    continue;
                }
                previousShown = null;
            } else {
                previousShown = null;
            }
            result.push(this.renderNode(child, row, values));
        }
        return result;
    }

    renderNode(node, row, values) {
        if (node.tagName === "field") {
            if (node.hasAttribute("invisible") && evaluate(node.getAttribute("invisible"), values)) {
                return null;
            }
            const el = this.renderField(node, row);
            for (const name of (node.getAttribute("class") || "").split(/\s+/).filter((item) => /^[\w-]+$/.test(item))) {
                el?.classList.add(`arch-${name}`);
            }
            return el;
        }
        const expression = node.getAttribute("t-esc") || node.getAttribute("t-out");
        if (node.tagName === "t") {
            return expression ? this.text(expression, values) : this.renderChildren(node, row, values);
        }
        const tag = TAGS.has(node.tagName) ? node.tagName : "div";
        const classes = (node.getAttribute("class") || "").split(/\s+/).filter((name) => /^[\w-]+$/.test(name)).map((name) => `arch-${name}`);
        const el = h(tag, { class: classes });
        el.append(...[expression ? this.text(expression, values) : this.renderChildren(node, row, values)].flat(Infinity).filter((item) => item !== null && item !== undefined));
        return el;
    }

    text(expression, values) {
        const value = evaluate(expression, values);
        const name = String(expression).replace(/\brecord\.(\w+)\.(raw_value|value)\b/g, "$1").trim();
        if (this.fields[name]) {
            return formatValue(value, this.fields[name]);
        }
        return value === false || value === null || value === undefined ? "" : String(value);
    }

    renderField(node, row) {
        const name = node.getAttribute("name");
        const field = this.fields[name];
        const value = row[name];
        const widget = node.getAttribute("widget");
        if (!field) {
            return null;
        }
        if (widget === "image" || field.type === "image") {
            return value ? h("img", { class: "o-kanban-image", alt: "", src: `data:${imageMimetype(value)};base64,${value}` }) : null;
        }
        if (field.type === "many2many") {
            return h("span", { class: "o-tags" }, (value || []).map((id) => h("span", { class: `o-tag o-tag-sm o-tag-color-${id % 8}` }, this.tagName(field, id))));
        }
        if (field.type === "monetary") {
            const currency = this.env.currencies.get(row[field.currency_field || "currency_id"]);
            return h("span", { class: "o-kanban-field", dataset: { name } }, formatValue(value, field, { currency }));
        }
        return h("span", { class: "o-kanban-field", dataset: { name } }, formatValue(value, field));
    }
}
