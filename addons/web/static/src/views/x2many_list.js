/**
 * The lines of a one2many field inside a record: each line a Record, changes kept as commands.
 *
 * Lines are read with the fields of the field's sub-view (``<field name="line_ids"><list>...``)
 * or, without one, the comodel's name. Adding, editing and removing lines changes nothing on
 * the server until the parent record is saved, which sends Odoo's commands:
 * ``[0, 0, values]`` create, ``[1, id, values]`` update, ``[2, id, 0]`` delete, ``[4, id, 0]`` keep.
 */

import { activeFields } from "./arch.js";
import { Record } from "./record.js"; // a cycle, resolved at run time (used in methods only)

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
        this.removedIds = [];
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

    _newRecord(resId = false) {
        const record = new Record(this.env, {
            model: this.comodel, fields: this.fields, activeFields: this.lineFields, resId,
            parent: this.parent, context: this.context, models: this.parent.models,
        });
        record.delegateOnchange = this.parent.hasOnchange(this.name);
        record.addEventListener("update", () => this._emit());
        record.addEventListener("change", () => this._emit("change"));
        return record;
    }

    /** Load the lines of a wire value: a list of ids, or commands (from defaults or onchange). */
    async setServerValue(value) {
        const commands = Array.isArray(value) ? value : [];
        const ids = [];
        const created = [];
        for (const item of commands) {
            if (typeof item === "number") {
                ids.push(item);
            } else if (Array.isArray(item) && item[0] === 6) {
                ids.push(...item[2]);
            } else if (Array.isArray(item) && (item[0] === 4 || item[0] === 1)) {
                ids.push(item[1]);
            } else if (Array.isArray(item) && item[0] === 0) {
                created.push(item[2] || {});
            } else if (Array.isArray(item) && item[0] === 5) {
                ids.length = 0;
            }
        }
        const names = Object.keys(this.lineFields).filter((name) => name !== "id");
        const rows = ids.length ? await this.env.orm.read(this.comodel, ids, names, { context: this.context }) : [];
        const records = [];
        for (const row of rows) {
            const record = this._newRecord(row.id);
            await record.setServerValues(row);
            record.initial = { ...record.values };
            records.push(record);
        }
        for (const values of created) {
            const record = this._newRecord();
            await record.setServerValues(values);
            records.push(record);
        }
        this.records = records;
        this.removedIds = [];
        this.snapshot = [...records];
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
        const index = this.records.indexOf(record);
        if (index < 0) {
            return;
        }
        this.records.splice(index, 1);
        if (record.resId) {
            this.removedIds.push(record.resId);
        }
        this._emit();
        this._emit("change");
    }

    /** Apply the commands of an onchange answer, relative to the lines sent (see onchange.js). */
    async applyCommands(commands) {
        const find = (ref) => this.records.find((line) => line.resId === ref || line.virtualId === ref);
        for (const command of Array.isArray(commands) ? commands : []) {
            const [code, ref, values] = command;
            if (code === 0 || code === 1 || code === 4) {
                const line = find(ref);
                if (line) {
                    await line.setServerValues(values || {}, { markDirty: code !== 4 });
                } else if (code === 0) {
                    const created = this._newRecord();
                    await created.setServerValues(values || {});
                    this.records.push(created);
                }
            } else if (code === 2 || code === 3) {
                const line = find(ref);
                if (line) {
                    this.records.splice(this.records.indexOf(line), 1);
                    if (line.resId) {
                        this.removedIds.push(line.resId);
                    }
                }
            } else if (code === 5 || code === 6) {
                await this.setServerValue([command]);
            }
        }
        this._emit();
    }

    get isDirty() {
        return Boolean(this.removedIds.length) || this.records.some((record) => record.isNew || record.isDirty)
            || this.records.length !== this.snapshot.length;
    }

    validate() {
        return this.records.map((record) => record.validate()).every(Boolean);
    }

    /** The commands saving the lines (``all``: also [4, id] for the untouched ones). */
    commands({ all = false } = {}) {
        const commands = this.removedIds.map((id) => [2, id, 0]);
        for (const record of this.records) {
            if (record.isNew) {
                commands.push([0, 0, record.changes()]);
            } else if (record.isDirty) {
                commands.push([1, record.resId, record.changes()]);
            } else if (all) {
                commands.push([4, record.resId, 0]);
            }
        }
        return commands;
    }

    discard() {
        this.records = [...this.snapshot];
        this.removedIds = [];
        for (const record of this.records) {
            record.discard();
        }
        this._emit();
    }

    _emit(type = "update") {
        this.dispatchEvent(new CustomEvent(type));
    }
}
