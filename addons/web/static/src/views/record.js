/**
 * One record being shown or edited: its values, what changed, its modifiers, its saving.
 *
 * A Record backs a form, an editable list row and each line of a one2many. It knows the fields
 * a view uses (``activeFields``, from arch.js), loads them (read, or default_get for a new
 * record), tracks changes, evaluates the modifiers of the arch live (``invisible``, ``readonly``,
 * ``required``) with the shared expression language, runs onchange round-trips when the server
 * has them, and saves with create/write (x2many as commands).
 *
 * Events: "update" after any change of values (detail: {names}), "change" after a change the user
 * finished (not at every keystroke), "errors" when field errors change.
 */

let lastVirtualId = 0;

import { evaluateExpr } from "../core/expression.js";
import { todayString } from "../core/format.js";
import { isTrue, parseModifier } from "./arch.js";
import { callOnchange, onchangeTriggers } from "./onchange.js";
import { applyMany2manyCommands, isEmpty, modifierValue, resolveNames, sameValue, toWire } from "./values.js";
import { X2ManyList } from "./x2many_list.js";

export class Record extends EventTarget {
    /**
     * ``fields``: metadata of the model's fields; ``activeFields``: {name: {node, subview}};
     * ``models``: field metadata of other models ({model: fields}, for x2many sub-views).
     */
    constructor(env, { model, fields, activeFields, resId = false, parent = null, context = {}, models = {} }) {
        super();
        this.env = env;
        this.model = model;
        this.fields = fields;
        this.activeFields = activeFields;
        this.resId = resId;
        this.parent = parent;
        this.context = context;
        this.models = models;
        this.values = {};
        this.initial = {};
        this.dirtyFields = new Set();
        this.errors = new Map();
        this.onchangeRunning = Promise.resolve();
        this.triggers = onchangeTriggers(fields, activeFields);
        this.parentList = null; // the X2ManyList of a one2many line
        lastVirtualId += 1;
        this.virtualId = `v${lastVirtualId}`;
    }

    get isNew() {
        return !this.resId;
    }

    get fieldNames() {
        return Object.keys(this.activeFields);
    }

    get isDirty() {
        if (this.dirtyFields.size) {
            return true;
        }
        return this.fieldNames.some((name) => this.values[name] instanceof X2ManyList && this.values[name].isDirty);
    }

    // -- loading ---------------------------------------------------------------------------------------------
    /** Read the record (or the defaults of a new one) and reset the changes. */
    async load() {
        const names = this.fieldNames.filter((name) => name !== "id");
        let values;
        if (this.resId) {
            const rows = await this.env.orm.read(this.model, [this.resId], names, { context: this.context });
            if (!rows.length) {
                throw new Error(`The ${this.model} record ${this.resId} does not exist any more`);
            }
            values = rows[0];
        } else {
            values = await this.env.orm.defaultGet(this.model, names, { context: this.context });
            for (const name of names) {
                if (!(name in values)) {
                    values[name] = this.fields[name]?.type === "one2many" || this.fields[name]?.type === "many2many" ? [] : false;
                }
            }
        }
        await this.setServerValues(values);
        this.dirtyFields.clear();
        this.errors.clear();
        this.initial = { ...this.values };
        this._emit("update", { names });
        if (!this.resId) {
            await this.runOnchange([]);
        }
    }

    /**
     * Take values in their wire shape (read, default_get, onchange) into the record. ``markDirty``:
     * values from onchange (changes to save; their x2many commands are relative to the lines sent).
     */
    async setServerValues(values, { markDirty = false } = {}) {
        const simple = {};
        const lists = [];
        for (const [name, value] of Object.entries(values)) {
            const field = this.fields[name];
            if (!field || !(name in this.activeFields)) {
                continue;
            }
            if (field.type === "one2many") {
                lists.push([name, value]);
            } else if (markDirty && field.type === "many2many") {
                simple[name] = applyMany2manyCommands(this.values[name], value);
            } else {
                simple[name] = value;
            }
        }
        await resolveNames(this.env.orm, this.fields, simple);
        await Promise.all(lists.map(async ([name, value]) => {
            let list = this.values[name];
            if (!(list instanceof X2ManyList)) {
                list = new X2ManyList(this.env, this, name);
                list.addEventListener("update", () => this._emit("update", { names: [name] }));
                list.addEventListener("change", () => this.onLinesChanged(name));
            } else if (markDirty) {
                await list.applyCommands(value);
                return;
            }
            await list.setServerValue(value);
            this.values[name] = list;
        }));
        for (const [name, value] of Object.entries(simple)) {
            if (markDirty && !sameValue(this.fields[name], this.values[name], value)) {
                this.dirtyFields.add(name);
            }
            this.values[name] = value;
        }
    }

    // -- changes ---------------------------------------------------------------------------------------------
    /**
     * Change values (client shapes) as the user did; runs the onchange of the fields that have one
     * (``onchange: false`` while the user is still typing: the widget calls ``commit`` at the end).
     */
    async update(changes, { onchange = true } = {}) {
        const names = Object.keys(changes);
        for (const name of names) {
            this.values[name] = changes[name];
            if (sameValue(this.fields[name], changes[name], this.initial[name])) {
                this.dirtyFields.delete(name);
            } else {
                this.dirtyFields.add(name);
            }
            this.errors.delete(name);
        }
        this._emit("update", { names });
        this._emit("errors");
        if (!onchange) {
            return;
        }
        const withOnchange = names.filter((name) => this.hasOnchange(name));
        if (withOnchange.length) {
            await this.runOnchange(withOnchange);
        }
        this._emit("change", { names }); // after the onchange: a line's parent then sees its computed values
    }

    /** The user finished editing ``name`` (an input lost focus): run its onchange now. */
    async commit(name) {
        if (this.hasOnchange(name) && this.dirtyFields.has(name)) {
            await this.runOnchange([name]);
        }
        this._emit("change", { names: [name] });
    }

    hasOnchange(name) {
        return this.triggers.has(name);
    }

    /** Lines of ``name`` were added, removed or edited: the fields computed from them may change. */
    onLinesChanged(name) {
        if (this.hasOnchange(name)) {
            this.runOnchange([name]);
        }
    }

    /** Ask the server what else changes (Odoo's onchange); a no-op on a server without onchange. */
    runOnchange(names) {
        if (!this.env.orm.supports(this.model, "onchange") || (!names.length && !this.triggers.size)) {
            return Promise.resolve();
        }
        const previous = this.onchangeRunning;
        const task = (async () => {
            await previous.catch(() => {}); // answers are applied in the order the calls were made
            const result = await callOnchange(this, names);
            if (!result) {
                return;
            }
            if (result.value) {
                await this.setServerValues(result.value, { markDirty: true });
                this._emit("update", { names: Object.keys(result.value) });
            }
            if (result.warning && result.warning.message) {
                this.env.notifications.add(result.warning.message, { title: result.warning.title || "Warning", type: "warning" });
            }
        })();
        this.onchangeRunning = task;
        return task;
    }

    /** Wait until no onchange of this record or of its lines is running (before saving). */
    async settled() {
        let running;
        do {
            running = this.onchangeRunning;
            await running.catch(() => {});
            await Promise.all(this.fieldNames.map((name) => (this.values[name] instanceof X2ManyList ? this.values[name].settled() : null)));
        } while (running !== this.onchangeRunning); // a line's answer may have started the parent's onchange
    }

    // -- modifiers -------------------------------------------------------------------------------------------
    /** The values modifiers are evaluated on (many2one = id, x2many = ids, parent, context, uid...). */
    evalContext() {
        const values = {};
        for (const name of this.fieldNames) {
            values[name] = modifierValue(this.fields[name], this.values[name]);
        }
        const session = this.env.session;
        const builtins = {
            id: this.resId || false, context: this.context, uid: session.uid, today: todayString(),
            now: new Date().toISOString().slice(0, 19).replace("T", " "),
            company_id: session.company_id, allowed_company_ids: [session.company_id],
        };
        for (const [key, value] of Object.entries(builtins)) {
            if (!(key in values)) {
                values[key] = value;
            }
        }
        if (this.parent) {
            values.parent = this.parent.evalContext();
        }
        return values;
    }

    /**
     * The truth of a modifier expression ("1", "state == 'done'") on this record (or on ``values``);
     * an invalid one counts as false.
     */
    evaluate(expression, values = null) {
        if (expression === null || expression === undefined || expression === "") {
            return false;
        }
        try {
            const value = evaluateExpr(parseModifier(expression), values || this.evalContext());
            return Boolean(value) && !(Array.isArray(value) && !value.length);
        } catch (error) {
            console.warn(`Modifier ${JSON.stringify(expression)} on ${this.model}: ${error.message}`);
            return false;
        }
    }

    isInvisible(node, modifier = "invisible") {
        return Boolean(node) && this.evaluate(node.getAttribute(modifier));
    }

    isReadonly(name, node = null) {
        if (node && node.hasAttribute("readonly")) {
            return this.evaluate(node.getAttribute("readonly"));
        }
        return Boolean(this.fields[name]?.readonly);
    }

    isRequired(name, node = null) {
        if (node && node.hasAttribute("required")) {
            return this.evaluate(node.getAttribute("required"));
        }
        return Boolean(this.fields[name]?.required);
    }

    // -- validation and saving ---------------------------------------------------------------------------------
    /** Mark required fields left empty (visible and editable ones); true when the record may be saved. */
    validate() {
        let valid = true;
        for (const [name, { node }] of Object.entries(this.activeFields)) {
            if (node && (this.isInvisible(node) || this.isReadonly(name, node))) {
                continue;
            }
            if (this.isRequired(name, node) && isEmpty(this.fields[name], this.values[name])) {
                this.errors.set(name, "This field is required");
                valid = false;
            }
            const list = this.values[name];
            if (list instanceof X2ManyList && !list.validate()) {
                this.errors.set(name, "Some lines are incomplete");
                valid = false;
            }
        }
        this._emit("errors");
        return valid;
    }

    setFieldError(name, message) {
        this.errors.set(name, message);
        this._emit("errors");
    }

    /**
     * The values create/write need: every writable field of a new record, the changed ones otherwise.
     * Read-only fields (computed ones...) are never sent, unless the arch says ``force_save="1"``.
     */
    changes() {
        const result = {};
        for (const name of this.fieldNames) {
            const field = this.fields[name];
            const value = this.values[name];
            const node = this.activeFields[name]?.node;
            if (!field || name === "id" || (field.readonly && !(node && isTrue(node, "force_save")))) {
                continue;
            }
            if (value instanceof X2ManyList) {
                const commands = value.commands({ all: this.isNew });
                if (commands.length) {
                    result[name] = commands;
                }
            } else if (this.isNew || this.dirtyFields.has(name)) {
                if (!(this.isNew && field.type === "many2many" && !value.length)) {
                    result[name] = toWire(field, value);
                }
            }
        }
        return result;
    }

    /** Create or write the record, then read it again. False when required fields are missing. */
    async save() {
        await this.settled();
        if (!this.validate()) {
            return false;
        }
        const values = this.changes();
        if (this.isNew) {
            this.resId = await this.env.orm.create(this.model, values, { context: this.context });
        } else if (Object.keys(values).length) {
            await this.env.orm.write(this.model, [this.resId], values, { context: this.context });
        }
        await this.load();
        return true;
    }

    /** Forget the changes: back to the values last loaded. */
    discard() {
        this.values = { ...this.initial };
        for (const value of Object.values(this.values)) {
            if (value instanceof X2ManyList) {
                value.discard();
            }
        }
        this.dirtyFields.clear();
        this.errors.clear();
        this._emit("update", { names: this.fieldNames });
        this._emit("errors");
    }

    _emit(type, detail = {}) {
        this.dispatchEvent(new CustomEvent(type, { detail }));
    }
}
