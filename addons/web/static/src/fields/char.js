/** char fields: a one-line text input (``widget="email"``/``"url"`` give the matching input type and link). */

import { h } from "../core/dom.js";
import { Field, syncText } from "./field.js";

const TYPES = { email: "email", url: "url", phone: "tel" };

export class CharField extends Field {
    static className = "o-field-char";

    renderInput() {
        const widget = this.attr("widget");
        this.input = h("input", {
            id: this.inputId,
            class: "o-input",
            type: TYPES[widget] || "text",
            autocomplete: "off",
            attrs: {
                maxlength: this.field.size || null,
                placeholder: this.attr("placeholder"),
                "aria-label": this.ownLabel,
            },
            on: this.typingListeners(),
        });
        return this.input;
    }

    syncInput() {
        syncText(this.input, this.value === false || this.value === null ? "" : String(this.value));
    }

    renderReadonly() {
        const widget = this.attr("widget");
        if (widget === "email" || widget === "url") {
            this.readonlyEl = h("a", { class: "o-field-readonly", id: this.inputId });
            return this.readonlyEl;
        }
        return super.renderReadonly();
    }

    syncReadonly() {
        super.syncReadonly();
        const widget = this.attr("widget");
        const value = this.value ? String(this.value) : "";
        if (this.readonlyEl && (widget === "email" || widget === "url")) {
            const safe = widget === "email" ? `mailto:${value}` : (/^https?:\/\//i.test(value) ? value : `https://${value}`);
            if (value) {
                this.readonlyEl.href = safe;
            } else {
                this.readonlyEl.removeAttribute("href");
            }
            if (widget === "url") {
                this.readonlyEl.target = "_blank";
                this.readonlyEl.rel = "noopener noreferrer";
            }
        }
    }
}
