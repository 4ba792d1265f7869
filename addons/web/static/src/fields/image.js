/**
 * image fields: the picture, with buttons to upload another one or clear it. The image is shown
 * from a data: URL of the record's base64 value (allowed by the page's Content-Security-Policy).
 */

import { h, icon } from "../core/dom.js";
import { Field } from "./field.js";
import { MAX_UPLOAD, readAsBase64, uploadButton } from "./file_input.js";

const SIGNATURES = [["iVBOR", "image/png"], ["/9j/", "image/jpeg"], ["R0lGOD", "image/gif"], ["UklGR", "image/webp"],
    ["PHN2Zy", "image/svg+xml"], ["PD94bWwg", "image/svg+xml"]];

export function imageMimetype(base64) {
    const found = SIGNATURES.find(([prefix]) => base64.startsWith(prefix));
    return found ? found[1] : "image/png";
}

export class ImageField extends Field {
    static className = "o-field-image";

    renderImage() {
        const img = h("img", { class: "o-image", alt: this.labelText });
        const placeholder = h("span", { class: "o-image-placeholder" }, icon("image", { size: 28 }));
        return { img, placeholder, frame: h("div", { class: "o-image-frame" }, img, placeholder) };
    }

    showImage(parts) {
        if (this.value) {
            parts.img.src = `data:${imageMimetype(this.value)};base64,${this.value}`;
        } else {
            parts.img.removeAttribute("src");
        }
        parts.img.hidden = !this.value;
        parts.placeholder.hidden = Boolean(this.value);
    }

    renderInput() {
        this.parts = this.renderImage();
        const uploader = uploadButton({
            label: "Upload",
            accept: "image/*",
            onFile: async (file) => {
                if (!file.type.startsWith("image/") || file.size > MAX_UPLOAD) {
                    this.record.setFieldError(this.name, "Choose an image file (PNG, JPEG, GIF, WebP or SVG)");
                    return;
                }
                await this.setValue(await readAsBase64(file));
            },
        });
        uploader.querySelector("input").id = this.inputId;
        uploader.querySelector("input").setAttribute("aria-label", `Upload ${this.labelText}`);
        uploader.querySelector("label").htmlFor = this.inputId;
        this.clearButton = h("button", {
            type: "button", class: "o-btn o-btn-sm o-btn-ghost",
            attrs: { "aria-label": `Clear ${this.labelText}` },
            on: { click: () => this.setValue(false) },
        }, icon("trash"));
        return h("div", { class: "o-image-edit" }, this.parts.frame, h("div", { class: "o-image-actions" }, uploader, this.clearButton));
    }

    syncInput() {
        this.showImage(this.parts);
        this.clearButton.hidden = !this.value;
    }

    renderReadonly() {
        this.readonlyParts = this.renderImage();
        return this.readonlyParts.frame;
    }

    syncReadonly() {
        this.showImage(this.readonlyParts);
    }
}
