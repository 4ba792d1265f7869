/**
 * The model API over /web/dataset/call_kw, with the user's context added to every call.
 *
 *     const orm = new Orm(rpc, session.user_context);
 *     const partners = await orm.searchRead("res.partner", [["is_company", "=", true]], ["name"]);
 *
 * ``supports(model, method)`` tells whether the server has a method the client can live without
 * (``read_group``, ``onchange``): the first "does not exist" answer switches it off for the session.
 */

import { RpcError } from "./rpc.js";

export class Orm {
    constructor(rpc, userContext = {}) {
        this.rpc = rpc;
        this.userContext = { ...userContext };
        this.missing = new Set();
    }

    /** call_kw ``model.method(*args, **kwargs)`` with the user context under the given one. */
    call(model, method, args = [], kwargs = {}, { silent = false } = {}) {
        const context = { ...this.userContext, ...(kwargs.context || {}) };
        return this.rpc.call(
            `/web/dataset/call_kw/${encodeURIComponent(model)}/${encodeURIComponent(method)}`,
            { model, method, args, kwargs: { ...kwargs, context } },
            { silent },
        );
    }

    supports(model, method) {
        return !this.missing.has(`${model}.${method}`) && !this.missing.has(`*.${method}`);
    }

    /** Call an optional method; resolves to ``fallback()`` when the server does not have it. */
    async callOptional(model, method, args, kwargs, fallback) {
        if (this.supports(model, method)) {
            try {
                return await this.call(model, method, args, kwargs);
            } catch (error) {
                if (!(error instanceof RpcError) || !error.isMissingMethod) {
                    throw error;
                }
                this.missing.add(`*.${method}`);
            }
        }
        return fallback();
    }

    searchRead(model, domain, fields, { offset = 0, limit = false, order = "", context = {} } = {}) {
        const kwargs = { domain, fields, offset, context };
        if (limit) {
            kwargs.limit = limit;
        }
        if (order) {
            kwargs.order = order;
        }
        return this.call(model, "search_read", [], kwargs);
    }

    searchCount(model, domain, { context = {} } = {}) {
        return this.call(model, "search_count", [domain], { context });
    }

    search(model, domain, { offset = 0, limit = false, order = "", context = {} } = {}) {
        const kwargs = { offset, context };
        if (limit) {
            kwargs.limit = limit;
        }
        if (order) {
            kwargs.order = order;
        }
        return this.call(model, "search", [domain], kwargs);
    }

    read(model, ids, fields, { context = {} } = {}) {
        return ids.length ? this.call(model, "read", [ids, fields], { context }) : Promise.resolve([]);
    }

    create(model, values, { context = {} } = {}) {
        return this.call(model, "create", [values], { context });
    }

    write(model, ids, values, { context = {} } = {}) {
        return this.call(model, "write", [ids, values], { context });
    }

    unlink(model, ids, { context = {} } = {}) {
        return this.call(model, "unlink", [ids], { context });
    }

    copy(model, id, { context = {} } = {}) {
        return this.call(model, "copy", [id], { context });
    }

    nameSearch(model, name, { domain = [], limit = 8, context = {} } = {}) {
        return this.call(model, "name_search", [], { name, args: domain, operator: "ilike", limit, context });
    }

    nameCreate(model, name, { context = {} } = {}) {
        return this.call(model, "name_create", [name], { context });
    }

    defaultGet(model, fields, { context = {} } = {}) {
        return this.call(model, "default_get", [fields], { context });
    }
}
