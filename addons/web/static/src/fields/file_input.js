/**
 * Reading a file the user picked as base64 (what binary fields take on the wire), and saving
 * base64 content back to a file, for the binary and image widgets.
 */

import { h, icon, uniqueId } from "../core/dom.js";

export const MAX_UPLOAD = 64 * 1024 * 1024;

/** The base64 content of a File (without the "data:...;base64," prefix). */
export function readAsBase64(file) {
    return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result).split(",", 2)[1] || "");
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(file);
    });
}

/** Bytes of base64 text. */
export function base64Size(value) {
    if (!value) {
        return 0;
    }
    const padding = value.endsWith("==") ? 2 : value.endsWith("=") ? 1 : 0;
    return Math.floor((value.length * 3) / 4) - padding;
}

/** Let the browser save base64 ``content`` as ``filename``. */
export function downloadBase64(content, filename, mimetype = "application/octet-stream") {
    const bytes = Uint8Array.from(atob(content), (char) => char.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: mimetype }));
    const link = h("a", { href: url, download: filename || "download", hidden: true });
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** An "Upload" button (a label for a visually hidden file input, so it works with the keyboard). */
export function uploadButton({ label, accept = "", onFile, id = uniqueId("o-upload") }) {
    const input = h("input", {
        type: "file", id, class: "o-visually-hidden", accept,
        on: {
            change: () => {
                const file = input.files && input.files[0];
                if (file) {
                    onFile(file);
                }
                input.value = "";
            },
        },
    });
    const button = h("label", {
        class: "o-btn o-btn-sm", htmlFor: id, tabIndex: 0,
        on: {
            keydown: (event) => {
                if (event.key === "Enter" || event.key === " ") {
                    event.preventDefault();
                    input.click();
                }
            },
        },
    }, icon("upload"), label);
    return h("span", { class: "o-upload" }, input, button);
}
