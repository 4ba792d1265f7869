/**
 * Converting field values between their wire shape and the client's, per field type.
 *
 * Client shapes: many2one = [id, display_name] or false; many2many = array of [id, display_name];
 * one2many = an X2ManyList (see x2many_list.js); everything else as on the wire.
 * Values that arrive as bare ids (default_get, onchange) get their display names here, with one
 * read per comodel.
 */

/** ``[name, value, field]`` of the values of known fields. */
function* withFields(fields, values) {
    for (const [name, value] of Object.entries(values)) {
        if (fields[name]) {
            yield [name, value, fields[name]];
        }
    }
}

/** The display names of bare many2one / many2many ids found in ``values`` (mutated in place). */
export async function resolveNames(orm, fields, values) {
    const wanted = new Map(); // comodel -> Set(ids)
    const want = (model, id) => {
        if (!wanted.has(model)) {
            wanted.set(model, new Set());
        }
        wanted.get(model).add(id);
    };
    for (const [, value, field] of withFields(fields, values)) {
        if (field.type === "many2one") {
            const id = many2oneId(value);
            const named = (Array.isArray(value) && value[1] !== undefined) || (value && typeof value === "object" && "display_name" in value);
            if (id && !named) {
                want(field.relation, id);
            }
        } else if (field.type === "many2many" && Array.isArray(value)) {
            for (const item of value) {
                if (typeof item === "number") {
                    want(field.relation, item);
                }
            }
        }
    }
    const names = new Map(); // "model,id" -> name
    await Promise.all([...wanted].map(async ([model, ids]) => {
        const records = await orm.read(model, [...ids], ["display_name"]);
        for (const record of records) {
            names.set(`${model},${record.id}`, record.display_name);
        }
    }));
    for (const [name, value, field] of withFields(fields, values)) {
        if (field.type === "many2one") {
            const id = many2oneId(value);
            values[name] = id ? [id, Array.isArray(value) && value[1] !== undefined ? value[1]
                : (value && value.display_name) || names.get(`${field.relation},${id}`) || ""] : false;
        } else if (field.type === "many2many" && Array.isArray(value)) {
            values[name] = value.map((item) => (typeof item === "number"
                ? [item, names.get(`${field.relation},${item}`) || ""]
                : Array.isArray(item) ? item : [item.id, item.display_name]));
        }
    }
    return values;
}

/** The id of a many2one value in any shape ([id, name], {id, display_name}, id), or false. */
export function many2oneId(value) {
    if (Array.isArray(value)) {
        return value[0] || false;
    }
    if (value && typeof value === "object") {
        return value.id || false;
    }
    return typeof value === "number" && value ? value : false;
}

/** A many2many value after the commands of an onchange answer (ids or [id, name] pairs). */
export function applyMany2manyCommands(current, commands) {
    if (!Array.isArray(commands) || !commands.some((item) => Array.isArray(item) && typeof item[0] === "number" && item.length >= 2 && [3, 4, 5, 6].includes(item[0]))) {
        return commands;
    }
    let result = Array.isArray(current) ? [...current] : [];
    for (const [code, id, values] of commands) {
        if (code === 5) {
            result = [];
        } else if (code === 6) {
            result = [...values];
        } else if (code === 3 || code === 2) {
            result = result.filter((item) => (Array.isArray(item) ? item[0] : item) !== id);
        } else if (code === 4 && !result.some((item) => (Array.isArray(item) ? item[0] : item) === id)) {
            result.push(values && values.display_name ? [id, values.display_name] : id);
        }
    }
    return result;
}

/** Ids out of the values of a many2many in any of the shapes it arrives in (commands included). */
export function many2manyIds(value) {
    if (!Array.isArray(value)) {
        return [];
    }
    if (value.length && Array.isArray(value[0]) && value[0][0] === 6) {
        return [...value[0][2]];
    }
    return value.map((item) => (Array.isArray(item) ? item[0] : typeof item === "object" ? item.id : item));
}

/** A value as modifiers see it: many2one = id, x2many = ids, empty = false. */
export function modifierValue(field, value) {
    if (!field) {
        return value ?? false;
    }
    switch (field.type) {
        case "many2one":
            return many2oneId(value);
        case "many2many":
            return many2manyIds(value);
        case "one2many":
            return value && value.records ? value.records.map((record) => record.resId || 0) : [];
        default:
            return value === null || value === undefined || value === "" ? false : value;
    }
}

/** A client value in the shape create/write want (x2many excluded: they send commands). */
export function toWire(field, value) {
    switch (field.type) {
        case "many2one":
            return many2oneId(value);
        case "many2many":
            return [[6, 0, many2manyIds(value)]];
        case "char":
        case "text":
        case "html":
        case "selection":
        case "date":
        case "datetime":
        case "binary":
        case "image":
            return value === "" || value === null || value === undefined ? false : value;
        default:
            return value ?? false;
    }
}

/** True when a value counts as empty for the "required" check. */
export function isEmpty(field, value) {
    if (!field) {
        return value === false || value === null || value === undefined || value === "";
    }
    switch (field.type) {
        case "boolean":
        case "integer":
        case "float":
        case "monetary":
            return false;
        case "many2many":
            return !many2manyIds(value).length;
        case "one2many":
            return !(value && value.records && value.records.length);
        default:
            return value === false || value === null || value === undefined || value === "";
    }
}

/** Equality of two client values of one field (to know whether a field really changed). */
export function sameValue(field, left, right) {
    if (field && field.type === "many2one") {
        return many2oneId(left) === many2oneId(right);
    }
    if (field && field.type === "many2many") {
        const a = many2manyIds(left);
        const b = many2manyIds(right);
        return a.length === b.length && a.every((id, index) => id === b[index]);
    }
    return (left ?? false) === (right ?? false);
}
