/**
 * binary fields: upload a file, download it, clear it. The arch's ``filename="x_fname"`` names
 * the char field holding the file name (set on upload, used on download).
 */

import { h, icon } from "../core/dom.js";
import { formatSize } from "../core/format.js";
import { Field } from "./field.js";
import { MAX_UPLOAD, base64Size, downloadBase64, readAsBase64, uploadButton } from "./file_input.js";

export class BinaryField extends Field {
    static className = "o-field-binary";

    get filenameField() {
        return this.attr("filename");
    }

    get filename() {
        const name = this.filenameField && this.record.values[this.filenameField];
        return name || `${this.name}.bin`;
    }

    async upload(file) {
        if (file.size > MAX_UPLOAD) {
            this.record.setFieldError(this.name, `The file is too large (${formatSize(file.size)}, at most ${formatSize(MAX_UPLOAD)})`);
            return;
        }
        const content = await readAsBase64(file);
        const changes = { [this.name]: content };
        if (this.filenameField && this.filenameField in this.record.activeFields) {
            changes[this.filenameField] = file.name;
        }
        await this.record.update(changes);
    }

    download() {
        if (this.value) {
            downloadBase64(this.value, this.filename);
        }
    }

    renderInput() {
        this.info = h("span", { class: "o-binary-info", id: this.inputId });
        this.downloadButton = h("button", {
            type: "button", class: "o-btn o-btn-sm", on: { click: () => this.download() },
            attrs: { "aria-label": `Download ${this.labelText}` },
        }, icon("download"), "Download");
        this.clearButton = h("button", {
            type: "button", class: "o-btn o-btn-sm o-btn-ghost",
            attrs: { "aria-label": `Clear ${this.labelText}` },
            on: { click: () => this.setValue(false) },
        }, icon("trash"), "Clear");
        this.uploader = uploadButton({ label: "Upload", onFile: (file) => this.upload(file) });
        this.uploader.querySelector("input").setAttribute("aria-label", `Upload ${this.labelText}`);
        return h("div", { class: "o-binary" }, this.info, this.uploader, this.downloadButton, this.clearButton);
    }

    syncInput() {
        this.info.textContent = this.value ? `${this.filename} · ${formatSize(base64Size(this.value))}` : "No file";
        this.downloadButton.hidden = !this.value;
        this.clearButton.hidden = !this.value;
    }

    renderReadonly() {
        this.readonlyEl = h("span", { class: "o-field-readonly o-binary", id: this.inputId });
        return this.readonlyEl;
    }

    syncReadonly() {
        this.readonlyEl.replaceChildren(this.value
            ? h("button", { type: "button", class: "o-btn o-btn-sm", on: { click: () => this.download() } },
                icon("download"), `${this.filename} · ${formatSize(base64Size(this.value))}`)
            : "");
    }
}
