/** boolean fields: a checkbox (read-only: a disabled one, so the state stays visible). */

import { h } from "../core/dom.js";
import { Field } from "./field.js";

export class BooleanField extends Field {
    static className = "o-field-boolean";

    renderInput() {
        this.input = h("input", {
            id: this.inputId,
            class: "o-checkbox",
            type: "checkbox",
            attrs: { "aria-label": this.mode === "list" ? this.ownLabel : null },
            on: { change: () => this.setValue(this.input.checked) },
        });
        return this.withInlineLabel(this.input);
    }

    /** Outside a group (no <label for> beside it), a form checkbox gets its label text next to it. */
    withInlineLabel(input) {
        if (this.mode === "form" && this.ownLabel) {
            return h("label", { class: "o-checkbox-label" }, input, h("span", {}, this.labelText));
        }
        return input;
    }

    syncInput() {
        this.input.checked = Boolean(this.value);
    }

    renderReadonly() {
        this.readonlyEl = h("input", {
            id: this.inputId, class: "o-checkbox", type: "checkbox", disabled: true,
            attrs: { "aria-label": this.mode === "list" ? this.labelText : null },
        });
        return this.withInlineLabel(this.readonlyEl);
    }

    syncReadonly() {
        this.readonlyEl.checked = Boolean(this.value);
    }
}
