/**
 * The status bar of a form's header: the stages of a selection or many2one field, the current
 * one highlighted (aria-current="step"). With ``options="{'clickable': True}"`` the stages are
 * buttons that move the record to that stage.
 *
 * ``statusbar_visible="draft,sent,done"`` limits the stages shown (the current one always is).
 */

import { h } from "../core/dom.js";
import { Field } from "./field.js";
import { nodeOptions, relationDomain } from "./many2one.js";

export class StatusBarField extends Field {
    static className = "o-field-statusbar";

    constructor(env, options) {
        super(env, options);
        this.stages = null;
        this.loading = null;
    }

    get clickable() {
        const value = nodeOptions(this.node).clickable;
        return Boolean(value) && value !== "0" && !this.isReadonly;
    }

    async loadStages() {
        if (this.field.type === "selection") {
            this.stages = (this.field.selection || []).map(([value, label]) => ({ value, label, key: value }));
            return;
        }
        const domain = relationDomain(this.record, this.field, this.node);
        const records = await this.env.orm.searchRead(this.field.relation, domain, ["display_name"], { limit: 20 });
        this.stages = records.map((record) => ({ value: [record.id, record.display_name], label: record.display_name, key: record.id }));
    }

    currentKey() {
        return Array.isArray(this.value) ? this.value[0] : this.value;
    }

    visibleStages() {
        const visible = (this.attr("statusbar_visible") || "").split(",").map((item) => item.trim()).filter(Boolean);
        const current = this.currentKey();
        return (this.stages || []).filter((stage) => !visible.length || visible.includes(String(stage.key)) || stage.key === current);
    }

    renderInput() {
        this.list = h("ol", { class: "o-statusbar", id: this.inputId, attrs: { "aria-label": this.labelText } });
        return this.list;
    }

    renderReadonly() {
        this.readonlyEl = this.renderInput();
        return this.readonlyEl;
    }

    syncReadonly() {
        this.syncInput();
    }

    async syncInput() {
        if (!this.stages) {
            this.loading = this.loading || this.loadStages();
            await this.loading;
        }
        const current = this.currentKey();
        const clickable = this.clickable;
        this.list.replaceChildren(...this.visibleStages().map((stage) => {
            const isCurrent = stage.key === current;
            const content = clickable && !isCurrent
                ? h("button", { type: "button", class: "o-statusbar-step", on: { click: () => this.setValue(stage.value) } }, stage.label)
                : h("span", { class: "o-statusbar-step" }, stage.label);
            return h("li", { class: { "o-current": isCurrent }, attrs: { "aria-current": isCurrent ? "step" : null } }, content);
        }));
    }
}
