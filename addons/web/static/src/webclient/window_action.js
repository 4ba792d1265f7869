/**
 * One window action (``ir.actions.act_window``) on screen: its model, domain and context, the
 * views it offers (loaded once with get_views), and the search shared by its list and kanban.
 * It makes the view instances the action manager shows.
 */

import { toValue } from "../core/py_literal.js";
import { SearchBar } from "../search/search_bar.js";
import { SearchModel } from "../search/search_model.js";
import { ListView } from "../views/list/list_view.js";
import { viewRequests } from "./view_requests.js";

const MULTI_RECORD = new Set(["list", "kanban"]);
/** The view classes; the form and kanban are loaded when first needed (the first screen is a list). */
export const VIEW_LOADERS = {
    list: async () => ListView,
    kanban: async () => (await import("../views/kanban/kanban_view.js")).KanbanView,
    form: async () => (await import("../views/form/form_view.js")).FormView,
};

export class WindowAction {
    constructor(env, action, { additionalContext = {} } = {}) {
        this.env = env;
        this.action = action;
        this.model = action.res_model;
        this.title = action.name || action.display_name || "";
        const scope = { uid: env.session.uid, active_id: additionalContext.active_id, active_ids: additionalContext.active_ids || [] };
        this.context = { ...toValue(action.context, scope, {}), ...additionalContext };
        this.domain = toValue(action.domain, scope, []);
        this.viewRequests = viewRequests(action);
        this.viewTypes = this.viewRequests.map(([, type]) => type).filter((type) => VIEW_LOADERS[type]);
        this.descriptions = null;
        this.searchModel = null;
        this.searchBar = null;
    }

    get id() {
        return this.action.id || null;
    }

    get multiRecordTypes() {
        return this.viewTypes.filter((type) => MULTI_RECORD.has(type));
    }

    get defaultViewType() {
        return this.multiRecordTypes[0] || "form";
    }

    async load() {
        if (!this.descriptions) {
            [this.descriptions, this.modelFields] = await Promise.all([
                this.env.viewLoader.load(this.model, this.viewRequests, { actionId: this.id, context: this.context }),
                this.env.viewLoader.allFields(this.model),
            ]);
            const fields = this.allFields();
            this.searchModel = new SearchModel({
                arch: this.descriptions.views.search ? this.descriptions.views.search.arch : null,
                fields, context: this.context, session: this.env.session,
            });
        }
        return this;
    }

    /** Every field of the model, described in full where a view uses it (group-by and search choices). */
    allFields() {
        return { ...this.modelFields, ...this.descriptions.fields };
    }

    searchBarElement() {
        if (!this.searchBar) {
            this.searchBar = new SearchBar(this.env, this.searchModel);
        }
        return this.searchBar.el;
    }

    /** A view instance of ``type`` (``props`` adds resId, callbacks... from the action manager). */
    async makeView(type, props) {
        const description = this.descriptions.views[type];
        const View = VIEW_LOADERS[type] && (await VIEW_LOADERS[type]());
        if (!View || !description) {
            throw new Error(`The action "${this.title}" has no ${type} view`);
        }
        return new View(this.env, {
            model: this.model, arch: description.arch, fields: this.descriptions.fields, models: this.descriptions.models,
            domain: this.domain, context: this.context, searchModel: this.searchModel, limit: this.action.limit || 80,
            title: this.title, canArchive: Boolean(this.modelFields.active), ...props,
        });
    }
}
