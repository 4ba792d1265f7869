/**
 * JSON-RPC over fetch: the only way the client talks to the server.
 *
 * Every call is an Odoo JSON-RPC envelope posted as application/json. The Rpc object is an
 * EventTarget telling the rest of the client about calls ("rpc:start", "rpc:end" with the
 * number of pending calls) and about an expired session ("session-expired"), so the loading
 * indicator and the session dialog need no coupling with the callers.
 *
 *     const rpc = new Rpc();
 *     const info = await rpc.call("/web/session/get_session_info");
 */

export const SESSION_EXPIRED_CODE = 100;

/** An error answered by the server (Odoo's {code, message, data: {name, message, ...}}). */
export class RpcError extends Error {
    constructor({ code, message, data = {} }) {
        super((data && data.message) || message || "Server error");
        this.name = "RpcError";
        this.code = code;
        this.data = data || {};
        this.exceptionName = this.data.name || "";
    }

    get isSessionExpired() {
        return this.code === SESSION_EXPIRED_CODE;
    }

    /** A user-facing error (UserError, ValidationError, AccessError...) rather than a bug. */
    get isUserError() {
        return /exceptions\.(UserError|ValidationError|AccessError|AccessDenied|MissingError)$/.test(
            this.exceptionName,
        );
    }

    get isValidationError() {
        return /exceptions\.(ValidationError|UserError)$/.test(this.exceptionName);
    }

    /** The server said the method does not exist on the model (an older server: feature off). */
    get isMissingMethod() {
        return /does not exist on the model/.test(this.message);
    }
}

/** The server could not be reached (network down, server stopped). */
export class ConnectionLostError extends Error {
    constructor(url, cause) {
        super(`The server cannot be reached (${url}): check your connection and try again`);
        this.name = "ConnectionLostError";
        this.cause = cause;
    }
}

export class Rpc extends EventTarget {
    constructor({ fetchImpl = (...args) => window.fetch(...args) } = {}) {
        super();
        this.fetch = fetchImpl;
        this.pending = 0;
        this.lastId = 0;
    }

    _emit(type, detail = {}) {
        this.dispatchEvent(new CustomEvent(type, { detail }));
    }

    /**
     * Take over a call started elsewhere (boot.js): ``payload`` resolves to the JSON-RPC answer;
     * resolves with its result or rejects like ``call``.
     */
    async adopt(payload, url = "") {
        let answer;
        try {
            answer = await payload;
        } catch (error) {
            throw new ConnectionLostError(url, error);
        }
        if (answer && answer.error) {
            const error = new RpcError(answer.error);
            if (error.isSessionExpired) {
                this._emit("session-expired", { error });
            }
            throw error;
        }
        return answer ? answer.result : undefined;
    }

    /** POST ``params`` to ``url``; resolves with the result, rejects with RpcError/ConnectionLostError. */
    async call(url, params = {}, { silent = false } = {}) {
        this.lastId += 1;
        const body = JSON.stringify({ jsonrpc: "2.0", method: "call", id: this.lastId, params });
        if (!silent) {
            this.pending += 1;
            this._emit("rpc:start", { pending: this.pending, url });
        }
        try {
            let response;
            try {
                response = await this.fetch(url, {
                    method: "POST",
                    headers: { "Content-Type": "application/json", Accept: "application/json" },
                    credentials: "same-origin",
                    body,
                });
            } catch (error) {
                throw new ConnectionLostError(url, error);
            }
            let payload;
            try {
                payload = await response.json();
            } catch (error) {
                throw new RpcError({ code: response.status, message: `Unexpected answer from ${url} (HTTP ${response.status})` });
            }
            if (payload.error) {
                const error = new RpcError(payload.error);
                if (error.isSessionExpired) {
                    this._emit("session-expired", { error });
                }
                throw error;
            }
            return payload.result;
        } finally {
            if (!silent) {
                this.pending -= 1;
                this._emit("rpc:end", { pending: this.pending, url });
            }
        }
    }
}
