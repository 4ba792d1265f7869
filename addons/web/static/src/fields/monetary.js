/**
 * monetary fields: an amount in the currency of the record's currency field (``currency_field``,
 * ``currency_id`` by default), with the currency's symbol beside the input and its decimals.
 */

import { h } from "../core/dom.js";
import { formatFloat } from "../core/format.js";
import { NumberField } from "./number.js";

export class MonetaryField extends NumberField {
    static className = "o-field-monetary";

    currency() {
        const currencyField = this.attr("currency_field") || this.field.currency_field || "currency_id";
        return this.env.currencies.get(this.record.values[currencyField]);
    }

    editText(value) {
        if (value === false || value === null || value === undefined) {
            return "";
        }
        const currency = this.currency();
        const digits = currency && Number.isInteger(currency.decimal_places) ? currency.decimal_places : 2;
        return formatFloat(value, null, { digits, grouping: false });
    }

    wrapInput(input) {
        this.symbolEl = h("span", { class: "o-input-addon", attrs: { "aria-hidden": "true" } });
        this.group = h("div", { class: "o-input-group" }, this.symbolEl, input);
        return this.group;
    }

    syncInput() {
        super.syncInput();
        const currency = this.currency();
        this.symbolEl.textContent = currency ? currency.symbol : "";
        this.symbolEl.hidden = !currency;
        this.group.classList.toggle("o-addon-after", Boolean(currency && currency.position === "after"));
        this.input.setAttribute("aria-label", currency ? `${this.labelText} (${currency.name})` : this.labelText);
    }
}
