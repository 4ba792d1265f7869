/**
 * The form view: one record, always editable (as in Odoo 17), with save/discard appearing once it
 * changed, a warning before leaving unsaved changes, create/duplicate/delete, a pager over the
 * records of the list it was opened from, and the arch's buttons (model methods and actions).
 *
 * Shortcuts: Alt+S or Ctrl+S save, Alt+J discard, Alt+C new record.
 * A server validation error is shown next to the field it names (and in a notification).
 */

import { confirmDialog, Dialog } from "../../core/dialog.js";
import { h, icon } from "../../core/dom.js";
import { dropdown, menuItem } from "../../core/dropdown.js";
import { RpcError } from "../../core/rpc.js";
import { activeFields } from "../arch.js";
import { Pager } from "../pager.js";
import { Record } from "../record.js";
import { FormRenderer } from "./form_renderer.js";
import { buttonAction, fieldOfError } from "./form_errors.js";

export class FormView {
    /**
     * ``props``: {model, arch, fields, models, resId, resIds, context, controlPanel, inDialog,
     *            onTitle(title), onRecordChange({resId}), onDeleted(), doAction(action, options)}
     */
    constructor(env, props) {
        this.env = env;
        this.props = props;
        this.resIds = props.resIds || (props.resId ? [props.resId] : []);
        this.record = null;
        this.el = h("div", { class: ["o-form-view", { "o-form-in-dialog": props.inDialog }] });
        this.releaseHotkeys = null;
    }

    get title() {
        if (!this.record) {
            return "";
        }
        if (this.record.isNew) {
            return "New";
        }
        const name = this.record.values.display_name ?? this.record.values.name;
        return name ? String(name) : `${this.props.model} #${this.record.resId}`;
    }

    urlState() {
        return { view_type: "form", id: this.record && this.record.resId ? this.record.resId : undefined };
    }

    async mount() {
        await this.loadRecord(this.props.resId || false);
        if (!this.props.inDialog) {
            this.releaseHotkeys = this.env.hotkeys.register({
                "alt+s": () => this.save(), "ctrl+s": () => this.save(), "alt+j": () => this.discard(),
                "alt+c": () => this.createNew(),
            });
        }
        return this.el;
    }

    destroy() {
        this.releaseHotkeys?.();
    }

    async loadRecord(resId) {
        const fields = { ...this.props.fields };
        if (!fields.display_name) {
            fields.display_name = { type: "char", string: "Display Name", readonly: true };
        }
        const active = activeFields(this.props.arch, fields);
        active.display_name = active.display_name || { node: null, subview: null };
        const record = new Record(this.env, {
            model: this.props.model, fields, activeFields: active, resId, context: this.props.context || {},
            models: this.props.models || {},
        });
        await record.load();
        await this.env.currencies.ensureFor(fields, [record.values]);
        this.record = record;
        record.addEventListener("update", () => this.onRecordUpdate());
        record.addEventListener("errors", () => this.renderer?.refresh());
        this.render();
    }

    render() {
        this.renderer = new FormRenderer(this.env, { record: this.record, arch: this.props.arch, onButton: (node) => this.onButton(node) });
        this.el.replaceChildren(this.renderer.render());
        this.renderControlPanel();
        this.props.onTitle?.(this.title);
    }

    onRecordUpdate() {
        this.renderer.refresh();
        this.updateDirtyState();
        this.props.onTitle?.(this.title);
    }

    // -- control panel -------------------------------------------------------------------------------------------
    renderControlPanel() {
        const panel = this.props.controlPanel;
        if (!panel) {
            return;
        }
        this.saveButton = h("button", {
            type: "button", class: "o-btn o-btn-primary o-form-save", attrs: { title: "Save (Alt+S)" },
            on: { click: () => this.save() },
        }, icon("cloud"), "Save");
        this.discardButton = h("button", {
            type: "button", class: "o-btn o-form-discard", attrs: { title: "Discard changes (Alt+J)" },
            on: { click: () => this.discard() },
        }, icon("undo"), "Discard");
        this.dirtyBadge = h("span", { class: "o-badge o-dirty-badge" }, "Unsaved changes");
        const newButton = h("button", {
            type: "button", class: "o-btn o-form-new", attrs: { title: "New record (Alt+C)" },
            on: { click: () => this.createNew() },
        }, icon("plus"), "New");
        this.actionsDropdown = dropdown({
            content: icon("gear"), ariaLabel: "Actions", buttonClass: "o-btn o-btn-icon o-btn-ghost o-form-actions-toggle",
            items: [
                menuItem([icon("copy"), "Duplicate"], () => this.duplicate(), { className: "o-form-duplicate" }),
                menuItem([icon("trash"), "Delete"], () => this.deleteRecord(), { className: "o-form-delete" }),
            ],
        }).el;
        panel.slots.buttons.replaceChildren(newButton, this.saveButton, this.discardButton, this.dirtyBadge);
        panel.slots.status.replaceChildren(this.actionsDropdown);
        if (this.resIds.length > 1) {
            this.pager = new Pager({ single: true, label: "Record pager", onChange: ({ offset }) => this.goTo(this.resIds[offset]) });
            panel.slots.pager.replaceChildren(this.pager.el);
        } else {
            panel.slots.pager.replaceChildren();
            this.pager = null;
        }
        this.updateDirtyState();
    }

    updateDirtyState() {
        const dirty = this.record.isDirty || this.record.isNew;
        if (this.saveButton) {
            this.saveButton.hidden = !dirty;
            this.discardButton.hidden = !dirty;
            this.dirtyBadge.hidden = !this.record.isDirty;
            this.actionsDropdown.hidden = this.record.isNew;
        }
        this.el.classList.toggle("o-dirty", this.record.isDirty);
        if (this.pager) {
            const index = this.resIds.indexOf(this.record.resId);
            this.pager.el.hidden = index < 0;
            this.pager.update({ offset: Math.max(index, 0), limit: 1, total: this.resIds.length });
        }
    }

    // -- commands ------------------------------------------------------------------------------------------------
    /** Save; true when saved (or nothing to save), false when invalid or refused by the server. */
    async save() {
        const wasNew = this.record.isNew;
        if (!this.record.isDirty && !wasNew) {
            return true;
        }
        try {
            const saved = await this.record.save();
            if (!saved) {
                this.renderer.focusFirstError();
                this.env.notifications.add("Some fields are invalid: check the fields marked in red.", { type: "danger", title: "Cannot save" });
                return false;
            }
        } catch (error) {
            this.showSaveError(error);
            return false;
        }
        if (wasNew && this.record.resId && !this.resIds.includes(this.record.resId)) {
            this.resIds = [...this.resIds, this.record.resId];
        }
        this.render();
        this.props.onRecordChange?.({ resId: this.record.resId });
        return true;
    }

    showSaveError(error) {
        if (!(error instanceof RpcError) || !error.isUserError) {
            throw error;
        }
        const name = fieldOfError(error, this.record);
        if (name) {
            this.record.setFieldError(name, error.message);
            this.renderer.focusFirstError();
        }
        this.env.notifications.add(error.message, { type: "danger", title: "Validation error" });
    }

    async discard() {
        if (this.record.isNew && this.props.onDiscardNew) {
            this.props.onDiscardNew();
            return;
        }
        this.record.discard();
        if (this.record.isNew) {
            await this.record.load();
        }
        this.render();
    }

    /** Before leaving the record: resolve true when it may go (saved, discarded or clean). */
    async canLeave() {
        if (!this.record || !this.record.isDirty) {
            return true;
        }
        const choice = await new Dialog({
            title: "Unsaved changes",
            size: "sm",
            body: h("p", {}, "This record has changes that are not saved. Save them before leaving?"),
            buttons: [
                { label: "Save", value: "save", primary: true },
                { label: "Discard", value: "discard", danger: true },
                { label: "Stay here", value: "stay" },
            ],
            closeValue: "stay",
        }).open();
        if (choice === "save") {
            return this.save();
        }
        if (choice === "discard") {
            this.record.discard();
            return true;
        }
        return false;
    }

    async goTo(resId) {
        if (await this.canLeave()) {
            await this.loadRecord(resId);
            this.props.onRecordChange?.({ resId });
        }
    }

    async createNew() {
        if (await this.canLeave()) {
            await this.loadRecord(false);
            this.props.onRecordChange?.({ resId: false });
            this.renderer.widgets[0]?.focus();
        }
    }

    async duplicate() {
        if (!(await this.canLeave())) {
            return;
        }
        const newId = await this.env.orm.copy(this.props.model, this.record.resId, { context: this.props.context });
        this.resIds = [...this.resIds, newId];
        await this.loadRecord(newId);
        this.props.onRecordChange?.({ resId: newId });
        this.env.notifications.add("Record duplicated", { type: "success" });
    }

    async deleteRecord() {
        if (!(await confirmDialog({ title: "Delete record", message: `Delete "${this.title}"? This cannot be undone.`, confirmLabel: "Delete", danger: true }))) {
            return;
        }
        const resId = this.record.resId;
        await this.env.orm.unlink(this.props.model, [resId], { context: this.props.context });
        this.env.notifications.add("Record deleted", { type: "success" });
        this.resIds = this.resIds.filter((id) => id !== resId);
        this.record.dirtyFields.clear();
        this.props.onDeleted?.({ resId, next: this.resIds[0] || false });
    }

    /** An arch <button>: save first (a new record must exist), confirm if asked, then run it. */
    async onButton(node) {
        const message = node.getAttribute("confirm");
        if (message && !(await confirmDialog({ title: "Confirmation", message, confirmLabel: "Confirm" }))) {
            return;
        }
        if ((this.record.isDirty || this.record.isNew) && !(await this.save())) {
            return;
        }
        try {
            const result = await buttonAction(this.env, node, this.record);
            if (result) {
                await this.props.doAction?.(result.action, { ...result.options, onClose: () => this.reload() });
            }
        } catch (error) {
            this.showSaveError(error);
        }
        await this.reload();
    }

    async reload() {
        if (this.record.resId) {
            await this.record.load();
            this.render();
        }
    }
}
