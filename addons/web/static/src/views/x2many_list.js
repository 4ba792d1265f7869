/**
 * The lines of a one2many field inside a record: each line a Record, changes kept as commands.
 *
 * Lines are read with the fields of the field's sub-view (``<field name="line_ids"><list>...``)
 * or, without one, the comodel's name. Adding, editing and removing lines changes nothing on
 * the server until the parent record is saved, which sends Odoo's commands:
 * ``[0, 0, values]`` create, ``[1, id, values]`` update, ``[2, id, 0]`` delete, ``[3, id, 0]``
 * unlink, ``[4, id, 0]`` link (or keep).
 *
 * Onchange answers come back as Odoo 17 commands *relative to the lines sent* (see onchange.js);
 * ``applyCommands`` applies them one by one to the current lines, so the lines being edited keep
 * their state (and their inputs their focus): ``0`` creates a line or, naming a line sent as new
 * (its virtual id), updates it; ``1`` updates; ``2``/``3`` remove; ``4`` links (reading the line
 * when the answer does not give its values); ``5`` clears; ``6`` keeps exactly the ids given.
 */

import { activeFields } from "./arch.js";
import { Record } from "./record.js"; // a cycle, resolved at run time (used in methods only)

const CREATE = 0;
const UPDATE = 1;
const DELETE = 2;
const UNLINK = 3;
const LINK = 4;
const CLEAR = 5;
const SET = 6;

export class X2ManyList extends EventTarget {
    constructor(env, parent, name) {
        super();
        this.env = env;
        this.parent = parent;
        this.name = name;
        this.field = parent.fields[name];
        this.comodel = this.field.relation;
        this.subview = parent.activeFields[name]?.subview || null;
        this.fields = parent.models[this.comodel] || {};
        if (!Object.keys(this.fields).length) {
            this.fields = { display_name: { type: "char", string: "Name", readonly: true } };
        }
        this.lineFields = this.subview ? activeFields(this.subview, this.fields) : { display_name: { node: null, subview: null } };
        this.records = [];
        this.removedIds = []; // lines to delete when the parent is saved
        this.unlinkedIds = []; // lines to detach (an onchange said [3, id])
        this.snapshot = [];
    }

    get context() {
        const inverse = this.field.relation_field;
        const context = { ...this.parent.context };
        if (inverse && this.parent.resId) {
            context[`default_${inverse}`] = this.parent.resId;
        }
        return context;
    }

    get readNames() {
        return Object.keys(this.lineFields).filter((name) => name !== "id");
    }

    _newRecord(resId = false) {
        const record = new Record(this.env, {
            model: this.comodel, fields: this.fields, activeFields: this.lineFields, resId,
            parent: this.parent, context: this.context, models: this.parent.models,
        });
        record.parentList = this;
        record.addEventListener("update", () => this._emit());
        record.addEventListener("change", () => this._emit("change"));
        return record;
    }

    /** Lines of existing records, read with the line fields (``known``: values already at hand, by id). */
    async _existingLines(ids, known = new Map()) {
        const missing = ids.filter((id) => !known.has(id));
        const rows = missing.length ? await this.env.orm.read(this.comodel, missing, this.readNames, { context: this.context }) : [];
        for (const row of rows) {
            known.set(row.id, row);
        }
        const lines = [];
        for (const id of ids) {
            if (!known.has(id)) {
                continue; // deleted meanwhile, or not readable: nothing to show
            }
            const record = this._newRecord(id);
            await record.setServerValues(known.get(id));
            record.initial = { ...record.values };
            lines.push(record);
        }
        return lines;
    }

    /** Load the lines of a wire value (a list of ids, or commands from defaults): the new baseline. */
    async setServerValue(value) {
        const items = Array.isArray(value) ? value : [];
        this.records = [];
        if (items.every((item) => typeof item === "number")) {
            this.records = await this._existingLines(items);
        } else {
            await this._apply(items, { markDirty: false });
        }
        this.removedIds = [];
        this.unlinkedIds = [];
        this.snapshot = [...this.records];
    }

    /** Add a new line (with the comodel's defaults); returns its Record. */
    async addLine() {
        const record = this._newRecord();
        await record.load();
        this.records.push(record);
        this._emit();
        this._emit("change");
        return record;
    }

    removeLine(record) {
        if (this._remove(record, DELETE)) {
            this._emit();
            this._emit("change");
        }
    }

    _remove(record, code) {
        const index = this.records.indexOf(record);
        if (index < 0) {
            return false;
        }
        this.records.splice(index, 1);
        if (record.resId) {
            (code === UNLINK ? this.unlinkedIds : this.removedIds).push(record.resId);
        }
        return true;
    }

    /** The line a command names: by database id, or by the virtual id it was sent with. */
    find(ref) {
        return this.records.find((line) => (line.resId && line.resId === ref) || line.virtualId === ref);
    }

    /** Apply the commands of an onchange answer, relative to the lines sent (see the module docstring). */
    async applyCommands(commands) {
        await this._apply(Array.isArray(commands) ? commands : [], { markDirty: true });
        this._emit();
    }

    async _apply(commands, { markDirty }) {
        for (const command of commands) {
            if (!Array.isArray(command)) {
                continue;
            }
            const [code, ref, values] = command;
            const line = code === CLEAR || code === SET ? null : this.find(ref);
            if (code === CREATE) {
                if (line) {
                    await line.setServerValues(values || {}, { markDirty: true });
                } else {
                    const created = this._newRecord();
                    await created.setServerValues(values || {});
                    this.records.push(created);
                }
            } else if (code === UPDATE || code === LINK) {
                if (line) {
                    await line.setServerValues(values || {}, { markDirty: markDirty && code === UPDATE });
                } else if (ref) {
                    const given = values && typeof values === "object" && Object.keys(values).length;
                    const [linked] = await this._existingLines([ref], new Map(given && code === LINK ? [[ref, values]] : []));
                    if (linked && code === UPDATE && values) {
                        await linked.setServerValues(values, { markDirty: true });
                    }
                    if (linked) {
                        this.records.push(linked);
                    }
                }
            } else if (code === DELETE || code === UNLINK) {
                if (line) {
                    this._remove(line, code);
                }
            } else if (code === CLEAR) {
                for (const current of [...this.records]) {
                    this._remove(current, DELETE);
                }
            } else if (code === SET) {
                const ids = Array.isArray(values) ? values : [];
                for (const current of [...this.records]) {
                    if (!ids.includes(current.resId)) {
                        this._remove(current, DELETE);
                    }
                }
                const present = new Map(this.records.map((current) => [current.resId, current]));
                const linked = await this._existingLines(ids.filter((id) => !present.has(id)));
                const added = new Map(linked.map((current) => [current.resId, current]));
                this.records = ids.map((id) => present.get(id) || added.get(id)).filter(Boolean);
            }
        }
        // a line removed and then given back by the same answer is kept, not deleted
        const kept = new Set(this.records.map((current) => current.resId).filter(Boolean));
        this.removedIds = this.removedIds.filter((id) => !kept.has(id));
        this.unlinkedIds = this.unlinkedIds.filter((id) => !kept.has(id));
    }

    /** Lines that were not there when the lines were loaded (linked by an onchange). */
    get linked() {
        return this.records.filter((record) => !record.isNew && !this.snapshot.includes(record));
    }

    get isDirty() {
        return Boolean(this.removedIds.length || this.unlinkedIds.length || this.linked.length)
            || this.records.some((record) => record.isNew || record.isDirty)
            || this.records.length !== this.snapshot.length;
    }

    validate() {
        return this.records.map((record) => record.validate()).every(Boolean);
    }

    /** Wait for the onchange round-trips of the lines (before saving the parent). */
    async settled() {
        await Promise.all(this.records.map((record) => record.settled()));
    }

    /** The commands saving the lines (``all``: also [4, id] for the untouched ones). */
    commands({ all = false } = {}) {
        const linked = new Set(this.linked);
        const commands = [
            ...this.removedIds.map((id) => [DELETE, id, 0]),
            ...this.unlinkedIds.map((id) => [UNLINK, id, 0]),
        ];
        for (const record of this.records) {
            if (record.isNew) {
                commands.push([CREATE, 0, record.changes()]);
            } else if (record.isDirty) {
                if (linked.has(record)) {
                    commands.push([LINK, record.resId, 0]);
                }
                commands.push([UPDATE, record.resId, record.changes()]);
            } else if (all || linked.has(record)) {
                commands.push([LINK, record.resId, 0]);
            }
        }
        return commands;
    }

    /** The lines as onchange sends them: commands with the virtual ids of new lines (see onchange.js). */
    onchangeCommands(lineValues) {
        return [
            ...this.removedIds.map((id) => [DELETE, id, 0]),
            ...this.unlinkedIds.map((id) => [UNLINK, id, 0]),
            ...this.records.map((line) => {
                if (line.isNew) {
                    return [CREATE, line.virtualId, lineValues(line)];
                }
                return line.isDirty ? [UPDATE, line.resId, lineValues(line)] : [LINK, line.resId, 0];
            }),
        ];
    }

    discard() {
        this.records = [...this.snapshot];
        this.removedIds = [];
        this.unlinkedIds = [];
        for (const record of this.records) {
            record.discard();
        }
        this._emit();
    }

    _emit(type = "update") {
        this.dispatchEvent(new CustomEvent(type));
    }
}
