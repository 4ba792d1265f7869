/**
 * Showing stored HTML (html fields) without ever inserting markup into the page.
 *
 * The value is parsed into an inert document (DOMParser: nothing runs, nothing loads), then
 * copied element by element with createElement, keeping only an allow-list of tags and
 * attributes; links keep http(s)/mailto targets only. Whatever is not allowed becomes its text.
 *
 *     editor.replaceChildren(sanitizedFragment(record.values.body));
 */

const TAGS = new Set([
    "p", "br", "b", "strong", "i", "em", "u", "s", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "code", "pre", "span", "div", "a", "hr", "table", "thead", "tbody", "tr", "th", "td", "sub", "sup",
]);
const DROPPED = new Set(["script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "math"]);
const SAFE_URL = /^(https?:|mailto:|#|\/(?!\/))/i;

function copyChildren(source, target, depth) {
    if (depth > 40) {
        return;
    }
    for (const node of source.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) {
            target.appendChild(document.createTextNode(node.textContent));
        } else if (node.nodeType === Node.ELEMENT_NODE) {
            const tag = node.tagName.toLowerCase();
            if (DROPPED.has(tag)) {
                continue;
            }
            if (!TAGS.has(tag)) {
                copyChildren(node, target, depth + 1);
                continue;
            }
            const copy = document.createElement(tag);
            if (tag === "a") {
                const href = (node.getAttribute("href") || "").trim();
                if (SAFE_URL.test(href)) {
                    copy.setAttribute("href", href);
                    copy.setAttribute("rel", "noopener noreferrer");
                    copy.setAttribute("target", "_blank");
                }
            }
            if ((tag === "td" || tag === "th") && /^\d{1,2}$/.test(node.getAttribute("colspan") || "")) {
                copy.setAttribute("colspan", node.getAttribute("colspan"));
            }
            copyChildren(node, copy, depth + 1);
            target.appendChild(copy);
        }
    }
}

/** A DocumentFragment holding the allowed part of ``html`` (built, never parsed into the page). */
export function sanitizedFragment(html) {
    const fragment = document.createDocumentFragment();
    if (!html) {
        return fragment;
    }
    const doc = new DOMParser().parseFromString(String(html), "text/html");
    copyChildren(doc.body, fragment, 0);
    return fragment;
}

/** The allowed HTML of an element the user edited (what the html field saves). */
export function serializeSanitized(element) {
    const container = document.createElement("div");
    copyChildren(element, container, 0);
    const text = container.textContent.trim();
    if (!text && !container.querySelector("hr, br + *")) {
        return false;
    }
    return container.innerHTML; // reading our own, rebuilt elements: serialization, not injection
}
