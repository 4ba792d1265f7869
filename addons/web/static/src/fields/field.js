/**
 * What every field widget shares: its place in a record, read-only/required state, error display.
 *
 * A widget renders one field of one Record, in a form ("form") or in an editable list row
 * ("list"). Subclasses implement ``renderInput()`` (the editable control; its focusable element
 * must get ``this.inputId`` so the form's <label for> points to it), ``renderReadonly()`` and
 * ``syncInput()`` (show the record's current value in the control without disturbing typing).
 *
 *     class CharField extends Field { renderInput() {...} syncInput() {...} }
 */

import { h, toggleAttr, uniqueId } from "../core/dom.js";
import { formatValue } from "../core/format.js";

/** Elements that may carry aria-invalid / aria-required (form controls, not lists or spans). */
const CONTROLS = "input, select, textarea, [role=combobox], [role=textbox], [role=radiogroup]";

export class Field {
    static className = "";

    /**
     * ``options``: {record, name, node, mode, inputId, labelText, readonly (forced), hasLabel (a <label for>
     * names the control; otherwise the control carries aria-label itself)}
     */
    constructor(env, { record, name, node = null, mode = "form", inputId = null, labelText = "", readonly = false, hasLabel = false }) {
        this.env = env;
        this.record = record;
        this.name = name;
        this.node = node;
        this.mode = mode;
        this.field = record.fields[name] || { type: "char", string: name };
        this.inputId = inputId || uniqueId(`o-field-${name}`);
        this.errorId = `${this.inputId}-error`;
        this.labelText = labelText || this.field.string || name;
        this.forcedReadonly = readonly;
        this.ownLabel = hasLabel ? null : this.labelText;
        this.el = h("div", {
            class: ["o-field", `o-field-${this.field.type}`, this.constructor.className],
            dataset: { name, type: this.field.type },
        });
        this.body = h("div", { class: "o-field-body" });
        this.errorEl = h("div", { class: "o-field-error", id: this.errorId, hidden: true });
        this.el.append(this.body, this.errorEl);
        this.shownReadonly = null;
    }

    get value() {
        return this.record.values[this.name];
    }

    get isReadonly() {
        return this.forcedReadonly || this.record.isReadonly(this.name, this.node);
    }

    get isRequired() {
        return this.record.isRequired(this.name, this.node);
    }

    /** An arch option (``options="{'no_create': True}"`` is read by the renderer into node attributes). */
    attr(name, fallback = null) {
        return this.node ? (this.node.getAttribute(name) ?? fallback) : fallback;
    }

    /** Set the value as the user did (``typing``: no onchange yet). */
    setValue(value, { typing = false } = {}) {
        return this.record.update({ [this.name]: value }, { onchange: !typing });
    }

    /**
     * Listeners of a text control: the record follows every keystroke (without onchange), and the
     * onchange runs once the user leaves the control.
     */
    typingListeners() {
        return {
            input: (event) => {
                event.target.dataset.typed = "1";
                this.setValue(event.target.value, { typing: true });
            },
            change: (event) => {
                delete event.target.dataset.typed;
                this.commit();
            },
        };
    }

    /** The user left the control: run the field's onchange if it has one. */
    commit() {
        return this.record.commit(this.name);
    }

    /** Bring the widget in line with the record: read-only state, value, required, error. */
    update() {
        const readonly = this.isReadonly;
        if (readonly !== this.shownReadonly) {
            this.shownReadonly = readonly;
            this.body.replaceChildren(readonly ? this.renderReadonly() : this.renderInput());
            this.el.classList.toggle("o-readonly", readonly);
        }
        if (readonly) {
            this.syncReadonly();
        } else {
            this.syncInput();
        }
        this.el.classList.toggle("o-required", this.isRequired && !readonly);
        this.updateError();
    }

    updateError() {
        const message = this.record.errors.get(this.name) || "";
        this.errorEl.textContent = message;
        this.errorEl.hidden = !message;
        this.el.classList.toggle("o-invalid", Boolean(message));
        const control = this.body.querySelector(`#${CSS.escape(this.inputId)}`) || this.focusTarget();
        if (control && control.matches(CONTROLS)) {
            toggleAttr(control, "aria-invalid", Boolean(message));
            toggleAttr(control, "aria-describedby", Boolean(message), this.errorId);
            toggleAttr(control, "aria-required", this.isRequired && !this.shownReadonly);
        }
    }

    /** The element keyboard focus goes to (label clicks, first invalid field). */
    focusTarget() {
        return this.body.querySelector("input, select, textarea, [contenteditable='true'], button");
    }

    focus() {
        this.focusTarget()?.focus();
    }

    renderReadonly() {
        this.readonlyEl = h("span", { class: "o-field-readonly", id: this.inputId });
        return this.readonlyEl;
    }

    syncReadonly() {
        if (this.readonlyEl) {
            this.readonlyEl.textContent = this.formatted();
        }
    }

    formatted() {
        return formatValue(this.value, this.field, { currency: this.currency?.() });
    }

    renderInput() {
        throw new Error(`${this.constructor.name} must implement renderInput()`);
    }

    syncInput() {}

    /** Label wiring for controls that are not a single input (an aria-labelledby target, etc.). */
    ariaLabel() {
        return this.labelText;
    }
}

/** Put ``text`` in an input unless the user is typing in it (and it already says that). */
export function syncText(input, text) {
    if (document.activeElement === input && input.dataset.typed === "1") {
        return;
    }
    if (input.value !== text) {
        input.value = text;
    }
}
