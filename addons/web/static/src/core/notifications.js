/**
 * Toast notifications: short messages in a corner that go away by themselves.
 *
 * The container is a polite live region, so screen readers announce each message; errors use
 * role="alert" and stay until closed.
 *
 *     notifications.add("Saved", { type: "success" });
 */

import { h, icon } from "./dom.js";

const DEFAULT_DELAY = 4000;
const ICONS = { success: "check", danger: "alert", warning: "alert", info: "info" };

export class Notifications {
    constructor(parent = document.body) {
        this.el = h("section", { class: "o-toasts", attrs: { "aria-label": "Notifications" } });
        this.polite = h("div", { class: "o-toasts-stack", attrs: { role: "status", "aria-live": "polite" } });
        this.assertive = h("div", { class: "o-toasts-stack", attrs: { role: "alert", "aria-live": "assertive" } });
        this.el.append(this.assertive, this.polite);
        parent.appendChild(this.el);
    }

    /** Show ``message``; ``type``: info | success | warning | danger. Returns a function closing it. */
    add(message, { title = "", type = "info", sticky = type === "danger", delay = DEFAULT_DELAY } = {}) {
        const close = () => {
            toast.classList.add("o-toast-leaving");
            window.setTimeout(() => toast.remove(), 150);
        };
        const toast = h("div", { class: ["o-toast", `o-toast-${type}`], dataset: { type } },
            h("span", { class: "o-toast-icon" }, icon(ICONS[type] || "info")),
            h("div", { class: "o-toast-body" },
                title ? h("strong", { class: "o-toast-title" }, title) : null,
                h("div", { class: "o-toast-message" }, message)),
            h("button", {
                type: "button", class: "o-btn o-btn-ghost o-btn-icon o-toast-close",
                attrs: { "aria-label": "Close notification" }, on: { click: close },
            }, icon("close")));
        (type === "danger" ? this.assertive : this.polite).appendChild(toast);
        if (!sticky) {
            window.setTimeout(close, delay);
        }
        return close;
    }
}
