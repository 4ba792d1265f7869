/**
 * The loading indicator: a small "Loading…" pill shown when calls take longer than a moment.
 *
 * Fast calls (most of them, on a local network) never show it: it appears only after
 * ``delay`` ms with calls still pending, so the page does not flicker. While it shows, the main
 * region is marked aria-busy.
 */

import { h } from "./dom.js";

export class LoadingIndicator {
    constructor(rpc, { parent = document.body, busyTarget = null, delay = 250 } = {}) {
        this.delay = delay;
        this.busyTarget = busyTarget;
        this.timer = null;
        this.el = h("div", { class: "o-loading", hidden: true, attrs: { role: "status" } },
            h("span", { class: "o-spinner", attrs: { "aria-hidden": "true" } }), "Loading…");
        parent.appendChild(this.el);
        rpc.addEventListener("rpc:start", () => this._start());
        rpc.addEventListener("rpc:end", (event) => {
            if (event.detail.pending === 0) {
                this._stop();
            }
        });
    }

    _start() {
        if (this.timer === null && this.el.hidden) {
            this.timer = window.setTimeout(() => {
                this.timer = null;
                this.el.hidden = false;
                this.busyTarget?.setAttribute("aria-busy", "true");
            }, this.delay);
        }
    }

    _stop() {
        window.clearTimeout(this.timer);
        this.timer = null;
        this.el.hidden = true;
        this.busyTarget?.removeAttribute("aria-busy");
    }
}
