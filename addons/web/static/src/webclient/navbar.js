/**
 * The top bar: the app switcher (the top-level menus of ir.ui.menu), the current app's menus,
 * and the user menu with "Log out". Choosing a menu runs its action with fresh breadcrumbs.
 *
 * Menus come from ``ir.ui.menu.load_menus`` (Odoo 17's shape: a dict by id plus "root").
 */

import { h, icon } from "../core/dom.js";
import { dropdown, menuItem } from "../core/dropdown.js";

export class Navbar {
    constructor(env, { el, menus, onMenu }) {
        this.env = env;
        this.el = el;
        this.menus = menus || { root: { children: [] } };
        this.onMenu = onMenu;
        this.appId = null;
    }

    get apps() {
        return (this.menus.root?.children || []).map((id) => this.menus[id]).filter(Boolean);
    }

    menu(id) {
        return this.menus[id] || null;
    }

    /** The app (top-level menu) holding menu ``id``. */
    appOf(id) {
        const menu = this.menu(id);
        if (!menu) {
            return null;
        }
        return this.menu(menu.appID) || menu;
    }

    /** The first menu with an action under ``menu`` (depth first), to open an app. */
    firstAction(menu) {
        if (!menu) {
            return null;
        }
        if (menu.actionID) {
            return menu;
        }
        for (const id of menu.children || []) {
            const found = this.firstAction(this.menu(id));
            if (found) {
                return found;
            }
        }
        return null;
    }

    setApp(appId) {
        this.appId = appId;
        this.render();
    }

    select(menu) {
        const target = this.firstAction(menu);
        if (target) {
            this.appId = this.appOf(target.id)?.id || this.appId;
            this.render();
            this.onMenu(target);
        }
    }

    render() {
        const app = this.menu(this.appId);
        const appsMenu = dropdown({
            content: icon("apps", { size: 18 }), ariaLabel: "Apps", buttonClass: "o-btn o-btn-ghost o-btn-icon o-apps-toggle", className: "o-apps",
            items: this.apps.length
                ? this.apps.map((item) => menuItem([h("span", { class: "o-app-icon", attrs: { "aria-hidden": "true" } }, (item.name || "?").slice(0, 1)), item.name],
                    () => this.select(item), { className: "o-app-item" }))
                : [h("div", { class: "o-dropdown-empty" }, "No apps")],
        });
        const sections = app ? (app.children || []).map((id) => this.menu(id)).filter(Boolean) : [];
        const sectionsNav = h("nav", { class: "o-navbar-sections", id: "o-navbar-sections", attrs: { "aria-label": app ? `${app.name} menu` : "App menu" } },
            h("ul", { class: "o-navbar-list" }, sections.map((section) => h("li", {}, this.renderSection(section)))));
        const burger = h("button", {
            type: "button", class: "o-btn o-btn-ghost o-btn-icon o-navbar-burger",
            attrs: { "aria-label": "Show the menu", "aria-expanded": "false", "aria-controls": "o-navbar-sections" },
            on: {
                click: () => {
                    const open = !this.el.classList.contains("o-navbar-open");
                    this.el.classList.toggle("o-navbar-open", open);
                    burger.setAttribute("aria-expanded", open ? "true" : "false");
                },
            },
        }, icon("menu", { size: 18 }));
        const session = this.env.session;
        const userMenu = dropdown({
            content: [h("span", { class: "o-avatar", dataset: { initial: (session.name || "?").slice(0, 1) }, attrs: { "aria-hidden": "true" } }),
                h("span", { class: "o-user-name" }, session.name), h("span", { class: "o-visually-hidden" }, " (user menu)")],
            buttonClass: "o-btn o-btn-ghost o-user-toggle", className: "o-user-menu",
            items: [
                h("div", { class: "o-dropdown-header" }, h("strong", {}, session.name), h("span", {}, session.username), h("span", { class: "o-muted" }, session.db)),
                h("div", { class: "o-dropdown-divider", attrs: { role: "separator" } }),
                h("form", { method: "post", action: "/web/logout", class: "o-logout-form" },
                    h("input", { type: "hidden", name: "csrf_token", value: this.env.csrfToken }),
                    h("button", { type: "submit", class: "o-dropdown-item o-logout", attrs: { role: "menuitem" } }, icon("logout"), "Log out")),
            ],
        });
        this.el.replaceChildren(h("div", { class: "o-navbar-inner" },
            appsMenu.el,
            h("a", {
                class: "o-navbar-brand", href: "#",
                on: {
                    click: (event) => {
                        event.preventDefault();
                        if (app) {
                            this.select(app);
                        }
                    },
                },
            }, app ? app.name : "Nexa"),
            burger,
            sectionsNav,
            h("div", { class: "o-navbar-right" }, userMenu.el)));
    }

    renderSection(section) {
        const children = (section.children || []).map((id) => this.menu(id)).filter(Boolean);
        if (!children.length) {
            return h("button", {
                type: "button", class: "o-navbar-link", dataset: { menuId: String(section.id) },
                on: { click: () => this.choose(section) },
            }, section.name);
        }
        return dropdown({
            content: [section.name, icon("chevronDown", { size: 14 })], buttonClass: "o-navbar-link", ariaLabel: section.name,
            items: children.map((child) => menuItem(child.name, () => this.choose(child), { className: "o-navbar-item" })),
        }).el;
    }

    choose(menu) {
        this.el.classList.remove("o-navbar-open");
        this.select(menu);
    }
}
