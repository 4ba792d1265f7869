/**
 * The first calls of the client, started before its modules download.
 *
 * The shell loads this small *classic* script first, parser-blocking: it runs as soon as it
 * arrives (a module would wait for its imports and for the compilation of the client's modules).
 * It asks for the menus and for the action the URL names with that action's views and fields
 * (``/web/action/boot``, one call), and leaves the pending answers in ``window.nexaBoot`` for the
 * client (webclient.js, view_loader.js, action_manager.js) to take once it has started. Only then
 * does it announce the client's modules (``<link rel="modulepreload">`` for each URL of its
 * ``data-preload``): a browser opens six connections to a server speaking HTTP/1.1, and calls made
 * after thirty module requests would wait for all of them.
 */

(() => {
    const script = document.currentScript;

    function post(url, params) {
        return fetch(url, {
            method: "POST",
            headers: { "Content-Type": "application/json", Accept: "application/json" },
            credentials: "same-origin",
            priority: "high",
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
        // the action with its views and fields, in one call: each part is left where the client looks for it,
        // views under the key of view_requests.js's viewsKey(), before the client can have the action
        const answer = post("/web/action/boot", { action_id: /^\d+$/.test(action) ? Number(action) : action, additional_context: {} })
            .then((payload) => {
                const found = payload.result;
                if (found && found.get_views) { // else not a window action, or no views: the client asks by itself
                    const { action: opened, views } = found;
                    boot.views[JSON.stringify([opened.res_model, views, opened.id || false])] = Promise.resolve({ ...payload, result: found.get_views });
                    boot.fields[opened.res_model] = Promise.resolve({ ...payload, result: found.fields });
                }
                return payload;
            });
        boot.actions[action] = answer.then((payload) => (payload.error ? payload : { ...payload, result: payload.result.action }));
    }
    window.nexaBoot = boot;
    for (const url of (script?.dataset.preload || "").split(" ").filter(Boolean)) {
        const link = document.createElement("link");
        link.rel = "modulepreload";
        link.href = url;
        document.head.appendChild(link);
    }
})();
