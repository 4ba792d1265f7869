/**
 * The pager: "1-80 / 245" with previous/next buttons (wrapping around, as in Odoo).
 *
 *     const pager = new Pager({ onChange: ({ offset }) => reload(offset) });
 *     pager.update({ offset: 0, limit: 80, total: 245 });
 */

import { h, icon } from "../core/dom.js";
import { formatInteger } from "../core/format.js";

export class Pager {
    /** ``single``: a form pager ("3 / 12", one record per page). */
    constructor({ onChange, single = false, label = "Pager" }) {
        this.onChange = onChange;
        this.single = single;
        this.offset = 0;
        this.limit = 1;
        this.total = 0;
        this.value = h("span", { class: "o-pager-value", attrs: { "aria-live": "polite" } });
        this.previous = h("button", {
            type: "button", class: "o-btn o-btn-icon o-pager-previous", attrs: { "aria-label": "Previous page", title: "Previous" },
            on: { click: () => this.move(-1) },
        }, icon("chevronLeft"));
        this.next = h("button", {
            type: "button", class: "o-btn o-btn-icon o-pager-next", attrs: { "aria-label": "Next page", title: "Next" },
            on: { click: () => this.move(1) },
        }, icon("chevronRight"));
        this.el = h("div", { class: "o-pager", attrs: { role: "group", "aria-label": label } }, this.value,
            h("span", { class: "o-btn-group" }, this.previous, this.next));
    }

    update({ offset, limit, total }) {
        this.offset = offset;
        this.limit = limit;
        this.total = total;
        const first = total ? offset + 1 : 0;
        const last = Math.min(offset + limit, total);
        if (this.single) {
            this.value.textContent = `${formatInteger(first)} / ${formatInteger(total)}`;
        } else {
            const range = first === last ? formatInteger(first) : `${formatInteger(first)}-${formatInteger(last)}`;
            this.value.textContent = `${range} / ${formatInteger(total)}`;
        }
        const disabled = total <= limit;
        this.previous.disabled = disabled;
        this.next.disabled = disabled;
        this.el.hidden = total === 0 && !this.single;
    }

    move(step) {
        let offset = this.offset + step * this.limit;
        if (offset >= this.total) {
            offset = 0;
        } else if (offset < 0) {
            offset = this.single ? this.total - 1 : Math.max(0, (Math.ceil(this.total / this.limit) - 1) * this.limit);
        }
        this.onChange({ offset, limit: this.limit });
    }
}
