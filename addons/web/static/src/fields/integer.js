/** integer fields: whole numbers, shown with digit grouping when read-only. */

import { NumberField } from "./number.js";

export class IntegerField extends NumberField {
    static className = "o-field-integer";
    static integer = true;
}
