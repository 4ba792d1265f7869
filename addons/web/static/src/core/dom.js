/**
 * Building DOM safely: every piece of data goes in through textContent, attributes or
 * properties, never through innerHTML, so a value can never become markup.
 *
 *     h("button", { class: "o-btn", on: { click: save }, attrs: { "aria-label": "Save" } }, "Save")
 */

let lastId = 0;

/** A page-unique id for label/aria wiring ("o-3-name"). */
export function uniqueId(prefix = "o") {
    lastId += 1;
    return `${prefix}-${lastId}`;
}

function classNames(value) {
    if (!value) {
        return "";
    }
    if (Array.isArray(value)) {
        return value.map(classNames).filter(Boolean).join(" ");
    }
    if (typeof value === "object") {
        return Object.keys(value).filter((key) => value[key]).join(" ");
    }
    return String(value);
}

function append(element, child) {
    if (child === null || child === undefined || child === false || child === true) {
        return;
    }
    if (Array.isArray(child)) {
        for (const item of child) {
            append(element, item);
        }
    } else if (child instanceof Node) {
        element.appendChild(child);
    } else {
        element.appendChild(document.createTextNode(String(child)));
    }
}

/**
 * Create an element. ``props``: ``class`` (string, array or {name: bool}), ``attrs`` (set with
 * setAttribute; null/false skips), ``dataset``, ``on`` (event listeners), any other key is assigned
 * as a DOM property (id, type, value, checked, disabled, hidden, title, textContent...).
 */
export function h(tag, props = {}, ...children) {
    const element = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
        if (value === undefined) {
            continue;
        }
        if (key === "class") {
            const names = classNames(value);
            if (names) {
                element.className = names;
            }
        } else if (key === "attrs") {
            for (const [name, attrValue] of Object.entries(value)) {
                if (attrValue !== null && attrValue !== undefined && attrValue !== false) {
                    element.setAttribute(name, attrValue === true ? "" : String(attrValue));
                }
            }
        } else if (key === "dataset") {
            Object.assign(element.dataset, value);
        } else if (key === "on") {
            for (const [event, handler] of Object.entries(value)) {
                element.addEventListener(event, handler);
            }
        } else if (key === "innerHTML" || key === "outerHTML") {
            throw new Error("h(): innerHTML is not allowed; build elements instead");
        } else {
            element[key] = value;
        }
    }
    append(element, children);
    return element;
}

/** Replace the children of ``element`` with ``children`` (same rules as h()). */
export function setChildren(element, ...children) {
    element.replaceChildren();
    append(element, children);
    return element;
}

/** Toggle a boolean ARIA/HTML attribute. */
export function toggleAttr(element, name, on, value = "true") {
    if (on) {
        element.setAttribute(name, value);
    } else {
        element.removeAttribute(name);
    }
}

/** An inline SVG icon from the small built-in set (paths are constants, never data). */
export function icon(name, { label = null, size = 16 } = {}) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", String(size));
    svg.setAttribute("height", String(size));
    svg.setAttribute("fill", "none");
    svg.setAttribute("stroke", "currentColor");
    svg.setAttribute("stroke-width", "2");
    svg.setAttribute("stroke-linecap", "round");
    svg.setAttribute("stroke-linejoin", "round");
    svg.setAttribute("class", "o-icon");
    if (label) {
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", label);
    } else {
        svg.setAttribute("aria-hidden", "true");
    }
    for (const d of ICONS[name] || ICONS.dot) {
        const path = document.createElementNS(ns, "path");
        path.setAttribute("d", d);
        svg.appendChild(path);
    }
    return svg;
}

const ICONS = {
    dot: ["M12 12h.01"],
    menu: ["M4 6h16", "M4 12h16", "M4 18h16"],
    apps: ["M4 4h6v6H4z", "M14 4h6v6h-6z", "M4 14h6v6H4z", "M14 14h6v6h-6z"],
    search: ["M11 19a8 8 0 1 0 0-16 8 8 0 0 0 0 16z", "M21 21l-4.35-4.35"],
    close: ["M18 6L6 18", "M6 6l12 12"],
    chevronLeft: ["M15 18l-6-6 6-6"],
    chevronRight: ["M9 18l6-6-6-6"],
    chevronDown: ["M6 9l6 6 6-6"],
    chevronUp: ["M18 15l-6-6-6 6"],
    list: ["M8 6h13", "M8 12h13", "M8 18h13", "M3 6h.01", "M3 12h.01", "M3 18h.01"],
    kanban: ["M3 3h7v18H3z", "M14 3h7v11h-7z"],
    form: ["M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z", "M14 2v6h6", "M8 13h8", "M8 17h8"],
    filter: ["M22 3H2l8 9.46V19l4 2v-8.54z"],
    layers: ["M12 2L2 7l10 5 10-5-10-5z", "M2 17l10 5 10-5", "M2 12l10 5 10-5"],
    trash: ["M3 6h18", "M19 6l-1 14a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2L5 6", "M10 11v6", "M14 11v6", "M9 6V4h6v2"],
    archive: ["M21 8v13H3V8", "M1 3h22v5H1z", "M10 12h4"],
    download: ["M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4", "M7 10l5 5 5-5", "M12 15V3"],
    upload: ["M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4", "M17 8l-5-5-5 5", "M12 3v12"],
    plus: ["M12 5v14", "M5 12h14"],
    check: ["M20 6L9 17l-5-5"],
    undo: ["M3 7v6h6", "M21 17a9 9 0 0 0-15-6.7L3 13"],
    cloud: ["M18 10h-1.26A8 8 0 1 0 9 20h9a5 5 0 0 0 0-10z"],
    copy: ["M20 9h-9a2 2 0 0 0-2 2v9a2 2 0 0 0 2 2h9a2 2 0 0 0 2-2v-9a2 2 0 0 0-2-2z",
        "M5 15H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v1"],
    gear: ["M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z",
        "M19.4 15a1.65 1.65 0 0 0 .33 1.82l.06.06a2 2 0 1 1-2.83 2.83l-.06-.06a1.65 1.65 0 0 0-2.82 1.17V21a2 2 0 1 1-4 0v-.09A1.65 1.65 0 0 0 8 19.4a1.65 1.65 0 0 0-1.82.33l-.06.06a2 2 0 1 1-2.83-2.83l.06-.06A1.65 1.65 0 0 0 4.6 15a1.65 1.65 0 0 0-1.51-1H3a2 2 0 1 1 0-4h.09A1.65 1.65 0 0 0 4.6 8a1.65 1.65 0 0 0-.33-1.82l-.06-.06a2 2 0 1 1 2.83-2.83l.06.06A1.65 1.65 0 0 0 9 4.6a1.65 1.65 0 0 0 1-1.51V3a2 2 0 1 1 4 0v.09a1.65 1.65 0 0 0 1 1.51 1.65 1.65 0 0 0 1.82-.33l.06-.06a2 2 0 1 1 2.83 2.83l-.06.06A1.65 1.65 0 0 0 19.4 9a1.65 1.65 0 0 0 1.51 1H21a2 2 0 1 1 0 4h-.09a1.65 1.65 0 0 0-1.51 1z"],
    user: ["M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2", "M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z"],
    logout: ["M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4", "M16 17l5-5-5-5", "M21 12H9"],
    external: ["M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6", "M15 3h6v6", "M10 14L21 3"],
    grip: ["M9 5h.01", "M9 12h.01", "M9 19h.01", "M15 5h.01", "M15 12h.01", "M15 19h.01"],
    image: ["M19 3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2z", "M8.5 10a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3z", "M21 15l-5-5L5 21"],
    alert: ["M12 9v4", "M12 17h.01", "M10.29 3.86L1.82 18a2 2 0 0 0 1.71 3h16.94a2 2 0 0 0 1.71-3L13.71 3.86a2 2 0 0 0-3.42 0z"],
    info: ["M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20z", "M12 16v-4", "M12 8h.01"],
    bold: ["M6 4h8a4 4 0 0 1 0 8H6z", "M6 12h9a4 4 0 0 1 0 8H6z"],
    italic: ["M19 4h-9", "M14 20H5", "M15 4L9 20"],
    underline: ["M6 3v7a6 6 0 0 0 12 0V3", "M4 21h16"],
    bulletList: ["M9 6h11", "M9 12h11", "M9 18h11", "M4 6h.01", "M4 12h.01", "M4 18h.01"],
    numberList: ["M10 6h11", "M10 12h11", "M10 18h11", "M4 6h1v4", "M4 10h2", "M6 18H4c0-1 2-2 2-3s-1-1.5-2-1"],
};
