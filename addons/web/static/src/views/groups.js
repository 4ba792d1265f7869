/**
 * Grouping records by a field for grouped lists and kanban columns.
 *
 * With ``read_group`` on the server, one call gives the groups, their counts and the sums of the
 * aggregated fields. A server without it (read_group is optional) is answered here from
 * ``search_read`` (up to ``FALLBACK_LIMIT`` records), so grouped views work on it too.
 *
 *     const groups = await loadGroups(env, { model, domain, groupBy: "stage_id", fields, aggregates: ["amount"] });
 *     // [{ value: 3, label: "New", count: 4, domain: [...], aggregates: { amount: 1200 } }, ...]
 */

import { andDomains } from "../core/domain.js";
import { formatDate, formatDatetime, selectionLabel } from "../core/format.js";

export const FALLBACK_LIMIT = 5000;

/** The label of a group value for field ``field``. */
export function groupLabel(field, value) {
    if (value === false || value === null || value === undefined) {
        return "None";
    }
    switch (field?.type) {
        case "many2one":
            return Array.isArray(value) ? String(value[1]) : String(value);
        case "selection":
            return selectionLabel(field, value);
        case "boolean":
            return value ? "Yes" : "No";
        case "date":
            return formatDate(value) || String(value);
        case "datetime":
            return formatDatetime(value) || String(value);
        default:
            return String(value);
    }
}

function groupKey(value) {
    return Array.isArray(value) ? value[0] : value;
}

function groupDomain(name, field, value) {
    const key = groupKey(value);
    if (field?.type === "date" || field?.type === "datetime") {
        return key ? [[name, "=", key]] : [[name, "=", false]];
    }
    return [[name, "=", key === undefined ? false : key]];
}

async function viaReadGroup(env, { model, domain, groupBy, fields, aggregates, context }) {
    const specs = aggregates.map((name) => `${name}:sum`);
    const rows = await env.orm.callOptional(model, "read_group", [], {
        domain, fields: [groupBy, ...specs], groupby: [groupBy], lazy: true, context,
    }, () => null);
    if (rows === null) {
        return null; // no read_group on this server
    }
    const field = fields[groupBy];
    return rows.map((row) => {
        const value = row[groupBy];
        const count = row[`${groupBy}_count`] ?? row.__count ?? 0;
        return {
            value: groupKey(value) ?? false,
            raw: value,
            label: groupLabel(field, value),
            count,
            domain: row.__domain || andDomains([domain, groupDomain(groupBy, field, value)]),
            aggregates: Object.fromEntries(aggregates.map((name) => [name, row[name] ?? 0])),
        };
    });
}

async function viaSearchRead(env, { model, domain, groupBy, fields, aggregates, context }) {
    const records = await env.orm.searchRead(model, domain, [groupBy, ...aggregates], { limit: FALLBACK_LIMIT, context });
    const field = fields[groupBy];
    const groups = new Map();
    for (const record of records) {
        const value = record[groupBy];
        const key = JSON.stringify(groupKey(value) ?? false);
        if (!groups.has(key)) {
            groups.set(key, {
                value: groupKey(value) ?? false, raw: value, label: groupLabel(field, value), count: 0,
                domain: andDomains([domain, groupDomain(groupBy, field, value)]),
                aggregates: Object.fromEntries(aggregates.map((name) => [name, 0])),
            });
        }
        const group = groups.get(key);
        group.count += 1;
        for (const name of aggregates) {
            group.aggregates[name] += Number(record[name]) || 0;
        }
    }
    const list = [...groups.values()];
    if (field?.type === "selection") {
        const order = (field.selection || []).map(([key]) => key);
        list.sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value));
    } else if (field?.type === "many2one") {
        // the comodel's own order (stages by sequence...), as read_group gives it; "None" last
        const ids = list.map((group) => group.value).filter(Boolean);
        const order = ids.length ? await env.orm.search(field.relation, [["id", "in", ids]], { context }) : [];
        const rank = (group) => (group.value ? order.indexOf(group.value) : Number.MAX_SAFE_INTEGER);
        list.sort((a, b) => rank(a) - rank(b));
    } else {
        list.sort((a, b) => (a.value === false) - (b.value === false) || a.label.localeCompare(b.label));
    }
    return list;
}

/** The groups of ``model`` records matching ``domain``, by the field ``groupBy``. */
export async function loadGroups(env, options) {
    const query = { aggregates: [], context: {}, ...options };
    const groups = await viaReadGroup(env, query);
    return groups === null ? viaSearchRead(env, query) : groups;
}
