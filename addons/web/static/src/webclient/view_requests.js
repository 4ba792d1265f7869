/**
 * Which views a window action opens, as ``get_views`` wants them: ``[[view_id or false, type], ...]``
 * in the action's order, a form always, and the search view last. boot.js and window_action.js
 * both use it, so the views boot.js asks for early are the very ones the client needs.
 */

export const VIEW_TYPES = ["list", "kanban", "form"];

/** What the client needs to know of every field of a model (fields_get ``attributes``). */
export const FIELD_ATTRIBUTES = ["type", "string", "store", "groupable", "sortable", "selection", "relation", "readonly"];

export function viewRequests(action) {
    const views = (action.views || [[false, "list"], [false, "form"]])
        .map(([id, type]) => [id || false, type === "tree" ? "list" : type])
        .filter(([, type]) => VIEW_TYPES.includes(type));
    if (!views.some(([, type]) => type === "form")) {
        views.push([false, "form"]);
    }
    const search = Array.isArray(action.search_view_id) ? action.search_view_id[0] : action.search_view_id;
    return [...views, [search || false, "search"]];
}

/** The cache key of a get_views answer (view_loader.js and boot.js share it). */
export function viewsKey(model, views, actionId) {
    return JSON.stringify([model, views, actionId || false]);
}
