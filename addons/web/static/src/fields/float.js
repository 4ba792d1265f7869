/** float fields: decimals, shown with the field's precision (``digits``, 2 by default). */

import { formatFloat } from "../core/format.js";
import { NumberField } from "./number.js";

export class FloatField extends NumberField {
    static className = "o-field-float";

    editText(value) {
        if (value === false || value === null || value === undefined) {
            return "";
        }
        const digits = Array.isArray(this.field.digits) ? this.field.digits[1] : 2;
        return formatFloat(value, null, { digits, grouping: false });
    }
}
