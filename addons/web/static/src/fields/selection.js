/** selection fields: a drop-down list of the field's choices (``widget="radio"``: radio buttons). */

import { h, uniqueId } from "../core/dom.js";
import { Field } from "./field.js";

export class SelectionField extends Field {
    static className = "o-field-selection";

    renderInput() {
        const choices = this.field.selection || [];
        if (this.attr("widget") === "radio") {
            const group = uniqueId("o-radio");
            this.radios = choices.map(([value, label]) => {
                const id = `${group}-${value}`;
                const input = h("input", {
                    type: "radio", name: group, id, value,
                    on: { change: () => input.checked && this.setValue(value) },
                });
                return h("label", { class: "o-radio", htmlFor: id }, input, label);
            });
            this.input = null;
            return h("div", { class: "o-radio-group", id: this.inputId, attrs: { role: "radiogroup", "aria-label": this.labelText } },
                this.radios);
        }
        this.input = h("select", {
            id: this.inputId,
            class: "o-input",
            attrs: { "aria-label": this.ownLabel },
            on: { change: () => this.setValue(this.input.value === "" ? false : this.input.value) },
        },
        h("option", { value: "" }, this.isRequired ? "Select…" : ""),
        choices.map(([value, label]) => h("option", { value }, label)));
        return this.input;
    }

    syncInput() {
        const value = this.value === false || this.value === null ? "" : String(this.value);
        if (this.input) {
            this.input.value = value;
        } else {
            for (const label of this.radios) {
                const radio = label.querySelector("input");
                radio.checked = radio.value === value;
            }
        }
    }
}
