/**
 * datetime fields: the browser's date and time picker (<input type="datetime-local">), in the
 * browser's time zone; the record keeps the UTC "YYYY-MM-DD HH:MM:SS" of the wire.
 */

import { h } from "../core/dom.js";
import { datetimeToLocalInput, localInputToDatetime } from "../core/format.js";
import { Field } from "./field.js";

export class DatetimeField extends Field {
    static className = "o-field-datetime";

    renderInput() {
        this.input = h("input", {
            id: this.inputId,
            class: "o-input",
            type: "datetime-local",
            attrs: { "aria-label": this.ownLabel },
            on: { change: () => this.setValue(localInputToDatetime(this.input.value)) },
        });
        return this.input;
    }

    syncInput() {
        const text = datetimeToLocalInput(this.value);
        if (this.input.value !== text) {
            this.input.value = text;
        }
    }
}
