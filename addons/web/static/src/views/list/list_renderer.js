/**
 * The table of a list view: sortable headers, selectable rows, groups that fold and unfold with
 * their counts and sums, a footer of aggregates, and the row being edited in place (editable
 * lists). It draws what the ListView holds and reports clicks back to it; it keeps no state.
 */

import { h, icon } from "../../core/dom.js";
import { evaluateExpr } from "../../core/expression.js";
import { parseModifier } from "../arch.js";
import { aggregateText, cellText, rowDecorations, rowValues } from "./list_columns.js";

/** A cell's ``invisible`` modifier on the row's values (an invalid expression shows the cell). */
function isHidden(node, values) {
    const expression = node.getAttribute("invisible");
    if (!expression) {
        return false;
    }
    try {
        return Boolean(evaluateExpr(parseModifier(expression), values));
    } catch {
        return false;
    }
}

export class ListRenderer {
    constructor(env, view) {
        this.env = env;
        this.view = view;
    }

    render() {
        const view = this.view;
        this.widgets = [];
        const table = h("table", { class: "o-list-table", attrs: { "aria-label": view.props.title || "Records", "aria-rowcount": String(view.total) } },
            this.renderHead(), this.renderBody(), this.renderFoot());
        return h("div", { class: "o-list-scroll" }, table);
    }

    renderHead() {
        const view = this.view;
        const rows = view.records;
        const allChecked = !view.isGrouped && rows.length > 0 && rows.every((row) => view.selection.has(row.id));
        const selectAll = h("input", {
            type: "checkbox", class: "o-checkbox o-list-select-all", checked: allChecked,
            attrs: { "aria-label": "Select all records on this page" },
            disabled: view.isGrouped,
            on: { change: (event) => view.toggleAll(event.target.checked) },
        });
        const [orderName, orderDirection] = (view.order || "").split(",")[0].trim().split(/\s+/);
        return h("thead", {}, h("tr", {},
            h("th", { class: "o-list-select", attrs: { scope: "col" } }, selectAll),
            view.columns.map((column) => {
                const sorted = column.name === orderName;
                const direction = sorted ? ((orderDirection || "asc").toLowerCase() === "desc" ? "descending" : "ascending") : null;
                const label = column.sortable
                    ? h("button", {
                        type: "button", class: "o-list-sort",
                        on: { click: () => view.sortBy(column.name) },
                    }, column.label, h("span", { class: "o-sort-icon" }, icon(direction === "descending" ? "chevronDown" : "chevronUp", { size: 13 })))
                    : column.label;
                return h("th", {
                    class: ["o-list-th", { "o-num": column.numeric, "o-sorted": sorted }],
                    dataset: { name: column.name },
                    attrs: { scope: "col", "aria-sort": direction },
                }, label);
            })));
    }

    renderBody() {
        const view = this.view;
        const body = h("tbody");
        if (view.isGrouped) {
            for (const group of view.groups) {
                this.appendGroup(body, group, 0);
            }
        } else {
            const rows = [...view.records];
            if (view.editing && view.editing.isNew) {
                if (view.editable === "top") {
                    rows.unshift(null);
                } else {
                    rows.push(null);
                }
            }
            for (const row of rows) {
                body.appendChild(row === null ? this.renderEditRow(view.editing) : this.renderRow(row));
            }
        }
        if (!body.children.length) {
            body.appendChild(h("tr", { class: "o-list-empty-row" }, h("td", { colSpan: view.columns.length + 1 },
                h("div", { class: "o-empty" }, h("p", { class: "o-empty-title" }, "No records found"),
                    h("p", {}, view.hasSearch ? "Try other search terms or remove a filter." : "Create one with the New button.")))));
        }
        return body;
    }

    appendGroup(body, group, level) {
        const view = this.view;
        const toggle = h("button", {
            type: "button", class: "o-group-toggle",
            attrs: { "aria-expanded": group.expanded ? "true" : "false" },
            on: { click: () => view.toggleGroup(group) },
        }, icon(group.expanded ? "chevronDown" : "chevronRight", { size: 14 }),
        h("span", { class: "o-group-name" }, group.label), h("span", { class: "o-group-count" }, `(${group.count})`));
        body.appendChild(h("tr", { class: ["o-group-row", `o-group-level-${level}`], dataset: { level: String(level) } },
            h("th", { colSpan: 2, attrs: { scope: "rowgroup" } }, toggle),
            view.columns.slice(1).map((column) => h("td", { class: { "o-num": column.numeric } },
                column.aggregate === "sum" && group.aggregates[column.name] !== undefined
                    ? aggregateText(this.env, column, group.aggregates[column.name], group.records || [])
                    : ""))));
        if (!group.expanded) {
            return;
        }
        if (group.subgroups) {
            for (const subgroup of group.subgroups) {
                this.appendGroup(body, subgroup, level + 1);
            }
        } else if (group.records) {
            for (const row of group.records) {
                body.appendChild(this.renderRow(row, level + 1));
            }
            if (group.records.length < group.count) {
                body.appendChild(h("tr", { class: "o-group-more" }, h("td", { colSpan: view.columns.length + 1 },
                    h("button", { type: "button", class: "o-btn o-btn-link o-btn-sm", on: { click: () => view.loadMoreInGroup(group) } },
                        `Load more (${group.count - group.records.length} left)`))));
            }
        }
    }

    renderRow(row, level = 0) {
        const view = this.view;
        if (view.editing && view.editing.resId === row.id) {
            return this.renderEditRow(view.editing);
        }
        const checked = view.selection.has(row.id);
        const values = rowValues(row, view.props.fields, this.env.session);
        const cells = view.columns.map((column) => {
            const cell = h("td", { class: ["o-list-cell", { "o-num": column.numeric }], dataset: { name: column.name } });
            if (isHidden(column.node, values)) {
                return cell;
            }
            if (column.field.type === "many2many") {
                cell.append(...(row[column.name] || []).slice(0, 5).map((id) => h("span", { class: `o-tag o-tag-sm o-tag-color-${id % 8}` }, view.tagName(column, id))));
            } else if (column.field.type === "boolean") {
                cell.appendChild(h("input", { type: "checkbox", class: "o-checkbox", checked: Boolean(row[column.name]), disabled: true, attrs: { "aria-label": column.label } }));
            } else {
                cell.textContent = cellText(this.env, column, row);
            }
            return cell;
        });
        return h("tr", {
            class: ["o-data-row", { "o-selected": checked, "o-in-group": level > 0 }, ...rowDecorations(view.props.arch, values)],
            dataset: { id: String(row.id) },
            attrs: { "aria-selected": checked ? "true" : "false", tabindex: "0" },
            on: {
                click: (event) => {
                    if (!event.target.closest("input, button, a")) {
                        view.onRowClick(row, event);
                    }
                },
                keydown: (event) => {
                    if (event.key === "Enter" && event.target === event.currentTarget) {
                        view.onRowClick(row, event);
                    }
                },
            },
        }, h("td", { class: "o-list-select" }, h("input", {
            type: "checkbox", class: "o-checkbox", checked,
            attrs: { "aria-label": `Select ${row.display_name || `record ${row.id}`}` },
            on: { change: (event) => view.toggleSelection(row.id, event.target.checked) },
        })), cells);
    }

    renderEditRow(record) {
        const view = this.view;
        const cells = view.columns.map((column) => {
            const cell = h("td", { class: ["o-list-cell", "o-editing-cell", { "o-num": column.numeric }], dataset: { name: column.name } });
            const Widget = view.widgetFor(column.field, column.node); // loaded by the view before editing
            const widget = new Widget(this.env, { record, name: column.name, node: column.node, mode: "list", labelText: column.label });
            widget.update();
            this.widgets.push(widget);
            cell.appendChild(widget.el);
            return cell;
        });
        return h("tr", {
            class: "o-data-row o-editing-row", dataset: { id: String(record.resId || "new") },
            on: {
                keydown: (event) => {
                    if (event.key === "Enter" && !event.target.closest(".o-autocomplete-list") && event.target.getAttribute("aria-expanded") !== "true") {
                        event.preventDefault();
                        view.saveEditing();
                    } else if (event.key === "Escape") {
                        event.preventDefault();
                        view.discardEditing();
                    }
                },
            },
        }, h("td", { class: "o-list-select" }, h("button", {
            type: "button", class: "o-btn o-btn-ghost o-btn-icon o-btn-sm", attrs: { "aria-label": "Save the line" },
            on: { click: () => view.saveEditing() },
        }, icon("check"))), cells);
    }

    renderFoot() {
        const view = this.view;
        const columns = view.columns;
        if (!columns.some((column) => column.aggregate)) {
            return null;
        }
        const rows = view.isGrouped ? view.groups : view.records;
        return h("tfoot", {}, h("tr", {}, h("td"), columns.map((column) => {
            if (!column.aggregate) {
                return h("td");
            }
            let value;
            if (view.isGrouped) {
                value = rows.reduce((total, group) => total + (Number(group.aggregates[column.name]) || 0), 0);
            } else {
                const values = rows.map((row) => Number(row[column.name]) || 0);
                value = values.reduce((a, b) => a + b, 0);
                if (column.aggregate === "avg") {
                    value = values.length ? value / values.length : 0;
                }
            }
            return h("td", { class: "o-num o-aggregate", dataset: { name: column.name }, attrs: { title: column.aggregateLabel } },
                aggregateText(this.env, column, value, view.isGrouped ? [] : rows));
        })));
    }

    refreshEditing() {
        for (const widget of this.widgets) {
            widget.update();
        }
    }
}
