/**
 * The kanban view: cards, in columns when grouped (by the search's group-by, else the arch's
 * ``default_group_by``). Dragging a card to another column writes the group field (a many2one
 * such as a stage, or a selection); from the keyboard, Alt+→ / Alt+← on a focused card does the same.
 */

import { andDomains } from "../../core/domain.js";
import { h, icon } from "../../core/dom.js";
import { activeFields } from "../arch.js";
import { loadGroups } from "../groups.js";
import { rowValues } from "../list/list_columns.js";
import { Pager } from "../pager.js";
import { KanbanCardRenderer } from "./kanban_card.js";

const LIMIT = 40;

export class KanbanView {
    constructor(env, props) {
        this.env = env;
        this.props = props;
        this.el = h("div", { class: "o-kanban-view" });
        this.offset = 0;
        this.records = [];
        this.groups = [];
        this.total = 0;
        this.tagNames = new Map();
        this.readFields = Object.keys(activeFields(props.arch, props.fields)).filter((name) => name !== "id");
        if (!this.readFields.includes("display_name")) {
            this.readFields.push("display_name");
        }
        this.cards = new KanbanCardRenderer(env, {
            arch: props.arch, fields: props.fields, tagName: (field, id) => this.tagNames.get(`${field.relation},${id}`) || "…",
        });
        this.onSearch = () => {
            this.offset = 0;
            this.load();
        };
        props.searchModel.addEventListener("update", this.onSearch);
        this.releaseHotkeys = env.hotkeys.register({ "alt+c": () => props.onCreate() });
    }

    get title() {
        return this.props.title;
    }

    get groupBy() {
        return this.props.searchModel.groupBy[0] || this.props.arch.getAttribute("default_group_by") || null;
    }

    get domain() {
        return andDomains([this.props.domain || [], this.props.searchModel.domain()]);
    }

    urlState() {
        return { view_type: "kanban" };
    }

    async canLeave() {
        return true;
    }

    destroy() {
        this.props.searchModel.removeEventListener("update", this.onSearch);
        this.releaseHotkeys();
    }

    async mount() {
        const panel = this.props.controlPanel;
        panel.slots.buttons.replaceChildren(h("button", {
            type: "button", class: "o-btn o-btn-primary o-kanban-new", on: { click: () => this.props.onCreate() },
        }, icon("plus"), "New"));
        this.pager = new Pager({
            onChange: ({ offset }) => {
                this.offset = offset;
                this.load();
            },
        });
        panel.slots.pager.replaceChildren(this.pager.el);
        await this.load();
        return this.el;
    }

    async read(domain, offset = 0) {
        const rows = await this.env.orm.searchRead(this.props.model, domain, this.readFields, { offset, limit: LIMIT, context: this.props.context });
        for (const [name, field] of Object.entries(this.props.fields)) {
            if (field.type === "many2many" && this.readFields.includes(name)) {
                const ids = [...new Set(rows.flatMap((row) => row[name] || []))];
                for (const tag of await this.env.orm.read(field.relation, ids, ["display_name"])) {
                    this.tagNames.set(`${field.relation},${tag.id}`, tag.display_name);
                }
            }
        }
        await this.env.currencies.ensureFor(this.props.fields, rows);
        return rows;
    }

    async load() {
        const groupBy = this.groupBy;
        if (groupBy && this.props.fields[groupBy]) {
            const groups = await loadGroups(this.env, { model: this.props.model, domain: this.domain, groupBy, fields: this.props.fields, context: this.props.context });
            const field = this.props.fields[groupBy];
            if (field.type === "selection") {
                for (const [value, label] of field.selection || []) {
                    if (!groups.some((group) => group.value === value)) {
                        groups.push({ value, label, count: 0, domain: andDomains([this.domain, [[groupBy, "=", value]]]), aggregates: {} });
                    }
                }
                const order = (field.selection || []).map(([value]) => value);
                groups.sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value));
            }
            await Promise.all(groups.map(async (group) => {
                group.records = group.count ? await this.read(group.domain) : [];
            }));
            this.groups = groups;
            this.total = groups.reduce((total, group) => total + group.count, 0);
        } else {
            this.groups = [];
            [this.records, this.total] = await Promise.all([
                this.read(this.domain, this.offset),
                this.env.orm.searchCount(this.props.model, this.domain, { context: this.props.context }),
            ]);
        }
        this.render();
    }

    render() {
        const grouped = this.groups.length > 0 || (this.groupBy && this.props.fields[this.groupBy]);
        this.pager.update({ offset: this.offset, limit: LIMIT, total: this.total });
        this.pager.el.hidden = Boolean(grouped) || this.total <= LIMIT;
        if (grouped) {
            this.el.replaceChildren(h("div", { class: "o-kanban-columns" }, this.groups.map((group, index) => this.renderColumn(group, index))));
        } else {
            this.el.replaceChildren(this.records.length
                ? h("div", { class: "o-kanban-grid", attrs: { role: "list" } }, this.records.map((row) => this.renderCard(row, null)))
                : h("div", { class: "o-empty" }, h("p", { class: "o-empty-title" }, "No records found")));
        }
    }

    renderColumn(group, index) {
        const titleId = `o-kanban-col-${index}`;
        const list = h("div", { class: "o-kanban-cards", attrs: { role: "list", "aria-labelledby": titleId } },
            (group.records || []).map((row) => this.renderCard(row, group)));
        const column = h("section", {
            class: "o-kanban-column", dataset: { value: JSON.stringify(group.value) },
            attrs: { "aria-labelledby": titleId },
            on: {
                dragover: (event) => {
                    event.preventDefault();
                    event.dataTransfer.dropEffect = "move";
                    column.classList.add("o-drop-target");
                },
                dragleave: (event) => {
                    if (!column.contains(event.relatedTarget)) {
                        column.classList.remove("o-drop-target");
                    }
                },
                drop: (event) => {
                    event.preventDefault();
                    column.classList.remove("o-drop-target");
                    const id = Number(event.dataTransfer.getData("text/plain"));
                    if (id) {
                        this.moveCard(id, group);
                    }
                },
            },
        },
        h("header", { class: "o-kanban-column-header" },
            h("h2", { id: titleId, class: "o-kanban-column-title" }, group.label),
            h("span", { class: "o-badge o-kanban-count", attrs: { "aria-label": `${group.count} records` } }, String(group.count))),
        list,
        group.records && group.records.length < group.count
            ? h("button", { type: "button", class: "o-btn o-btn-link o-btn-sm", on: { click: () => this.loadMore(group) } }, "Load more")
            : null);
        return column;
    }

    renderCard(row, group) {
        const values = rowValues(row, this.props.fields, this.env.session);
        const card = h("article", {
            class: "o-kanban-card", tabIndex: 0, draggable: Boolean(group), dataset: { id: String(row.id) },
            attrs: { role: "listitem", "aria-label": row.display_name || `Record ${row.id}` },
            on: {
                click: () => this.props.onOpenRecord(row.id, this.allIds()),
                keydown: (event) => {
                    if (event.key === "Enter") {
                        this.props.onOpenRecord(row.id, this.allIds());
                    } else if (group && event.altKey && (event.key === "ArrowRight" || event.key === "ArrowLeft")) {
                        event.preventDefault();
                        const position = this.groups.indexOf(group) + (event.key === "ArrowRight" ? 1 : -1);
                        if (this.groups[position]) {
                            this.moveCard(row.id, this.groups[position]);
                        }
                    }
                },
                dragstart: (event) => {
                    event.dataTransfer.setData("text/plain", String(row.id));
                    event.dataTransfer.effectAllowed = "move";
                    card.classList.add("o-dragging");
                },
                dragend: () => card.classList.remove("o-dragging"),
            },
        }, this.cards.render(row, values));
        return card;
    }

    allIds() {
        return (this.groups.length ? this.groups.flatMap((group) => group.records || []) : this.records).map((row) => row.id);
    }

    async moveCard(id, group) {
        const groupBy = this.groupBy;
        const current = this.groups.find((item) => (item.records || []).some((row) => row.id === id));
        if (current === group) {
            return;
        }
        await this.env.orm.write(this.props.model, [id], { [groupBy]: group.value }, { context: this.props.context });
        await this.load();
        this.el.querySelector(`.o-kanban-card[data-id="${id}"]`)?.focus();
        this.env.notifications.add(`Moved to ${group.label}`, { type: "success", delay: 2000 });
    }

    async loadMore(group) {
        group.records.push(...await this.read(group.domain, group.records.length));
        this.render();
    }
}
