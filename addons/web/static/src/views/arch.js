/**
 * Reading view archs (the XML of list, form, kanban and search views) in the browser.
 *
 * Archs are parsed with DOMParser as XML: an inert document, nothing in it runs or is shown.
 * Renderers walk it and build their own elements; attribute values only ever become text,
 * class names or modifier expressions.
 *
 *     const arch = parseArch('<list><field name="name"/></list>');
 *     fieldNodes(arch)   // [<field name="name">]
 */

import { namesOf, parseExpr } from "../core/expression.js";

export const MODIFIERS = ["invisible", "readonly", "required", "column_invisible"];
const SUBVIEW_TAGS = new Set(["list", "tree", "form", "kanban"]);

export class ArchError extends Error {
    constructor(message) {
        super(message);
        this.name = "ArchError";
    }
}

/** The root element of an arch string (``tree`` read as ``list``). */
export function parseArch(text) {
    const doc = new DOMParser().parseFromString(String(text || ""), "application/xml");
    const error = doc.querySelector("parsererror");
    if (error) {
        throw new ArchError(`The view cannot be read: ${error.textContent.trim().split("\n")[0]}`);
    }
    return doc.documentElement;
}

export function children(node) {
    return node ? [...node.children] : [];
}

export function tagOf(node) {
    const tag = node.tagName;
    return tag === "tree" ? "list" : tag;
}

/** A boolean arch attribute: "1", "true", "True" are true. */
export function isTrue(node, name, fallback = false) {
    const value = node.getAttribute(name);
    if (value === null) {
        return fallback;
    }
    return ["1", "true", "True"].includes(value.trim());
}

/** The x2many sub-view of a <field> (its first list/form/kanban child), or null. */
export function subviewOf(fieldNode, type = null) {
    for (const child of children(fieldNode)) {
        if (SUBVIEW_TAGS.has(child.tagName) && (!type || tagOf(child) === type)) {
            return child;
        }
    }
    return null;
}

/** The <field> nodes of a view, not descending into x2many sub-views. */
export function fieldNodes(root) {
    const found = [];
    const walk = (node) => {
        for (const child of children(node)) {
            if (child.tagName === "field") {
                found.push(child);
            } else if (child.tagName !== "templates" || root.tagName === "kanban") {
                walk(child);
            }
        }
    };
    walk(root);
    return found;
}

const parsedCache = new Map();

/** parseExpr with a cache (archs repeat the same expressions on every row). */
export function parseModifier(text) {
    let parsed = parsedCache.get(text);
    if (!parsed) {
        parsed = parseExpr(text);
        parsedCache.set(text, parsed);
    }
    return parsed;
}

/** Field names modifier expressions under ``root`` read (so the record loads them too). */
export function modifierFieldNames(root) {
    const names = new Set();
    const walk = (node) => {
        for (const modifier of MODIFIERS) {
            const text = node.getAttribute(modifier);
            if (text && !/^\s*(0|1|True|False)\s*$/.test(text)) {
                try {
                    for (const name of namesOf(parseModifier(text))) {
                        if (!name.includes(".") && name !== "context") {
                            names.add(name);
                        }
                    }
                } catch {
                    // an invalid expression is reported when it is evaluated
                }
            }
        }
        for (const child of children(node)) {
            if (!SUBVIEW_TAGS.has(child.tagName) || node === root) {
                walk(child);
            }
        }
    };
    walk(root);
    return names;
}

/**
 * The fields a view needs: ``{name: {node, subview}}`` for every <field> plus the fields that
 * modifiers read (``node`` null for those), keeping only fields the model has.
 */
export function activeFields(root, fields) {
    const result = {};
    for (const node of fieldNodes(root)) {
        const name = node.getAttribute("name");
        if (name && fields[name] && !result[name]) {
            result[name] = { node, subview: subviewOf(node) };
        }
    }
    for (const name of modifierFieldNames(root)) {
        if (fields[name] && !result[name]) {
            result[name] = { node: null, subview: null };
        }
    }
    return result;
}

/** The label of a field node: its string attribute, else the field's. */
export function labelOf(node, field) {
    return (node && node.getAttribute("string")) || (field && field.string) || (node && node.getAttribute("name")) || "";
}
