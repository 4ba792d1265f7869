/**
 * Dropdown menus (a button with aria-haspopup and a menu below it): open on click, close on a
 * click elsewhere, on choosing an item or on Escape (focus back on the button).
 */

import { h, uniqueId } from "./dom.js";

export function toggleMenu(toggle, menu) {
    const open = menu.hidden;
    menu.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) {
        return;
    }
    menu.querySelector("button, input")?.focus();
    const close = (event) => {
        if (event.type === "keydown" && event.key !== "Escape") {
            return;
        }
        if (event.type === "click" && (toggle.contains(event.target) || (menu.contains(event.target) && menu.dataset.keepOpen === "1"))) {
            return;
        }
        menu.hidden = true;
        toggle.setAttribute("aria-expanded", "false");
        document.removeEventListener("click", close, true);
        document.removeEventListener("keydown", close, true);
        if (event.type === "keydown") {
            event.stopPropagation();
            toggle.focus();
        }
    };
    window.setTimeout(() => {
        document.addEventListener("click", close, true);
        document.addEventListener("keydown", close, true);
    });
}

/**
 * A button opening a menu; ``items``: elements (use menuItem()). ``keepOpen``: clicks inside the
 * menu do not close it (menus of toggles, like filters).
 */
export function dropdown({ label, content, items, className = "", keepOpen = false, buttonClass = "o-btn", ariaLabel = null }) {
    const id = uniqueId("o-menu");
    const menu = h("div", { class: "o-dropdown-menu", id, hidden: true, attrs: { role: keepOpen ? "group" : "menu", "aria-label": ariaLabel || label || null } }, items);
    if (keepOpen) {
        menu.dataset.keepOpen = "1";
    }
    const toggle = h("button", {
        type: "button", class: buttonClass,
        attrs: { "aria-haspopup": "true", "aria-expanded": "false", "aria-controls": id, "aria-label": ariaLabel },
        on: { click: () => toggleMenu(toggle, menu) },
    }, content || label);
    return { el: h("div", { class: ["o-dropdown", className] }, toggle, menu), toggle, menu };
}

export function menuItem(content, onClick, { className = "", checked = null } = {}) {
    const attrs = checked === null ? { role: "menuitem" } : { role: "menuitemcheckbox", "aria-checked": checked ? "true" : "false" };
    return h("button", { type: "button", class: ["o-dropdown-item", className, { "o-checked": checked }], attrs, on: { click: onClick } }, content);
}
