/**
 * What is on screen and how one got there: a stack of screens (breadcrumbs), each a view of a
 * window action (a list, a kanban, a record's form) or a record opened from a relational field.
 *
 * ``doAction`` runs any action (window actions on screen or in a dialog, URL actions, server
 * actions, closing a dialog). Every change of screen is written to the URL (router.js), with the
 * breadcrumbs in the history entry, so reload, deep links and the browser's back and forward
 * buttons bring the same screens back. Leaving a form with unsaved changes asks first.
 */

import { h } from "../core/dom.js";
import { ControlPanel } from "../views/control_panel.js";
import { WindowAction } from "./window_action.js";

export class ActionManager {
    constructor(env, { container, router }) {
        this.env = env;
        this.container = container;
        this.router = router;
        this.stack = [];
        this.controlPanel = new ControlPanel();
        this.viewArea = h("div", { class: "o-view-area" });
        this.menuId = null;
        this.onScreen = null; // called with each screen shown (the navbar follows the app)
        router.addEventListener("navigate", (event) => this.onNavigate(event.detail));
    }

    get current() {
        return this.stack[this.stack.length - 1] || null;
    }

    // -- actions -------------------------------------------------------------------------------------------------------
    async loadAction(request, additionalContext = {}) {
        if (request && typeof request === "object") {
            return request;
        }
        const started = this.env.boot.actions[String(request)];
        if (started && !Object.keys(additionalContext).length) {
            delete this.env.boot.actions[String(request)]; // boot.js asked for it already: use its answer once
            return this.env.rpc.adopt(started, "/web/action/load");
        }
        return this.env.rpc.call("/web/action/load", { action_id: request, additional_context: additionalContext });
    }

    /**
     * Run an action (id, external id or action dict). ``clearBreadcrumbs`` starts a new stack (menus);
     * ``viewType``/``resId`` open a given view or record of a window action (deep links).
     */
    async doAction(request, options = {}) {
        const action = await this.loadAction(request, options.additionalContext || {});
        switch (action.type) {
            case "ir.actions.act_window":
                return this.doWindowAction(action, options);
            case "ir.actions.act_url":
                return this.doUrlAction(action);
            case "ir.actions.act_window_close":
                options.onClose?.();
                return null;
            case "ir.actions.server": {
                const next = await this.env.orm.call("ir.actions.server", "run", [[action.id]], { context: options.additionalContext || {} });
                return next && typeof next === "object" && next.type ? this.doAction(next, options) : null;
            }
            default:
                this.env.notifications.add(`Actions of type ${action.type} cannot be shown by this client`, { type: "warning" });
                return null;
        }
    }

    doUrlAction(action) {
        const url = String(action.url || "");
        if (!/^(https?:\/\/|\/(?!\/))/i.test(url)) {
            this.env.notifications.add("This link cannot be opened: only web addresses are allowed", { type: "warning" });
            return null;
        }
        if (action.target === "self") {
            window.location.assign(url);
        } else {
            window.open(url, "_blank", "noopener");
        }
        return null;
    }

    async doWindowAction(action, options) {
        const windowAction = await new WindowAction(this.env, action, { additionalContext: options.additionalContext || {} }).load();
        if (action.target === "new") {
            const { openFormDialog } = await import("../views/form/form_dialog.js");
            const result = await openFormDialog(this.env, {
                model: windowAction.model, resId: action.res_id || false, title: windowAction.title, context: windowAction.context,
                doAction: (next, nextOptions) => this.doAction(next, nextOptions),
            });
            options.onClose?.(result);
            return result;
        }
        if (options.searchState) {
            windowAction.searchModel.restore(options.searchState);
        }
        windowAction.searchModel.addEventListener("update", () => this.onSearchChange());
        const resId = options.resId || action.res_id || false;
        const wantsForm = options.viewType === "form" || Boolean(resId && !options.viewType);
        const screens = [];
        if (!wantsForm || windowAction.defaultViewType !== "form") {
            const viewType = options.viewType && options.viewType !== "form" && windowAction.viewTypes.includes(options.viewType)
                ? options.viewType : windowAction.defaultViewType;
            screens.push({ action: windowAction, viewType, title: windowAction.title });
        }
        if (wantsForm) {
            screens.push({ action: windowAction, viewType: "form", resId, resIds: resId ? [resId] : [], title: "" });
        }
        const base = options.clearBreadcrumbs ? [] : [...this.stack];
        return this.show([...base, ...screens], { replaceUrl: options.replaceUrl, keep: options.clearBreadcrumbs ? 0 : this.stack.length });
    }

    /** Open a record in its form, above the current screen (a many2one's "open" button). */
    async openRecord({ model, resId, title = "" }) {
        const windowAction = await new WindowAction(this.env, {
            type: "ir.actions.act_window", res_model: model, name: title, views: [[false, "form"]],
        }).load();
        return this.show([...this.stack, { action: windowAction, viewType: "form", resId, resIds: [resId], title }], { keep: this.stack.length });
    }

    // -- screens -------------------------------------------------------------------------------------------------------
    /**
     * Show the last of ``stack`` (the screens below it stay as breadcrumbs). ``keep``: how many
     * screens of the current stack are kept as they are. Resolves false when the user stayed.
     */
    async show(stack, { keep = 0, replaceUrl = false, fromHistory = false } = {}) {
        const current = this.current;
        if (current && current.view && !(await current.view.canLeave())) {
            return false;
        }
        for (const screen of this.stack.slice(keep)) {
            if (!stack.includes(screen)) {
                screen.view?.destroy();
                screen.view = null;
            }
        }
        if (current && current.view && stack.includes(current)) {
            current.view.el.remove();
        }
        this.stack = stack;
        if (!fromHistory) {
            this.pushUrl({ replace: replaceUrl }); // at once: a reload during the load finds the new screen
        }
        await this.mountScreen(this.current);
        this.onScreen?.(this.current);
        this.pushUrl({ replace: true }); // again, with the titles the views found
        return true;
    }

    async mountScreen(screen) {
        const windowAction = screen.action;
        const panel = this.controlPanel;
        panel.clearSlots();
        const isMulti = screen.viewType !== "form";
        if (isMulti) {
            panel.slots.search.appendChild(windowAction.searchBarElement());
        }
        panel.setViewSwitcher(isMulti ? windowAction.multiRecordTypes : [], screen.viewType, (type) => this.switchView(type));
        if (!screen.view) {
            screen.view = await windowAction.makeView(screen.viewType, this.viewProps(screen));
        }
        this.renderBreadcrumbs();
        this.container.replaceChildren(panel.el, this.viewArea);
        this.viewArea.replaceChildren(screen.view.el);
        await screen.view.mount();
        this.container.focus({ preventScroll: true });
        document.title = `${screen.title || windowAction.title || "Nexa"} · Nexa`;
    }

    viewProps(screen) {
        const windowAction = screen.action;
        return {
            controlPanel: this.controlPanel,
            resId: screen.resId,
            resIds: screen.resIds,
            onOpenRecord: (resId, resIds) => this.show([...this.stack, {
                action: windowAction, viewType: "form", resId, resIds, title: "",
            }], { keep: this.stack.length }),
            onCreate: () => this.show([...this.stack, { action: windowAction, viewType: "form", resId: false, resIds: [], title: "New" }], { keep: this.stack.length }),
            onTitle: (title) => {
                screen.title = title;
                this.controlPanel.setCurrentTitle(title);
                document.title = `${title} · Nexa`;
            },
            onRecordChange: ({ resId }) => {
                screen.resId = resId;
                this.pushUrl({ replace: true });
            },
            onDeleted: () => this.back(),
            onDiscardNew: () => this.back(),
            doAction: (action, options) => this.doAction(action, options),
        };
    }

    renderBreadcrumbs() {
        this.controlPanel.setBreadcrumbs(this.stack.map((screen, index) => ({
            title: screen.title || screen.action.title,
            onSelect: () => this.restore(index),
        })));
    }

    /** Go back to the screen ``index`` of the breadcrumbs. */
    restore(index) {
        return this.show(this.stack.slice(0, index + 1), { keep: index + 1 });
    }

    back() {
        if (this.stack.length > 1) {
            return this.restore(this.stack.length - 2);
        }
        return null;
    }

    async switchView(type) {
        const screen = this.current;
        if (!screen || screen.viewType === type || !(await screen.view.canLeave())) {
            return;
        }
        screen.view.destroy();
        screen.view.el.remove();
        const replacement = { action: screen.action, viewType: type, title: screen.action.title };
        this.stack = [...this.stack.slice(0, -1), replacement];
        await this.mountScreen(replacement);
        this.pushUrl();
    }

    // -- URL -------------------------------------------------------------------------------------------------------------
    urlState() {
        const screen = this.current;
        if (!screen) {
            return { menu_id: this.menuId };
        }
        const windowAction = screen.action;
        const state = { menu_id: this.menuId || undefined, view_type: screen.viewType };
        if (windowAction.id) {
            state.action = windowAction.id;
        } else {
            state.model = windowAction.model;
        }
        if (screen.viewType === "form" && screen.resId) {
            state.id = screen.resId;
        }
        if (screen.viewType !== "form") {
            state.search = windowAction.searchModel.toJSON();
        }
        return state;
    }

    pushUrl({ replace = false } = {}) {
        const stack = this.stack.map((screen) => ({
            action: screen.action.id, model: screen.action.model, viewType: screen.viewType, resId: screen.resId || false,
            title: screen.title || screen.action.title,
        }));
        this.router.push(this.urlState(), { stack, replace });
    }

    /** Search changes go to the URL without adding history entries. */
    onSearchChange() {
        if (this.current && this.current.viewType !== "form") {
            this.pushUrl({ replace: true });
        }
    }

    /** Back/forward: the same screens as that history entry (breadcrumbs included). */
    async onNavigate({ state, stack }) {
        const index = stack ? this.stack.findIndex((screen, i) => i === stack.length - 1
            && screen.viewType === stack[i].viewType && (screen.resId || false) === stack[i].resId) : -1;
        if (stack && index >= 0 && index < this.stack.length - 1) {
            const shown = await this.show(this.stack.slice(0, index + 1), { keep: index + 1, fromHistory: true });
            if (!shown) {
                this.pushUrl();
            }
            return;
        }
        const shown = stack && stack.length ? await this.restoreStack(stack, state) : await this.loadState(state);
        if (shown === false) {
            this.pushUrl(); // the user stayed on a form with unsaved changes: keep its URL
        }
    }

    /**
     * Rebuild the screens of a history entry (``stack``: what ``pushUrl`` saved), the search of the
     * last one from the URL: forward navigation and reloads keep their breadcrumbs.
     */
    async restoreStack(stack, state = {}) {
        if (state.menu_id) {
            this.menuId = state.menu_id;
        }
        const actions = new Map();
        const screens = [];
        for (const item of stack) {
            const key = item.action ? `action:${item.action}` : `model:${item.model}`;
            if (!actions.has(key)) {
                const action = item.action
                    ? await this.loadAction(item.action)
                    : { type: "ir.actions.act_window", res_model: item.model, name: "", views: [[false, "form"]] };
                const windowAction = await new WindowAction(this.env, action).load();
                windowAction.searchModel.addEventListener("update", () => this.onSearchChange());
                actions.set(key, windowAction);
            }
            screens.push({
                action: actions.get(key), viewType: item.viewType, resId: item.resId || false,
                resIds: item.resId ? [item.resId] : [], title: item.title || "",
            });
        }
        const last = screens[screens.length - 1];
        if (last && state.search && last.viewType !== "form") {
            last.action.searchModel.restore(state.search);
        }
        return screens.length ? this.show(screens, { replaceUrl: true }) : null;
    }

    /**
     * Show what a URL state says (a deep link, a reload, a history entry we no longer hold). Resolves
     * false when the user chose to stay, null when the state names nothing to show.
     */
    async loadState(state) {
        if (state.menu_id) {
            this.menuId = state.menu_id;
        }
        if (state.action) {
            return this.doAction(state.action, {
                clearBreadcrumbs: true, viewType: state.view_type, resId: state.id, searchState: state.search, replaceUrl: true,
            });
        }
        if (state.model && state.id) {
            const windowAction = await new WindowAction(this.env, {
                type: "ir.actions.act_window", res_model: state.model, name: "", views: [[false, "form"]],
            }).load();
            return this.show([{ action: windowAction, viewType: "form", resId: state.id, resIds: [state.id], title: "" }], { replaceUrl: true });
        }
        return null;
    }
}
