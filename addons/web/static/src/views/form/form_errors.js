/**
 * What a form does with the server's answers to its buttons and saves: run the arch's buttons
 * (``type="object"`` calls a public model method, ``type="action"`` opens an action), and find
 * which field a validation error is about, to show the message next to it.
 */

import { parseLiteral } from "../../core/py_literal.js";

/**
 * Run an arch <button> on a saved record; resolves to ``{action, options}`` when the result is an
 * action to open (a method returning an action dict, or a type="action" button), else null.
 */
export async function buttonAction(env, node, record) {
    const type = node.getAttribute("type") || "object";
    const name = node.getAttribute("name");
    let buttonContext = {};
    const contextText = node.getAttribute("context");
    if (contextText) {
        try {
            buttonContext = parseLiteral(contextText, { ...record.evalContext(), active_id: record.resId });
        } catch (error) {
            console.warn(`Button ${name}: context ${contextText}: ${error.message}`);
        }
    }
    const context = { ...record.context, ...buttonContext };
    if (type === "object") {
        const result = await env.orm.call(record.model, name, [[record.resId]], { context });
        return result && typeof result === "object" && result.type ? { action: result, options: {} } : null;
    }
    if (type === "action") {
        const additionalContext = { active_id: record.resId, active_ids: [record.resId], active_model: record.model, ...buttonContext };
        return { action: /^\d+$/.test(name) ? Number(name) : name, options: { additionalContext } };
    }
    return null;
}

function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The field a server error names: ``data.field`` when the server sends it, else a
 * ``model.field`` or a quoted field label found in the message.
 */
export function fieldOfError(error, record) {
    const data = error.data || {};
    if (data.field && record.activeFields[data.field]) {
        return data.field;
    }
    const message = error.message || "";
    const names = Object.keys(record.activeFields);
    for (const name of names) {
        if (new RegExp(`\\b${escapeRegExp(record.model)}\\.${escapeRegExp(name)}\\b`).test(message)) {
            return name;
        }
    }
    for (const name of names) {
        const label = record.fields[name]?.string;
        if (label && new RegExp(`['"\u201c\u2018]${escapeRegExp(label)}['"\u201d\u2019]`).test(message)) {
            return name;
        }
    }
    for (const name of names) {
        if (name.length > 2 && new RegExp(`['"]${escapeRegExp(name)}['"]`).test(message)) {
            return name;
        }
    }
    return null;
}
