/**
 * one2many fields: the lines as an editable table inside the form.
 *
 * Columns come from the field's sub-view (``<field name="line_ids"><list>...</list></field>``);
 * ``column_invisible`` is evaluated on the parent record, ``invisible``/``readonly``/``required``
 * on each line. Every cell of an editable form is a field widget, so lines are edited in place;
 * "Add a line" appends one (with the comodel's defaults), the bin button removes one. Nothing is
 * written before the parent record is saved (see views/x2many_list.js).
 */

import { h, icon } from "../core/dom.js";
import { formatMonetary, formatValue } from "../core/format.js";
import { children, labelOf } from "../views/arch.js";
import { Field } from "./field.js";
import { widgetFor } from "./registry.js";

const NUMERIC = new Set(["integer", "float", "monetary"]);

export class One2ManyField extends Field {
    static className = "o-field-one2many";

    get list() {
        return this.value;
    }

    columns() {
        const list = this.list;
        if (!list || !list.subview) {
            return [{ name: "display_name", node: null, field: { type: "char", string: "Name" }, label: "Name" }];
        }
        const parentValues = this.record.evalContext();
        const columnValues = { ...parentValues, parent: parentValues };
        return children(list.subview)
            .filter((node) => node.tagName === "field" && list.fields[node.getAttribute("name")])
            .filter((node) => {
                const expression = node.getAttribute("column_invisible");
                if (!expression) {
                    return node.getAttribute("invisible") !== "1";
                }
                return !this.record.evaluate(expression, columnValues);
            })
            .map((node) => {
                const name = node.getAttribute("name");
                const field = list.fields[name];
                return { name, node, field, label: labelOf(node, field) };
            });
    }

    renderInput() {
        return this.renderTable(true);
    }

    renderReadonly() {
        return this.renderTable(false);
    }

    renderTable(editable) {
        this.editable = editable;
        this.table = h("table", { class: "o-x2many-table", id: this.inputId, attrs: { "aria-label": this.labelText } });
        this.addButton = h("button", {
            type: "button", class: "o-btn o-btn-link o-btn-sm o-x2many-add",
            on: { click: () => this.addLine() },
        }, icon("plus"), "Add a line");
        this.listener = null;
        return h("div", { class: "o-x2many" }, h("div", { class: "o-table-scroll" }, this.table), editable ? this.addButton : null);
    }

    syncInput() {
        this.renderRows();
    }

    syncReadonly() {
        this.renderRows();
    }

    async addLine() {
        const record = await this.list.addLine();
        this.renderRows();
        const row = this.table.querySelector(`tbody tr:nth-child(${this.list.records.indexOf(record) + 1})`);
        row?.querySelector("input, select, textarea")?.focus();
    }

    renderRows() {
        const list = this.list;
        if (!list) {
            this.table.replaceChildren();
            return;
        }
        const same = this.shownRecords && this.shownRecords.length === list.records.length
            && this.shownRecords.every((record, index) => record === list.records[index]);
        if (this.widgets && same) {
            for (const widget of this.widgets) {
                widget.update(); // the same lines: refresh values and modifiers, keep the inputs (and the focus)
            }
            this.renderFooter(this.columnsCache);
            return;
        }
        const columns = this.columns();
        this.columnsCache = columns;
        this.widgets = [];
        this.shownRecords = [...list.records];
        const head = h("thead", {}, h("tr", {},
            columns.map((column) => h("th", {
                class: { "o-num": NUMERIC.has(column.field.type) }, attrs: { scope: "col" },
            }, column.label)),
            this.editable ? h("th", { class: "o-x2many-actions" }, h("span", { class: "o-visually-hidden" }, "Actions")) : null));
        const body = h("tbody", {}, list.records.map((line, index) => this.renderRow(line, index, columns)));
        if (!list.records.length) {
            body.appendChild(h("tr", { class: "o-x2many-empty" },
                h("td", { colSpan: columns.length + (this.editable ? 1 : 0) }, "No lines yet")));
        }
        this.footer = h("tfoot");
        this.table.replaceChildren(head, body, this.footer);
        this.renderFooter(columns);
    }

    renderRow(line, index, columns) {
        const cells = columns.map((column) => {
            const cell = h("td", { class: { "o-num": NUMERIC.has(column.field.type) }, dataset: { name: column.name } });
            if (this.editable) {
                const Widget = widgetFor(column.field, column.node);
                const widget = new Widget(this.env, {
                    record: line, name: column.name, node: column.node, mode: "list", labelText: `${column.label} (line ${index + 1})`,
                });
                widget.update();
                this.widgets.push(widget);
                cell.appendChild(widget.el);
            } else if (!line.isInvisible(column.node)) {
                cell.textContent = formatValue(line.values[column.name], column.field);
            }
            return cell;
        });
        const remove = this.editable ? h("td", { class: "o-x2many-actions" }, h("button", {
            type: "button", class: "o-btn o-btn-ghost o-btn-icon o-btn-sm",
            attrs: { "aria-label": `Delete line ${index + 1}` },
            on: { click: () => this.list.removeLine(line) },
        }, icon("trash"))) : null;
        return h("tr", { dataset: { id: String(line.resId || "") } }, cells, remove);
    }

    renderFooter(columns) {
        const sums = columns.map((column) => (column.node && (column.node.getAttribute("sum") || column.node.getAttribute("avg"))) || null);
        if (!sums.some(Boolean)) {
            this.footer.replaceChildren();
            return;
        }
        const row = h("tr", {}, columns.map((column, index) => {
            if (!sums[index]) {
                return h("td");
            }
            const values = this.list.records.map((line) => Number(line.values[column.name]) || 0);
            const total = values.reduce((a, b) => a + b, 0);
            const value = column.node.getAttribute("avg") ? (values.length ? total / values.length : 0) : total;
            const text = column.field.type === "monetary"
                ? formatMonetary(value, this.env.currencies.get(this.record.values.currency_id), column.field)
                : formatValue(value, column.field);
            return h("td", { class: "o-num", attrs: { title: sums[index] } }, text);
        }), this.editable ? h("td") : null);
        this.footer.replaceChildren(row);
    }
}
