/** text fields: a multi-line text area that grows with its content. */

import { h } from "../core/dom.js";
import { Field, syncText } from "./field.js";

export class TextField extends Field {
    static className = "o-field-text";

    renderInput() {
        this.input = h("textarea", {
            id: this.inputId,
            class: "o-input",
            rows: this.mode === "list" ? 1 : 3,
            attrs: { placeholder: this.attr("placeholder"), "aria-label": this.ownLabel },
            on: this.typingListeners(),
        });
        return this.input;
    }

    syncInput() {
        syncText(this.input, this.value ? String(this.value) : "");
    }

    renderReadonly() {
        this.readonlyEl = h("span", { class: "o-field-readonly o-pre-wrap", id: this.inputId });
        return this.readonlyEl;
    }
}
