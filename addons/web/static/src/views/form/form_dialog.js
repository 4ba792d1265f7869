/**
 * A form in a dialog: "Create and edit…" of many2one fields, and window actions with
 * ``target="new"``. Resolves to the saved record as ``[id, display_name]`` (null when discarded).
 *
 *     const created = await openFormDialog(env, { model: "res.partner", title: "Create Customer", context });
 */

import { Dialog } from "../../core/dialog.js";
import { h } from "../../core/dom.js";
import { FormView } from "./form_view.js";

export async function openFormDialog(env, { model, resId = false, title = "", context = {}, viewId = false, doAction = null }) {
    const { views, fields, models } = await env.viewLoader.load(model, [[viewId, "form"]], { context });
    const form = new FormView(env, {
        model, arch: views.form.arch, fields, models, resId, context, inDialog: true, doAction,
    });
    const body = h("div", { class: "o-form-dialog-body" });
    await form.mount();
    body.appendChild(form.el);
    const dialog = new Dialog({
        title: title || (resId ? "Edit" : "Create"),
        size: "lg",
        body,
        buttons: [
            { label: "Save & close", value: "saved", primary: true, onClick: async () => (await form.save()) !== false },
            { label: "Discard", value: null },
        ],
    });
    const result = await dialog.open();
    form.destroy();
    if (result !== "saved" || !form.record.resId) {
        return null;
    }
    return [form.record.resId, form.title];
}
