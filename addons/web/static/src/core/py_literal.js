/**
 * Reading the Python literals views hold: the ``domain`` and ``context`` of search filters and
 * buttons, e.g. ``[('state', '=', 'draft')]`` or ``{'group_by': 'stage_id', 'default_state': 'done'}``.
 *
 * Literals only: dicts, lists, tuples (read as arrays), strings, numbers, True/False/None, and
 * names looked up in ``scope`` (``uid``, ``active_id``...). No call, no operator but unary minus:
 * anything else throws a LiteralError, and nothing is ever evaluated as code.
 *
 *     parseLiteral("[('user_id', '=', uid)]", { uid: 2 })   // [["user_id", "=", 2]]
 */

export class LiteralError extends Error {
    constructor(message, text) {
        super(`${message} in ${JSON.stringify(text)}`);
        this.name = "LiteralError";
    }
}

const ESCAPES = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', 0: "\0" };

export function parseLiteral(text, scope = {}) {
    const source = String(text ?? "");
    let index = 0;
    const fail = (message) => {
        throw new LiteralError(`${message} at column ${index + 1}`, source);
    };
    const skip = () => {
        while (index < source.length && /\s/.test(source[index])) {
            index += 1;
        }
    };
    const expect = (char) => {
        skip();
        if (source[index] !== char) {
            fail(`expected '${char}'`);
        }
        index += 1;
    };

    function sequence(close) {
        const items = [];
        skip();
        while (source[index] !== close) {
            items.push(value());
            skip();
            if (source[index] === ",") {
                index += 1;
                skip();
            } else if (source[index] !== close) {
                fail(`expected ',' or '${close}'`);
            }
        }
        index += 1;
        return items;
    }

    function dict() {
        const result = {};
        skip();
        while (source[index] !== "}") {
            const key = value();
            if (typeof key !== "string" && typeof key !== "number") {
                fail("dict keys must be strings or numbers");
            }
            expect(":");
            result[key] = value();
            skip();
            if (source[index] === ",") {
                index += 1;
                skip();
            } else if (source[index] !== "}") {
                fail("expected ',' or '}'");
            }
        }
        index += 1;
        return result;
    }

    function string(quote) {
        let result = "";
        index += 1;
        while (index < source.length && source[index] !== quote) {
            if (source[index] === "\\") {
                const next = source[index + 1];
                result += ESCAPES[next] ?? next;
                index += 2;
            } else {
                result += source[index];
                index += 1;
            }
        }
        if (index >= source.length) {
            fail("unterminated string");
        }
        index += 1;
        return result;
    }

    function value() {
        skip();
        const char = source[index];
        if (char === undefined) {
            fail("unexpected end");
        }
        if (char === "[") {
            index += 1;
            return sequence("]");
        }
        if (char === "(") {
            index += 1;
            return sequence(")");
        }
        if (char === "{") {
            index += 1;
            return dict();
        }
        if (char === "'" || char === '"') {
            return string(char);
        }
        const number = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(source.slice(index));
        if (number) {
            index += number[0].length;
            return Number(number[0]);
        }
        if (char === "-") {
            index += 1;
            const operand = value();
            if (typeof operand !== "number") {
                fail("unary minus needs a number");
            }
            return -operand;
        }
        const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(index));
        if (name) {
            index += name[0].length;
            const word = name[0];
            if (word === "True") {
                return true;
            }
            if (word === "False") {
                return false;
            }
            if (word === "None") {
                return null;
            }
            skip();
            if (source[index] === "(" || source[index] === ".") {
                fail(`calls and attributes are not supported ('${word}')`);
            }
            if (!Object.prototype.hasOwnProperty.call(scope, word)) {
                fail(`unknown name '${word}'`);
            }
            return scope[word];
        }
        return fail(`unexpected '${char}'`);
    }

    const result = value();
    skip();
    if (index < source.length) {
        fail("unexpected text after the value");
    }
    return result;
}

/** A domain or context that may already be parsed (JSON from the server) or a literal string. */
export function toValue(raw, scope = {}, empty = []) {
    if (raw === false || raw === null || raw === undefined || raw === "") {
        return empty;
    }
    if (typeof raw !== "string") {
        return raw;
    }
    return parseLiteral(raw, scope);
}
