/**
 * Loading view descriptions with ``get_views`` (once per model, views and action; cached).
 *
 *     const { views, fields, models } = await viewLoader.load("res.partner", [[false, "list"], [false, "form"]]);
 *     views.list.arch   // the parsed <list> element
 *
 * The server answers Odoo 17's shape ``{views: {type: {arch, id, model}}, models: {model: {fields}}}``;
 * ``models`` here is flattened to ``{model: fields}``.
 */

import { FIELD_ATTRIBUTES, viewsKey } from "../webclient/view_requests.js";
import { parseArch } from "./arch.js";

export class ViewLoader {
    /** ``boot``: calls boot.js started ({views: {key: answer}, fields: {model: answer}}), taken once each. */
    constructor(orm, boot = {}) {
        this.orm = orm;
        this.boot = boot;
        this.cache = new Map();
    }

    /** An answer boot.js already asked for, if any (then forgotten: it is used once). */
    _started(kind, key, url) {
        const pending = this.boot[kind] && this.boot[kind][key];
        if (!pending) {
            return null;
        }
        delete this.boot[kind][key];
        return this.orm.rpc.adopt(pending, url);
    }

    load(model, views, { actionId = false, context = {} } = {}) {
        const key = viewsKey(model, views, actionId);
        if (!this.cache.has(key)) {
            const started = this._started("views", key, "get_views");
            const promise = this._load(model, views, actionId, context, started);
            promise.catch(() => this.cache.delete(key));
            this.cache.set(key, promise);
        }
        return this.cache.get(key);
    }

    /**
     * Short descriptions of every field of ``model`` (type, label, storage...), for what views do not
     * list: custom group-bys, whether records can be archived.
     */
    allFields(model) {
        const key = `fields:${model}`;
        if (!this.cache.has(key)) {
            const promise = this._started("fields", model, "fields_get") || this.orm.call(model, "fields_get", [], {
                attributes: FIELD_ATTRIBUTES,
            });
            promise.catch(() => this.cache.delete(key));
            this.cache.set(key, promise);
        }
        return this.cache.get(key);
    }

    async _load(model, views, actionId, context, started = null) {
        const result = await (started || this.orm.call(model, "get_views", [], {
            views, options: { action_id: actionId || false, load_filters: false, toolbar: false }, context,
        }));
        const models = {};
        for (const [name, description] of Object.entries(result.models || {})) {
            models[name] = description && description.fields ? description.fields : description;
        }
        const parsed = {};
        for (const [type, view] of Object.entries(result.views || {})) {
            parsed[type === "tree" ? "list" : type] = { ...view, arch: parseArch(view.arch) };
        }
        return { views: parsed, fields: models[model] || {}, models };
    }
}
