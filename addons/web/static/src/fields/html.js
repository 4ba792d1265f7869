/**
 * html fields: a small rich-text editor (bold, italic, underline, lists) on a contenteditable area.
 *
 * The stored HTML is shown through the sanitizer (core/html_sanitize.js), never as markup; pasted
 * content is inserted as plain text. What is saved is the sanitized HTML of the editor (the
 * server sanitizes html fields again).
 */

import { h, icon } from "../core/dom.js";
import { sanitizedFragment, serializeSanitized } from "../core/html_sanitize.js";
import { Field } from "./field.js";

const COMMANDS = [
    ["bold", "bold", "Bold"],
    ["italic", "italic", "Italic"],
    ["underline", "underline", "Underline"],
    ["insertUnorderedList", "bulletList", "Bulleted list"],
    ["insertOrderedList", "numberList", "Numbered list"],
];

export class HtmlField extends Field {
    static className = "o-field-html";

    renderInput() {
        this.editor = h("div", {
            id: this.inputId,
            class: "o-html-editor o-input",
            contentEditable: "true",
            attrs: { role: "textbox", "aria-multiline": "true", "aria-label": this.labelText },
            on: {
                input: () => this._changed(true),
                blur: () => this.commit(),
                paste: (event) => {
                    event.preventDefault();
                    const text = event.clipboardData?.getData("text/plain") || "";
                    document.execCommand("insertText", false, text);
                },
            },
        });
        const toolbar = h("div", { class: "o-html-toolbar", attrs: { role: "toolbar", "aria-label": `${this.labelText} formatting` } },
            COMMANDS.map(([command, iconName, label]) => h("button", {
                type: "button",
                class: "o-btn o-btn-ghost o-btn-sm o-btn-icon",
                attrs: { "aria-label": label, title: label },
                on: {
                    mousedown: (event) => event.preventDefault(), // keep the selection in the editor
                    click: () => {
                        this.editor.focus();
                        document.execCommand(command, false);
                        this._changed(false);
                    },
                },
            }, icon(iconName))));
        this.shownValue = undefined;
        return h("div", { class: "o-html-wrapper" }, toolbar, this.editor);
    }

    _changed(typing) {
        this.ownValue = serializeSanitized(this.editor);
        this.setValue(this.ownValue, { typing });
    }

    syncInput() {
        if (this.value === this.ownValue && this.shownValue !== undefined) {
            return; // the record holds what the editor shows: do not reset the caret
        }
        if (this.value !== this.shownValue) {
            this.editor.replaceChildren(sanitizedFragment(this.value));
            this.shownValue = this.value;
        }
    }

    renderReadonly() {
        this.readonlyEl = h("div", { class: "o-field-readonly o-html-content", id: this.inputId });
        return this.readonlyEl;
    }

    syncReadonly() {
        this.readonlyEl.replaceChildren(sanitizedFragment(this.value));
    }
}
