/**
 * The columns of a list arch and how a cell shows a value: which <field> nodes are columns
 * (``column_invisible`` and static ``invisible="1"`` hide one; such fields are still read), the
 * aggregates of the footer (``sum``/``avg`` attributes, and a sum under every monetary and float
 * column), and row decorations (``decoration-danger="state == 'late'"``).
 */

import { evaluateExpr } from "../../core/expression.js";
import { formatMonetary, formatValue } from "../../core/format.js";
import { children, isTrue, labelOf, parseModifier } from "../arch.js";
import { modifierValue } from "../values.js";

export const NUMERIC = new Set(["integer", "float", "monetary"]);
const DECORATIONS = ["danger", "warning", "success", "info", "muted", "bf", "it"];

/** The columns of a list arch: [{name, node, field, label, sortable, aggregate: "sum"|"avg"|null, aggregateLabel}]. */
export function listColumns(arch, fields, context = {}) {
    const columns = [];
    for (const node of children(arch)) {
        if (node.tagName !== "field") {
            continue;
        }
        const name = node.getAttribute("name");
        const field = fields[name];
        if (!field || isTrue(node, "invisible") || node.getAttribute("optional") === "hide") {
            continue;
        }
        const hiding = node.getAttribute("column_invisible");
        if (hiding) {
            try {
                if (evaluateExpr(parseModifier(hiding), { context, parent: {} })) {
                    continue;
                }
            } catch {
                // an expression over the (absent) parent: the column stays
            }
        }
        let aggregate = null;
        if (node.getAttribute("sum") !== null) {
            aggregate = "sum";
        } else if (node.getAttribute("avg") !== null) {
            aggregate = "avg";
        } else if (field.type === "monetary" || field.type === "float") {
            aggregate = "sum";
        }
        columns.push({
            name, node, field, label: labelOf(node, field), sortable: field.sortable !== false && field.store !== false,
            aggregate, aggregateLabel: node.getAttribute("sum") || node.getAttribute("avg") || (aggregate ? "Sum" : null),
            numeric: NUMERIC.has(field.type),
        });
    }
    return columns;
}

/** The values modifiers and decorations see for a row read from the server. */
export function rowValues(row, fields, session) {
    const values = { id: row.id, uid: session.uid, context: {} };
    for (const [name, value] of Object.entries(row)) {
        values[name] = modifierValue(fields[name], value);
    }
    return values;
}

/** The CSS classes of a row from the arch's ``decoration-*`` attributes. */
export function rowDecorations(arch, values) {
    const classes = [];
    for (const decoration of DECORATIONS) {
        const expression = arch.getAttribute(`decoration-${decoration}`);
        if (!expression) {
            continue;
        }
        try {
            if (evaluateExpr(parseModifier(expression), values)) {
                classes.push(`o-decoration-${decoration}`);
            }
        } catch {
            // a decoration over a field not read: no decoration
        }
    }
    return classes;
}

/** The currency field of a monetary column ("currency_id" unless said otherwise). */
export function currencyFieldOf(column) {
    return column.node.getAttribute("currency_field") || column.field.currency_field || "currency_id";
}

/** The text of a cell. */
export function cellText(env, column, row) {
    const value = row[column.name];
    if (column.field.type === "monetary") {
        return formatMonetary(value, env.currencies.get(row[currencyFieldOf(column)]), column.field);
    }
    if (column.field.type === "many2many") {
        return "";
    }
    return formatValue(value, column.field);
}

/** The text of an aggregate (a monetary sum in the rows' currency when they share one). */
export function aggregateText(env, column, value, rows = []) {
    if (column.field.type === "monetary") {
        const currencies = new Set(rows.map((row) => JSON.stringify(row[currencyFieldOf(column)])));
        const currency = currencies.size === 1 && rows.length ? env.currencies.get(rows[0][currencyFieldOf(column)]) : null;
        return formatMonetary(value, currency, column.field);
    }
    return formatValue(value, column.field);
}
