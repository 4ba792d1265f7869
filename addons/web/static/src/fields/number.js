/**
 * What integer, float and monetary inputs share: typing in the user's number format, checked
 * as one types (an invalid number marks the field, the record keeps its last valid value), and
 * the value formatted again when the input is left.
 */

import { h } from "../core/dom.js";
import { ParseError, parseNumber } from "../core/format.js";
import { Field, syncText } from "./field.js";

export class NumberField extends Field {
    static integer = false;

    /** The value as the input shows it while editing (no grouping, so it can be re-typed). */
    editText(value) {
        return value === false || value === null || value === undefined ? "" : String(value);
    }

    renderInput() {
        this.input = h("input", {
            id: this.inputId,
            class: "o-input o-input-number",
            type: "text",
            inputMode: this.constructor.integer ? "numeric" : "decimal",
            autocomplete: "off",
            attrs: { "aria-label": this.ownLabel },
            on: {
                input: () => this._parse(true),
                change: () => {
                    delete this.input.dataset.typed;
                    if (this._parse(false)) { // a final value: runs the onchange
                        this.input.value = this.editText(this.value);
                    }
                },
            },
        });
        return this.wrapInput(this.input);
    }

    wrapInput(input) {
        return input;
    }

    _parse(typing) {
        this.input.dataset.typed = "1";
        try {
            const number = parseNumber(this.input.value, { integer: this.constructor.integer });
            if (this.record.errors.get(this.name)?.startsWith("Invalid")) {
                this.record.errors.delete(this.name);
            }
            this.setValue(number, { typing });
            return true;
        } catch (error) {
            if (!(error instanceof ParseError)) {
                throw error;
            }
            this.record.setFieldError(this.name, `Invalid number: ${error.message}`);
            return false;
        }
    }

    syncInput() {
        syncText(this.input, this.editText(this.value));
    }
}
