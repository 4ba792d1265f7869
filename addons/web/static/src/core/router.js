/**
 * The URL state: which action, view, record and search are on screen, in the URL's hash.
 *
 *     /web#action=12&view_type=form&id=7&menu_id=3
 *     /web#action=12&view_type=list&search={"filters":["customers"],"groupBy":["country_id"]}
 *
 * The hash alone is enough to rebuild the screen (a deep link, a reload). The breadcrumbs
 * are kept in history.state, so the browser's back and forward buttons restore them too.
 */

const NUMERIC = new Set(["id", "menu_id"]);

/** The state a hash describes: {action, model, view_type, id, menu_id, search}. */
export function parseState(hash) {
    const params = new URLSearchParams((hash || "").replace(/^#/, ""));
    const state = {};
    for (const [key, value] of params) {
        if (key === "search") {
            try {
                const parsed = JSON.parse(value);
                if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
                    state.search = parsed;
                }
            } catch {
                // a hand-edited URL with a broken search: ignore the search, keep the rest
            }
        } else if (NUMERIC.has(key)) {
            const number = Number(value);
            if (Number.isInteger(number) && number > 0) {
                state[key] = number;
            }
        } else if (key === "action") {
            state.action = /^\d+$/.test(value) ? Number(value) : value;
        } else if (value) {
            state[key] = value;
        }
    }
    return state;
}

/** The hash of a state (keys in a stable order; empty values left out). */
export function formatState(state) {
    const params = new URLSearchParams();
    for (const key of ["action", "model", "view_type", "id", "menu_id"]) {
        if (state[key] !== undefined && state[key] !== null && state[key] !== false && state[key] !== "") {
            params.set(key, String(state[key]));
        }
    }
    const search = state.search;
    if (search && Object.values(search).some((value) => Array.isArray(value) ? value.length : value)) {
        params.set("search", JSON.stringify(search));
    }
    const text = params.toString();
    return text ? `#${text}` : "";
}

export class Router extends EventTarget {
    constructor(win = window) {
        super();
        this.window = win;
        win.addEventListener("popstate", (event) => {
            this.dispatchEvent(new CustomEvent("navigate", {
                detail: { state: this.current, stack: event.state?.stack || null },
            }));
        });
    }

    get current() {
        return parseState(this.window.location.hash);
    }

    get stack() {
        return this.window.history.state?.stack || null;
    }

    /** Put ``state`` in the URL (a new history entry unless ``replace``), with the breadcrumbs. */
    push(state, { stack = null, replace = false } = {}) {
        const url = `${this.window.location.pathname}${this.window.location.search}${formatState(state)}`;
        const entry = { stack };
        if (replace || url === `${this.window.location.pathname}${this.window.location.search}${this.window.location.hash}`) {
            this.window.history.replaceState(entry, "", url);
        } else {
            this.window.history.pushState(entry, "", url);
        }
    }
}
