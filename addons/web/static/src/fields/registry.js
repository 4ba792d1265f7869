/**
 * Which widget shows which field: the arch's ``widget`` attribute first, else the field type.
 *
 * A constant table, written out: adding a widget means importing it here (no registration at
 * import time, no global state).
 */

import { BinaryField } from "./binary.js";
import { BooleanField } from "./boolean.js";
import { CharField } from "./char.js";
import { DateField } from "./date.js";
import { DatetimeField } from "./datetime.js";
import { FloatField } from "./float.js";
import { HtmlField } from "./html.js";
import { ImageField } from "./image.js";
import { IntegerField } from "./integer.js";
import { Many2ManyTagsField } from "./many2many_tags.js";
import { Many2OneField } from "./many2one.js";
import { MonetaryField } from "./monetary.js";
import { One2ManyField } from "./one2many.js";
import { SelectionField } from "./selection.js";
import { StatusBarField } from "./statusbar.js";
import { TextField } from "./text.js";

export const BY_TYPE = Object.freeze({
    char: CharField,
    text: TextField,
    html: HtmlField,
    integer: IntegerField,
    float: FloatField,
    monetary: MonetaryField,
    boolean: BooleanField,
    date: DateField,
    datetime: DatetimeField,
    selection: SelectionField,
    many2one: Many2OneField,
    one2many: One2ManyField,
    many2many: Many2ManyTagsField,
    binary: BinaryField,
    image: ImageField,
    reference: CharField,
    json: TextField,
});

export const BY_WIDGET = Object.freeze({
    statusbar: StatusBarField,
    image: ImageField,
    many2many_tags: Many2ManyTagsField,
    email: CharField,
    url: CharField,
    phone: CharField,
    radio: SelectionField,
    html: HtmlField,
    binary: BinaryField,
    monetary: MonetaryField,
});

/** The widget class for a field (metadata from fields_get) and its arch node. */
export function widgetFor(field, node = null) {
    const widget = node && node.getAttribute("widget");
    return (widget && BY_WIDGET[widget]) || BY_TYPE[field.type] || CharField;
}
