/**
 * Onchange round-trips (Odoo 17's ``model.onchange(values, field_names, fields_spec)``): after the
 * user changes a field, the server computes what else changes on the unsaved record.
 *
 * Which fields trigger it: a field marked ``on_change="1"`` in the arch (or ``onChange`` in its
 * metadata), and any field another field of the view is computed from (``depends`` of
 * fields_get: ``subtotal`` depends on ``quantity`` -> quantity triggers; ``total`` on
 * ``line_ids.subtotal`` -> a change in the lines triggers). Lines added in the browser travel as
 * ``[0, "v3", values]``; the answer's commands are relative to what was sent (x2many_list.js applies
 * them). As in Odoo 17, a line of a one2many runs its own onchange first (a line's ``subtotal``
 * computed from its ``quantity``: the parent's answer does not repeat what the line already knows),
 * then tells its parent, whose fields computed from the lines (``total``) follow.
 * A server without ``onchange`` is asked once; the client then lives without it.
 */

import { isTrue } from "./arch.js";
import { toWire } from "./values.js";

/** The fields whose changes call onchange, for a view's ``activeFields`` of a model's ``fields``. */
export function onchangeTriggers(fields, activeFields) {
    const triggers = new Set();
    for (const [name, { node }] of Object.entries(activeFields)) {
        const field = fields[name] || {};
        if ((node && isTrue(node, "on_change")) || field.onChange || field.on_change) {
            triggers.add(name);
        }
        for (const path of field.depends || []) {
            const first = String(path).split(".")[0];
            if (first in activeFields && first !== name) {
                triggers.add(first);
            }
        }
    }
    return triggers;
}

/** The fields_spec of a record: which fields (and sub-fields of relations) the answer must give. */
export function onchangeSpec(record) {
    const spec = {};
    for (const name of record.fieldNames) {
        const field = record.fields[name];
        if (!field || name === "id") {
            continue;
        }
        if (field.type === "many2one" || field.type === "many2many") {
            spec[name] = { fields: { display_name: {} } };
        } else if (field.type === "one2many") {
            const list = record.values[name];
            const lineFields = list ? Object.keys(list.lineFields) : ["display_name"];
            spec[name] = {
                fields: Object.fromEntries(lineFields.filter((sub) => sub !== "id" && (!list || list.fields[sub])).map((sub) => {
                    const type = list?.fields[sub]?.type;
                    return [sub, type === "many2one" || type === "many2many" ? { fields: { display_name: {} } } : {}];
                })),
            };
        } else {
            spec[name] = {};
        }
    }
    return spec;
}

/** A line's values for onchange (every field: the server rebuilds the line from them). */
function lineValues(line) {
    const values = {};
    for (const name of line.fieldNames) {
        const field = line.fields[name];
        if (field && name !== "id" && !(field.readonly && !line.dirtyFields.has(name))) {
            values[name] = toWire(field, line.values[name]);
        }
    }
    return values;
}

/**
 * The record's values for onchange: x2many lines as commands with virtual ids for new lines. A line
 * (a record with a ``parentList``) also sends its parent's id in the inverse field, as Odoo does.
 */
export function onchangeValues(record) {
    const values = {};
    for (const name of record.fieldNames) {
        const field = record.fields[name];
        const value = record.values[name];
        if (!field || name === "id") {
            continue;
        }
        if (field.type === "one2many" && value) {
            values[name] = value.onchangeCommands(lineValues);
        } else {
            values[name] = toWire(field, value);
        }
    }
    const inverse = record.parentList?.field.relation_field;
    if (inverse && !(inverse in values) && record.parent?.resId) {
        values[inverse] = record.parent.resId;
    }
    if (record.resId) {
        values.id = record.resId;
    }
    return values;
}

/** Ask the server what changing ``names`` changes; resolves to its answer or null (no onchange). */
export function callOnchange(record, names) {
    return record.env.orm.callOptional(record.model, "onchange",
        [record.resId ? [record.resId] : [], onchangeValues(record), names, onchangeSpec(record)],
        { context: record.context }, () => null);
}
