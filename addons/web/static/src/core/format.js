/**
 * Turning field values into text and user input back into values, per field type.
 *
 * Wire formats (as the server reads and writes them): numbers, "YYYY-MM-DD" dates,
 * "YYYY-MM-DD HH:MM:SS" datetimes in UTC, [id, name] many2ones, false for empty. Display
 * follows the user's language (user_context.lang), datetimes the browser's time zone.
 */

let locale = "en-US";

export function setLocale(lang) {
    locale = (lang || "en_US").replace("_", "-");
    try {
        new Intl.NumberFormat(locale);
    } catch {
        locale = "en-US";
    }
}

export class ParseError extends Error {
    constructor(message) {
        super(message);
        this.name = "ParseError";
    }
}

function scaleOf(field, options = {}) {
    if (options.digits !== undefined) {
        return options.digits;
    }
    if (field && Array.isArray(field.digits) && field.digits.length === 2) {
        return field.digits[1];
    }
    return 2;
}

export function formatInteger(value, { grouping = true } = {}) {
    if (value === false || value === null || value === undefined) {
        return "";
    }
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 0, useGrouping: grouping }).format(value);
}

export function formatFloat(value, field = null, options = {}) {
    if (value === false || value === null || value === undefined) {
        return "";
    }
    const digits = scaleOf(field, options);
    return new Intl.NumberFormat(locale, {
        minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: options.grouping !== false,
    }).format(value);
}

/** "$ 1,234.50" / "1,234.50 €" from a currency {symbol, position, decimal_places}. */
export function formatMonetary(value, currency = null, field = null) {
    if (value === false || value === null || value === undefined) {
        return "";
    }
    const digits = currency && Number.isInteger(currency.decimal_places) ? currency.decimal_places : scaleOf(field);
    const number = formatFloat(value, null, { digits });
    if (!currency || !currency.symbol) {
        return number;
    }
    return currency.position === "after" ? `${number}\u00a0${currency.symbol}` : `${currency.symbol}\u00a0${number}`;
}

function decimalSeparator() {
    return new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === "decimal")?.value || ".";
}

function groupSeparator() {
    return new Intl.NumberFormat(locale).formatToParts(12345).find((part) => part.type === "group")?.value || ",";
}

/** A number from user text ("1,234.5", "-3", "") in the user's locale; "" gives 0 (or false if allowEmpty). */
export function parseNumber(text, { integer = false, allowEmpty = false } = {}) {
    const raw = String(text ?? "").trim();
    if (!raw) {
        return allowEmpty ? false : 0;
    }
    const cleaned = raw.split(groupSeparator()).join("").replace(/\s|\u00a0/g, "").replace(decimalSeparator(), ".");
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cleaned)) {
        throw new ParseError(`"${raw}" is not a number`);
    }
    const number = Number(cleaned);
    if (!Number.isFinite(number)) {
        throw new ParseError(`"${raw}" is not a number`);
    }
    if (integer && !Number.isInteger(number)) {
        throw new ParseError(`"${raw}" is not a whole number`);
    }
    if (integer && Math.abs(number) > 2147483647) {
        throw new ParseError(`"${raw}" is too large for a whole-number field`);
    }
    return number;
}

/** A Date of a "YYYY-MM-DD" string (local midnight), or null. */
export function parseDateString(value) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
}

/** A Date of a "YYYY-MM-DD HH:MM:SS" UTC string, or null. */
export function parseDatetimeString(value) {
    const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(value || "");
    if (!match) {
        return null;
    }
    const [, y, mo, d, hh, mm, ss] = match;
    return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(hh), Number(mm), Number(ss || 0)));
}

export function formatDate(value) {
    const date = parseDateString(value);
    return date ? new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric" }).format(date) : "";
}

export function formatDatetime(value) {
    const date = parseDatetimeString(value);
    return date
        ? new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }).format(date)
        : "";
}

const pad = (number) => String(number).padStart(2, "0");

/** "YYYY-MM-DDTHH:MM" (local time, for <input type=datetime-local>) of a UTC wire datetime. */
export function datetimeToLocalInput(value) {
    const date = parseDatetimeString(value);
    if (!date) {
        return "";
    }
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The UTC wire datetime of a local "YYYY-MM-DDTHH:MM" input value (false when empty). */
export function localInputToDatetime(value) {
    const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value || "");
    if (!match) {
        return false;
    }
    const [, y, mo, d, hh, mm, ss] = match;
    const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(hh), Number(mm), Number(ss || 0));
    return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} `
        + `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** Today as a "YYYY-MM-DD" string in local time. */
export function todayString() {
    const now = new Date();
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The label of a selection value. */
export function selectionLabel(field, value) {
    if (value === false || value === null || value === undefined) {
        return "";
    }
    const pair = (field.selection || []).find((item) => item[0] === value);
    return pair ? pair[1] : String(value);
}

/** Bytes as "12.3 kB". */
export function formatSize(bytes) {
    if (!bytes) {
        return "";
    }
    const units = ["bytes", "kB", "MB", "GB"];
    let size = bytes;
    let unit = 0;
    while (size >= 1000 && unit < units.length - 1) {
        size /= 1000;
        unit += 1;
    }
    return `${unit ? size.toFixed(1) : size} ${units[unit]}`;
}

/** The display text of any value of a field (lists, kanban cards, read-only forms). */
export function formatValue(value, field, { currency = null } = {}) {
    if (!field) {
        return value === false || value === null || value === undefined ? "" : String(value);
    }
    switch (field.type) {
        case "integer":
            return formatInteger(value);
        case "float":
            return formatFloat(value, field);
        case "monetary":
            return formatMonetary(value, currency, field);
        case "boolean":
            return value ? "Yes" : "No";
        case "date":
            return formatDate(value);
        case "datetime":
            return formatDatetime(value);
        case "selection":
            return selectionLabel(field, value);
        case "many2one":
            return Array.isArray(value) ? String(value[1] ?? "") : "";
        case "one2many":
        case "many2many": {
            const count = Array.isArray(value) ? value.length : 0;
            return count === 1 ? "1 record" : `${count} records`;
        }
        case "binary":
        case "image":
            return value ? "File" : "";
        case "html":
            return htmlToText(value);
        default:
            return value === false || value === null || value === undefined ? "" : String(value);
    }
}

/** The text of an HTML value (parsed inertly, scripts never run, nothing inserted in the page). */
export function htmlToText(value) {
    if (!value) {
        return "";
    }
    const doc = new DOMParser().parseFromString(String(value), "text/html");
    return (doc.body.textContent || "").replace(/\s+/g, " ").trim();
}
