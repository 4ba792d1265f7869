/**
 * The client put together: the environment every part receives (rpc, orm, session, services),
 * the navbar, the action manager, and what happens when the session expires.
 *
 * ``env`` is passed explicitly to every component; nothing is global.
 */

import { Currencies } from "../core/currencies.js";
import { Dialog } from "../core/dialog.js";
import { h } from "../core/dom.js";
import { setLocale } from "../core/format.js";
import { Hotkeys } from "../core/hotkeys.js";
import { LoadingIndicator } from "../core/loading.js";
import { Notifications } from "../core/notifications.js";
import { Orm } from "../core/orm.js";
import { ConnectionLostError, Rpc, RpcError } from "../core/rpc.js";
import { Router } from "../core/router.js";
import { ViewLoader } from "../views/view_loader.js";
import { ActionManager } from "./action_manager.js";
import { Navbar } from "./navbar.js";

export class WebClient {
    /** ``boot``: the calls boot.js started (``window.nexaBoot``), if any. */
    constructor({ session, csrfToken, boot = null, root = document }) {
        this.root = root;
        const rpc = new Rpc();
        const orm = new Orm(rpc, session.user_context || {});
        this.env = {
            session, csrfToken, rpc, orm, boot: boot || { actions: {} },
            hotkeys: new Hotkeys(),
            notifications: new Notifications(document.body),
            currencies: new Currencies(orm),
            viewLoader: new ViewLoader(orm, boot || {}),
        };
        this.env.openFormDialog = async (options) => (await import("../views/form/form_dialog.js")).openFormDialog(this.env, options);
        this.env.openRecord = (options) => this.actionManager.openRecord(options);
        setLocale((session.user_context || {}).lang);
        this.main = root.getElementById("o-main");
        this.loading = new LoadingIndicator(rpc, { parent: document.body, busyTarget: this.main });
        this.router = new Router();
        this.actionManager = new ActionManager(this.env, { container: this.main, router: this.router });
        this.env.actionManager = this.actionManager;
        rpc.addEventListener("session-expired", () => this.sessionExpired());
        window.addEventListener("unhandledrejection", (event) => this.onError(event.reason, event));
        window.addEventListener("beforeunload", (event) => {
            const view = this.actionManager.current?.view;
            if (view && view.record && view.record.isDirty) {
                event.preventDefault();
                event.returnValue = "";
            }
        });
    }

    async start() {
        // the menus (for the navbar) and the first screen load at the same time
        const boot = this.env.boot;
        const menusLoaded = (boot.menus ? this.env.rpc.adopt(boot.menus, "load_menus") : this.env.orm.call("ir.ui.menu", "load_menus", [false])).catch((error) => {
            this.onError(error);
            return { root: { children: [] } };
        });
        this.env.currencies.load();
        this.actionManager.onScreen = (screen) => this.followApp(screen);
        const state = this.router.current;
        const stack = this.router.stack; // a reload keeps the history entry, breadcrumbs included
        const screenShown = (stack && stack.length ? this.actionManager.restoreStack(stack, state) : this.actionManager.loadState(state))
            .catch((error) => {
                this.onError(error);
                return null;
            });
        this.navbar = new Navbar(this.env, {
            el: this.root.querySelector(".o-navbar"), menus: await menusLoaded,
            onMenu: (menu) => {
                this.actionManager.menuId = menu.appID || menu.id;
                return this.actionManager.doAction(menu.actionID, { clearBreadcrumbs: true });
            },
        });
        if (state.menu_id) {
            this.navbar.setApp(this.navbar.appOf(state.menu_id)?.id || null);
        }
        const shown = await screenShown;
        if (!shown) {
            const app = this.navbar.appOf(state.menu_id) || this.navbar.apps[0];
            if (app) {
                this.navbar.select(app);
            } else {
                this.navbar.render();
                this.main.replaceChildren(h("div", { class: "o-empty o-home-empty" },
                    h("p", { class: "o-empty-title" }, "Nothing to show yet"), h("p", {}, "No app is available to your user.")));
            }
        } else if (this.actionManager.current) {
            this.followApp(this.actionManager.current);
            if (!this.navbar.appId) {
                this.navbar.render();
            }
        }
        document.body.classList.add("o-ready");
        // the first screen is up: fetch the modules of forms and kanbans while the user looks at it
        // (body.o-warm tells tests and tools that every module of the client is in the browser's cache)
        window.setTimeout(() => Promise.all([import("../views/form/form_dialog.js"), import("../views/kanban/kanban_view.js")])
            .then(() => document.body.classList.add("o-warm")), 50);
    }

    /** A screen opened without a menu (a link, a button): show the app whose menu opens its action. */
    followApp(screen) {
        const actionId = screen.action.id;
        if (!this.navbar || this.actionManager.menuId || !actionId) {
            return; // before the menus are there, start() calls it again
        }
        const menu = Object.values(this.navbar.menus).find((item) => item && item.actionID === actionId);
        if (menu) {
            this.actionManager.menuId = menu.appID || menu.id;
            this.navbar.setApp(this.navbar.appOf(menu.id)?.id || null);
        }
    }

    sessionExpired() {
        if (this.expiredDialog) {
            return;
        }
        const target = `${window.location.pathname}${window.location.search}${window.location.hash}`;
        this.expiredDialog = new Dialog({
            title: "Session expired",
            size: "sm",
            body: h("p", {}, "Your session has expired. Log in again to continue where you were."),
            buttons: [{ label: "Log in again", value: "login", primary: true }],
            closeValue: "login",
        });
        this.expiredDialog.open().then(() => {
            window.location.assign(`/web/login?redirect=${encodeURIComponent(target)}`);
        });
    }

    /** Errors nobody caught: user errors as notifications, lost connections too, bugs with details. */
    onError(error, event = null) {
        if (!error) {
            return;
        }
        event?.preventDefault();
        if (error instanceof RpcError && error.isSessionExpired) {
            return; // the session dialog is already up
        }
        if (error instanceof RpcError && error.isUserError) {
            this.env.notifications.add(error.message, { type: "danger", title: error.exceptionName.endsWith("AccessError") ? "Access denied" : "Error" });
        } else if (error instanceof ConnectionLostError) {
            this.env.notifications.add(error.message, { type: "danger", title: "Connection lost" });
        } else {
            console.error(error);
            this.env.notifications.add(error.message || String(error), { type: "danger", title: "Something went wrong" });
        }
    }
}
