/** date fields: the browser's date picker (<input type="date">, "YYYY-MM-DD" like the wire). */

import { h } from "../core/dom.js";
import { Field } from "./field.js";

export class DateField extends Field {
    static className = "o-field-date";

    renderInput() {
        this.input = h("input", {
            id: this.inputId,
            class: "o-input",
            type: "date",
            attrs: { "aria-label": this.ownLabel },
            on: { change: () => this.setValue(this.input.value || false) },
        });
        return this.input;
    }

    syncInput() {
        const text = this.value || "";
        if (this.input.value !== text) {
            this.input.value = text;
        }
    }
}
