/**
 * The first calls of the client, started while its modules are still downloading.
 *
 * The page loads this small module (one tiny import) with ``async``, so it runs as soon as it
 * is fetched: it asks for the menus and for the action the URL names, then for that action's
 * views and fields, and leaves the pending answers in ``window.nexaBoot`` for the client
 * (webclient.js, view_loader.js) to take once it has started. Those calls would otherwise wait
 * for every module of the client.
 */

import { FIELD_ATTRIBUTES, viewRequests, viewsKey } from "./webclient/view_requests.js";

function post(url, params) {
    return fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({ jsonrpc: "2.0", method: "call", id: 0, params }),
    }).then((response) => response.json());
}

const sessionData = document.getElementById("nexa-session-info");
const session = sessionData ? JSON.parse(sessionData.textContent) : {};
const context = session.user_context || {};
const action = new URLSearchParams(window.location.hash.slice(1)).get("action");

function callKw(model, method, args, kwargs) {
    return post(`/web/dataset/call_kw/${encodeURIComponent(model)}/${encodeURIComponent(method)}`, { model, method, args, kwargs });
}

const boot = {
    menus: callKw("ir.ui.menu", "load_menus", [false], { context }),
    actions: {},
    views: {},
    fields: {},
};
if (action) {
    const answer = post("/web/action/load", { action_id: /^\d+$/.test(action) ? Number(action) : action, additional_context: {} });
    boot.actions[action] = answer;
    answer.then((payload) => {
        const found = payload && payload.result;
        if (!found || found.type !== "ir.actions.act_window" || found.target === "new") {
            return;
        }
        const views = viewRequests(found);
        const actionContext = { ...context, ...(found.context && typeof found.context === "object" ? found.context : {}) };
        boot.views[viewsKey(found.res_model, views, found.id)] = callKw(found.res_model, "get_views", [],
            { views, options: { action_id: found.id || false, load_filters: false, toolbar: false }, context: actionContext });
        boot.fields[found.res_model] = callKw(found.res_model, "fields_get", [], { attributes: FIELD_ATTRIBUTES, context });
    }, () => {});
}
window.nexaBoot = boot;
