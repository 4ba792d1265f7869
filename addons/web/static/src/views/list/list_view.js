/**
 * The list view: records of the action's domain and search, a page at a time, sortable, grouped
 * when the search says so (groups fold, show counts and sums), selectable for bulk archive,
 * delete and CSV export, and edited in place when the arch says ``editable="top|bottom"``
 * (otherwise a click opens the record's form).
 */

import { confirmDialog } from "../../core/dialog.js";
import { andDomains } from "../../core/domain.js";
import { h, icon } from "../../core/dom.js";
import { RpcError } from "../../core/rpc.js";
import { activeFields } from "../arch.js";
import { loadGroups } from "../groups.js";
import { Pager } from "../pager.js";
import { cellText, listColumns } from "./list_columns.js";
import { ListRenderer } from "./list_renderer.js";

const DEFAULT_LIMIT = 80;
const GROUP_LIMIT = 80;

export class ListView {
    /**
     * ``props``: {model, arch, fields, models, domain, context, searchModel, controlPanel, limit, title,
     *            onOpenRecord(resId, resIds), onCreate()}
     */
    constructor(env, props) {
        this.env = env;
        this.props = props;
        this.columns = listColumns(props.arch, props.fields, props.context);
        this.editable = ["top", "bottom"].includes(props.arch.getAttribute("editable")) ? props.arch.getAttribute("editable") : null;
        this.limit = Number(props.arch.getAttribute("limit")) || props.limit || DEFAULT_LIMIT;
        this.order = props.arch.getAttribute("default_order") || "";
        this.offset = 0;
        this.records = [];
        this.groups = [];
        this.total = 0;
        this.selection = new Set();
        this.domainSelected = false;
        this.editing = null;
        this.tagNames = new Map();
        this.renderer = new ListRenderer(env, this);
        this.el = h("div", { class: "o-list-view" });
        this.readFields = Object.keys(activeFields(props.arch, props.fields)).filter((name) => name !== "id");
        if (!this.readFields.includes("display_name")) {
            this.readFields.push("display_name");
        }
        this.onSearch = () => {
            this.offset = 0;
            this.selection.clear();
            this.domainSelected = false;
            this.load();
        };
        props.searchModel.addEventListener("update", this.onSearch);
        this.releaseHotkeys = env.hotkeys.register({ "alt+c": () => this.createRecord() });
    }

    get isGrouped() {
        return this.props.searchModel.groupBy.length > 0;
    }

    get hasSearch() {
        return this.props.searchModel.facets().length > 0;
    }

    get domain() {
        return andDomains([this.props.domain || [], this.props.searchModel.domain()]);
    }

    urlState() {
        return { view_type: "list" };
    }

    get title() {
        return this.props.title;
    }

    async mount() {
        this.renderControlPanel();
        await this.load();
        return this.el;
    }

    destroy() {
        this.props.searchModel.removeEventListener("update", this.onSearch);
        this.releaseHotkeys();
    }

    async canLeave() {
        if (this.editing && this.editing.isDirty) {
            return this.saveEditing();
        }
        return true;
    }

    // -- loading ---------------------------------------------------------------------------------------------------
    async load() {
        const context = this.props.context;
        if (this.isGrouped) {
            this.groups = await this.loadGroupLevel(this.domain, 0);
            this.total = this.groups.reduce((total, group) => total + group.count, 0);
            this.records = [];
        } else {
            const [records, total] = await Promise.all([
                this.env.orm.searchRead(this.props.model, this.domain, this.readFields, { offset: this.offset, limit: this.limit, order: this.order, context }),
                this.env.orm.searchCount(this.props.model, this.domain, { context }),
            ]);
            this.records = records;
            this.total = total;
            const shown = new Set(records.map((row) => row.id));
            this.selection = new Set([...this.selection].filter((id) => shown.has(id))); // only what one sees
            await this.prepareRows(records);
        }
        this.render();
    }

    async loadGroupLevel(domain, level) {
        const groupBy = this.props.searchModel.groupBy[level];
        const aggregates = this.columns.filter((column) => column.aggregate === "sum").map((column) => column.name);
        const groups = await loadGroups(this.env, {
            model: this.props.model, domain, groupBy, fields: this.props.fields, aggregates, context: this.props.context,
        });
        return groups.map((group) => ({ ...group, level, expanded: false, records: null, subgroups: null }));
    }

    /** Names of many2many tags and currencies the rows show (read at the same time). */
    async prepareRows(rows) {
        const tagColumns = this.columns.filter((column) => column.field.type === "many2many");
        const readTags = tagColumns.map(async (column) => {
            const ids = [...new Set(rows.flatMap((row) => row[column.name] || []))].filter((id) => !this.tagNames.has(`${column.field.relation},${id}`));
            for (const tag of await this.env.orm.read(column.field.relation, ids, ["display_name"])) {
                this.tagNames.set(`${column.field.relation},${tag.id}`, tag.display_name);
            }
        });
        await Promise.all([...readTags, this.env.currencies.ensureFor(this.props.fields, rows)]);
    }

    tagName(column, id) {
        return this.tagNames.get(`${column.field.relation},${id}`) || "…";
    }

    async toggleGroup(group) {
        group.expanded = !group.expanded;
        if (group.expanded && !group.records && !group.subgroups) {
            if (group.level + 1 < this.props.searchModel.groupBy.length) {
                group.subgroups = await this.loadGroupLevel(group.domain, group.level + 1);
            } else {
                group.records = await this.env.orm.searchRead(this.props.model, group.domain, this.readFields,
                    { limit: GROUP_LIMIT, order: this.order, context: this.props.context });
                await this.prepareRows(group.records);
            }
        }
        this.render();
    }

    async loadMoreInGroup(group) {
        const more = await this.env.orm.searchRead(this.props.model, group.domain, this.readFields,
            { offset: group.records.length, limit: GROUP_LIMIT, order: this.order, context: this.props.context });
        await this.prepareRows(more);
        group.records.push(...more);
        this.render();
    }

    // -- rendering ---------------------------------------------------------------------------------------------------
    render() {
        const focusedRow = document.activeElement?.closest?.(".o-data-row")?.dataset.id;
        this.el.replaceChildren(...[this.selectionBanner(), this.renderer.render()].filter(Boolean));
        this.updateControlPanel();
        if (focusedRow && !this.editing) {
            this.el.querySelector(`.o-data-row[data-id="${CSS.escape(focusedRow)}"]`)?.focus();
        }
    }

    renderControlPanel() {
        const panel = this.props.controlPanel;
        const newButton = h("button", {
            type: "button", class: "o-btn o-btn-primary o-list-new", attrs: { title: "New record (Alt+C)" },
            on: { click: () => this.createRecord() },
        }, icon("plus"), "New");
        panel.slots.buttons.replaceChildren(newButton);
        this.pager = new Pager({
            onChange: async ({ offset }) => {
                if (await this.canLeave()) {
                    this.offset = offset;
                    await this.load();
                }
            },
        });
        panel.slots.pager.replaceChildren(this.pager.el);
        this.selectionBar = h("div", { class: "o-selection-actions", attrs: { role: "toolbar", "aria-label": "Selected records" } });
        panel.slots.selection.replaceChildren(this.selectionBar);
    }

    updateControlPanel() {
        this.pager.update({ offset: this.offset, limit: this.limit, total: this.total });
        this.pager.el.hidden = this.isGrouped || this.total === 0;
        const count = this.domainSelected ? this.total : this.selection.size;
        if (!count) {
            this.selectionBar.replaceChildren();
            return;
        }
        const hasActive = Boolean(this.props.canArchive);
        this.selectionBar.replaceChildren(
            h("span", { class: "o-selection-count" }, `${count} selected`),
            hasActive ? h("button", { type: "button", class: "o-btn o-btn-sm o-bulk-archive", on: { click: () => this.archive(true) } }, icon("archive"), "Archive") : null,
            hasActive ? h("button", { type: "button", class: "o-btn o-btn-sm o-bulk-unarchive", on: { click: () => this.archive(false) } }, "Unarchive") : null,
            h("button", { type: "button", class: "o-btn o-btn-sm o-bulk-export", on: { click: () => this.exportSelection() } }, icon("download"), "Export"),
            h("button", { type: "button", class: "o-btn o-btn-sm o-btn-danger o-bulk-delete", on: { click: () => this.deleteSelection() } }, icon("trash"), "Delete"),
            h("button", { type: "button", class: "o-btn o-btn-sm o-btn-ghost", on: { click: () => this.toggleAll(false) } }, "Unselect"));
    }

    selectionBanner() {
        const page = this.records;
        if (this.isGrouped || !page.length || this.total <= page.length || !page.every((row) => this.selection.has(row.id))) {
            return null;
        }
        return h("div", { class: "o-alert o-alert-info o-select-domain" }, this.domainSelected
            ? [`All ${this.total} records are selected. `, h("button", { type: "button", class: "o-btn-link o-btn o-btn-sm", on: { click: () => this.toggleAll(false) } }, "Clear selection")]
            : [`The ${page.length} records of this page are selected. `, h("button", {
                type: "button", class: "o-btn-link o-btn o-btn-sm",
                on: {
                    click: () => {
                        this.domainSelected = true;
                        this.render();
                    },
                },
            }, `Select all ${this.total}`)]);
    }

    // -- interactions ------------------------------------------------------------------------------------------------
    toggleSelection(id, checked) {
        if (checked) {
            this.selection.add(id);
        } else {
            this.selection.delete(id);
            this.domainSelected = false;
        }
        this.render();
    }

    toggleAll(checked) {
        this.domainSelected = false;
        if (checked) {
            for (const row of this.records) {
                this.selection.add(row.id);
            }
        } else {
            this.selection.clear();
        }
        this.render();
    }

    async sortBy(name) {
        const [current, direction] = (this.order || "").split(",")[0].trim().split(/\s+/);
        this.order = current === name && (direction || "asc").toLowerCase() === "asc" ? `${name} desc` : `${name} asc`;
        if (await this.canLeave()) {
            await this.load();
        }
    }

    async onRowClick(row) {
        if (this.editable) {
            if (this.editing && this.editing.resId === row.id) {
                return;
            }
            if (await this.canLeave()) {
                await this.startEditing(row.id);
            }
            return;
        }
        const ids = this.isGrouped ? this.groups.flatMap((group) => group.records || []).map((item) => item.id) : this.records.map((item) => item.id);
        this.props.onOpenRecord(row.id, ids);
    }

    async createRecord() {
        if (!this.editable || this.isGrouped) {
            this.props.onCreate();
            return;
        }
        if (await this.canLeave()) {
            await this.startEditing(false);
        }
    }

    async startEditing(resId) {
        // editing is not part of the first screen: its modules come when a row is first edited
        const [{ widgetFor }, { Record }] = await Promise.all([import("../../fields/registry.js"), import("../record.js")]);
        this.widgetFor = widgetFor;
        const active = activeFields(this.props.arch, this.props.fields);
        const record = new Record(this.env, {
            model: this.props.model, fields: this.props.fields, activeFields: active, resId, context: this.props.context, models: this.props.models || {},
        });
        await record.load();
        record.addEventListener("update", () => this.renderer.refreshEditing());
        record.addEventListener("errors", () => this.renderer.refreshEditing());
        this.editing = record;
        this.render();
        const row = this.el.querySelector(".o-editing-row");
        row?.querySelector("input:not([type=checkbox]), select, textarea, [contenteditable='true']")?.focus();
    }

    /** Save the row being edited; true when done (false keeps the row in edition). */
    async saveEditing() {
        const record = this.editing;
        if (!record) {
            return true;
        }
        try {
            if (!(await record.save())) {
                this.env.notifications.add("Fill in the required fields of the line.", { type: "danger", title: "Cannot save" });
                return false;
            }
        } catch (error) {
            if (!(error instanceof RpcError) || !error.isUserError) {
                throw error;
            }
            const { fieldOfError } = await import("../form/form_errors.js");
            const name = fieldOfError(error, record);
            if (name) {
                record.setFieldError(name, error.message);
            }
            this.env.notifications.add(error.message, { type: "danger", title: "Validation error" });
            return false;
        }
        this.editing = null;
        await this.load();
        return true;
    }

    discardEditing() {
        this.editing = null;
        this.render();
    }

    // -- bulk actions ------------------------------------------------------------------------------------------------
    async selectedIds() {
        if (this.domainSelected) {
            return this.env.orm.search(this.props.model, this.domain, { context: this.props.context });
        }
        return [...this.selection];
    }

    async archive(archived) {
        const ids = await this.selectedIds();
        await this.env.orm.write(this.props.model, ids, { active: !archived }, { context: this.props.context });
        this.env.notifications.add(`${ids.length} record${ids.length === 1 ? "" : "s"} ${archived ? "archived" : "unarchived"}`, { type: "success" });
        this.selection.clear();
        this.domainSelected = false;
        await this.load();
    }

    async deleteSelection() {
        const ids = await this.selectedIds();
        const ok = await confirmDialog({
            title: "Delete records", message: `Delete ${ids.length} record${ids.length === 1 ? "" : "s"}? This cannot be undone.`,
            confirmLabel: "Delete", danger: true,
        });
        if (!ok) {
            return;
        }
        await this.env.orm.unlink(this.props.model, ids, { context: this.props.context });
        this.env.notifications.add(`${ids.length} record${ids.length === 1 ? "" : "s"} deleted`, { type: "success" });
        this.selection.clear();
        this.domainSelected = false;
        await this.load();
    }

    /** Download the selected records as CSV (the visible columns, as displayed). */
    async exportSelection() {
        const ids = await this.selectedIds();
        const rows = await this.env.orm.read(this.props.model, ids, this.readFields, { context: this.props.context });
        await this.prepareRows(rows);
        const escape = (text) => (/[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
        const lines = [this.columns.map((column) => escape(column.label)).join(",")];
        for (const row of rows) {
            lines.push(this.columns.map((column) => {
                const text = column.field.type === "many2many"
                    ? (row[column.name] || []).map((id) => this.tagName(column, id)).join(", ")
                    : cellText(this.env, column, row);
                const formula = /^[=+\-@\t\r]/.test(text) && !/^-?[\d.,\s\u00a0]+$/.test(text);
                return escape(formula ? `'${text}` : text); // a cell never starts a spreadsheet formula
            }).join(","));
        }
        const url = URL.createObjectURL(new Blob([`\ufeff${lines.join("\r\n")}\r\n`], { type: "text/csv;charset=utf-8" }));
        const link = h("a", { href: url, download: `${this.props.model.replace(/\./g, "_")}.csv`, hidden: true });
        document.body.appendChild(link);
        link.click();
        link.remove();
        window.setTimeout(() => URL.revokeObjectURL(url), 1000);
        this.env.notifications.add(`${rows.length} record${rows.length === 1 ? "" : "s"} exported`, { type: "success" });
    }
}
