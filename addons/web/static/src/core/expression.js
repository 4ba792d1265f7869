/**
 * The modifier language, browser side.
 *
 * Modifiers (invisible, readonly, required, column_invisible) are evaluated here on
 * every change and on the server (nexa/views/expression.py) when it must know
 * whether a field may be written; both must give the same answer on the same
 * values. This file mirrors the Python module function by function, by hand (no
 * eval, no Function, no library), and both are checked against one shared table
 * (tests/views/expression_cases.json). docs/views.md gives the exact semantics:
 * Python's, except that tuples are lists, ordering or membership between values
 * of different kinds is false, + - * / % only take numbers (+ also joins two
 * strings or two lists), and an unknown name, a division by zero or a
 * non-finite result throws an EvaluationError.
 *
 * Columns are 1-based and counted in code points, like Python's str indexes.
 *
 *     evaluateExpr("state not in ('done', 'cancel')", { state: "draft" })  // true
 */

export const MAX_NESTING = 60;
export const MAX_DEPTH = 200;
export const MAX_INT = 2 ** 53 - 1;
const KEYWORDS = new Set(["True", "False", "None", "and", "or", "not", "in", "if", "else"]);
const RESERVED = new Set([
    "is", "lambda", "for", "while", "def", "class", "import", "from", "as", "with", "yield", "await",
    "async", "return", "pass", "break", "continue", "del", "global", "nonlocal", "assert", "raise",
    "try", "except", "finally", "elif",
]);
const DIGITS = new Set("0123456789");
const ESCAPES = { "\\": "\\", "'": "'", '"': '"', n: "\n", t: "\t", r: "\r" };
const COMPARISONS = new Set(["==", "!=", "<", "<=", ">", ">="]);
const hasOwn = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

export class ExpressionError extends Error {
    constructor(message, { expression, column = null } = {}) {
        const where = column !== null ? ` at column ${column}` : "";
        super(`${message}${where} in expression ${JSON.stringify(expression)}`);
        this.name = "ExpressionError";
        this.reason = message;
        this.expression = expression;
        this.column = column;
    }
}

export class EvaluationError extends ExpressionError {
    constructor(message, options) {
        super(message, options);
        this.name = "EvaluationError";
    }
}

// -- tokens and parser ---------------------------------------------------------------------------------------

function isNameChar(char, first = false) {
    return char !== undefined && (/^[A-Za-z_]$/.test(char) || (!first && DIGITS.has(char)));
}

function tokenize(text) {
    const chars = Array.from(text);
    const size = chars.length;
    const fail = (message, index) => new ExpressionError(message, { expression: text, column: index + 1 });
    const tokens = [];
    let i = 0;
    while (i < size) {
        const char = chars[i];
        const start = i;
        if (" \t\r\n".includes(char)) {
            i += 1;
        } else if (isNameChar(char, true)) {
            while (i < size && isNameChar(chars[i])) {
                i += 1;
            }
            tokens.push({ kind: "name", value: chars.slice(start, i).join(""), column: start + 1 });
        } else if (DIGITS.has(char) || (char === "." && i + 1 < size && DIGITS.has(chars[i + 1]))) {
            let isFloat = false;
            while (i < size && DIGITS.has(chars[i])) {
                i += 1;
            }
            if (i < size && chars[i] === ".") {
                isFloat = true;
                i += 1;
                while (i < size && DIGITS.has(chars[i])) {
                    i += 1;
                }
            }
            if (i < size && (chars[i] === "e" || chars[i] === "E")) {
                const j = i + 1 + (i + 1 < size && (chars[i + 1] === "+" || chars[i + 1] === "-") ? 1 : 0);
                if (j >= size || !DIGITS.has(chars[j])) {
                    throw fail("invalid number", start);
                }
                isFloat = true;
                i = j;
                while (i < size && DIGITS.has(chars[i])) {
                    i += 1;
                }
            }
            if (i < size && (isNameChar(chars[i]) || chars[i] === ".")) {
                throw fail("invalid number", start);
            }
            const literal = chars.slice(start, i).join("");
            if (!isFloat && literal.length > 1 && literal[0] === "0") {
                throw fail("leading zeros are not allowed in numbers", start);
            }
            const value = Number(literal);
            if ((isFloat && !Number.isFinite(value)) || (!isFloat && value > MAX_INT)) {
                throw fail("number too large", start);
            }
            tokens.push({ kind: "num", value, column: start + 1 });
        } else if (char === "'" || char === '"') {
            const parts = [];
            i += 1;
            for (;;) {
                if (i >= size || chars[i] === "\r" || chars[i] === "\n") {
                    throw fail("unterminated string", start);
                }
                if (chars[i] === char) {
                    i += 1;
                    break;
                }
                if (chars[i] === "\\") {
                    if (i + 1 >= size) {
                        throw fail("unterminated string", start);
                    }
                    if (!hasOwn(ESCAPES, chars[i + 1])) {
                        throw fail("unsupported escape sequence (use \\\\ \\' \\\" \\n \\t or \\r)", i);
                    }
                    parts.push(ESCAPES[chars[i + 1]]);
                    i += 2;
                } else {
                    parts.push(chars[i]);
                    i += 1;
                }
            }
            tokens.push({ kind: "str", value: parts.join(""), column: start + 1 });
        } else if (["==", "!=", "<=", ">="].includes(chars.slice(i, i + 2).join(""))) {
            tokens.push({ kind: "op", value: chars.slice(i, i + 2).join(""), column: start + 1 });
            i += 2;
        } else if ("()[],.<>+-*/%".includes(char)) {
            tokens.push({ kind: "op", value: char, column: start + 1 });
            i += 1;
        } else if (char === "=") {
            throw fail("'=' is not an operator (use '==' to compare)", i);
        } else {
            throw fail(`unexpected character ${JSON.stringify(char)}`, i);
        }
    }
    tokens.push({ kind: "end", value: null, column: size + 1 });
    return tokens;
}

/** Recursive descent over the tokens, one method per precedence level (lowest first). */
class Parser {
    constructor(text) {
        this.text = text;
        this.tokens = tokenize(text);
        this.pos = 0;
        this.nesting = 0;
    }

    get tok() {
        return this.tokens[this.pos];
    }

    advance() {
        const token = this.tokens[this.pos];
        this.pos += 1;
        return token;
    }

    isOp(value) {
        return this.tok.kind === "op" && this.tok.value === value;
    }

    isKeyword(value) {
        return this.tok.kind === "name" && this.tok.value === value;
    }

    nextIsKeyword(value) {
        const following = this.tokens[this.pos + 1];
        return following.kind === "name" && following.value === value;
    }

    fail(message, token = null) {
        return new ExpressionError(message, { expression: this.text, column: (token || this.tok).column });
    }

    unexpected() {
        const token = this.tok;
        if (token.kind === "end") {
            return this.fail("unexpected end of expression");
        }
        return this.fail(`unexpected ${token.kind === "str" ? JSON.stringify(token.value) : token.value}`);
    }

    expectOp(value) {
        if (!this.isOp(value)) {
            throw this.unexpected();
        }
        this.advance();
    }

    enter(token) {
        this.nesting += 1;
        if (this.nesting > MAX_NESTING) {
            throw this.fail("expression nested too deeply", token);
        }
    }

    parse() {
        const node = this.ternary();
        if (this.tok.kind !== "end") {
            throw this.unexpected();
        }
        if (depth(node) > MAX_DEPTH) {
            throw new ExpressionError("expression too complex", { expression: this.text, column: 1 });
        }
        return node;
    }

    ternary() {
        this.enter(this.tok);
        let node = this.orTest();
        if (this.isKeyword("if")) {
            this.advance();
            const test = this.orTest();
            if (!this.isKeyword("else")) {
                throw this.unexpected();
            }
            this.advance();
            node = { type: "cond", test, body: node, orelse: this.ternary() };
        }
        this.nesting -= 1;
        return node;
    }

    orTest() {
        return this.boolOp("or", () => this.andTest());
    }

    andTest() {
        return this.boolOp("and", () => this.notTest());
    }

    boolOp(keyword, operand) {
        const operands = [operand()];
        while (this.isKeyword(keyword)) {
            this.advance();
            operands.push(operand());
        }
        return operands.length === 1 ? operands[0] : { type: "boolop", op: keyword, operands };
    }

    notTest() {
        if (!this.isKeyword("not")) {
            return this.comparison();
        }
        this.enter(this.advance());
        const node = { type: "not", operand: this.notTest() };
        this.nesting -= 1;
        return node;
    }

    comparison() {
        const first = this.arith();
        const rest = [];
        for (;;) {
            let op;
            if (this.tok.kind === "op" && COMPARISONS.has(this.tok.value)) {
                op = this.advance().value;
            } else if (this.isKeyword("in")) {
                op = this.advance().value;
            } else if (this.isKeyword("not") && this.nextIsKeyword("in")) {
                this.pos += 2;
                op = "not in";
            } else {
                break;
            }
            rest.push([op, this.arith()]);
        }
        return rest.length ? { type: "compare", first, rest } : first;
    }

    arith() {
        return this.binary(["+", "-"], () => this.term());
    }

    term() {
        return this.binary(["*", "/", "%"], () => this.unary());
    }

    binary(operators, operand) {
        let node = operand();
        while (this.tok.kind === "op" && operators.includes(this.tok.value)) {
            node = { type: "binary", op: this.advance().value, left: node, right: operand() };
        }
        return node;
    }

    unary() {
        if (this.isOp("+")) {
            throw this.fail("unary '+' is not supported");
        }
        if (!this.isOp("-")) {
            return this.primary();
        }
        this.enter(this.advance());
        const node = { type: "neg", operand: this.unary() };
        this.nesting -= 1;
        return node;
    }

    primary() {
        const token = this.tok;
        if (token.kind === "num" || token.kind === "str") {
            this.advance();
            return { type: "const", value: token.value };
        }
        if (token.kind === "name") {
            return this.name();
        }
        if (token.kind === "op" && (token.value === "(" || token.value === "[")) {
            return this.sequence();
        }
        throw this.unexpected();
    }

    name() {
        const token = this.advance();
        const word = token.value;
        if (word === "True" || word === "False" || word === "None") {
            return { type: "const", value: { True: true, False: false, None: null }[word] };
        }
        if (RESERVED.has(word)) {
            throw this.fail(`'${word}' is not supported` + (word === "is" ? " (use == or !=)" : ""), token);
        }
        if (KEYWORDS.has(word)) {
            throw this.fail(`unexpected ${word}`, token);
        }
        if (word === "parent") {
            if (!this.isOp(".")) {
                throw this.fail("'parent' must be followed by '.<field>'", token);
            }
            this.advance();
            if (this.tok.kind !== "name" || KEYWORDS.has(this.tok.value) || RESERVED.has(this.tok.value)) {
                throw this.unexpected();
            }
            return { type: "parent", name: this.advance().value };
        }
        if (word === "context" && this.isOp(".")) {
            this.advance();
            if (!this.isKeyword("get")) {
                throw this.fail("only context.get(key[, default]) is supported");
            }
            this.advance();
            return this.contextGet();
        }
        if (this.isOp(".") || this.isOp("(") || this.isOp("[")) {
            throw this.fail(
                "attributes, calls and subscripts are not supported (only parent.<field> and context.get())"
            );
        }
        return { type: "name", name: word };
    }

    contextGet() {
        const opening = this.tok;
        this.expectOp("(");
        this.enter(opening);
        const args = [];
        while (!this.isOp(")")) {
            if (args.length === 2) {
                throw this.fail("context.get() takes a key and an optional default");
            }
            args.push(this.ternary());
            if (!this.isOp(",")) {
                break;
            }
            this.advance();
        }
        if (!args.length) {
            throw this.fail("context.get() needs a key");
        }
        this.expectOp(")");
        this.nesting -= 1;
        return { type: "ctxget", key: args[0], default: args.length === 2 ? args[1] : { type: "const", value: null } };
    }

    sequence() {
        const opening = this.advance();
        const closing = opening.value === "(" ? ")" : "]";
        this.enter(opening);
        const items = [];
        let isList = opening.value === "[";
        while (!this.isOp(closing)) {
            items.push(this.ternary());
            if (!this.isOp(",")) {
                break;
            }
            this.advance();
            isList = true;
        }
        if (!items.length) {
            isList = true;
        }
        this.expectOp(closing);
        this.nesting -= 1;
        return isList ? { type: "list", items } : items[0];
    }
}

function children(node) {
    switch (node.type) {
        case "ctxget":
            return [node.key, node.default];
        case "list":
            return node.items;
        case "boolop":
            return node.operands;
        case "not":
        case "neg":
            return [node.operand];
        case "compare":
            return [node.first, ...node.rest.map(([, right]) => right)];
        case "binary":
            return [node.left, node.right];
        case "cond":
            return [node.test, node.body, node.orelse];
    }
    return [];
}

function depth(root) {
    let deepest = 0;
    const stack = [[root, 1]];
    while (stack.length) {
        const [node, level] = stack.pop();
        deepest = Math.max(deepest, level);
        for (const child of children(node)) {
            stack.push([child, level + 1]);
        }
    }
    return deepest;
}

const parsed = new Map();

/** Parse `text` into `{text, root}`; throws ExpressionError with the column of the first problem. */
export function parseExpr(text) {
    if (typeof text !== "string") {
        throw new ExpressionError("an expression must be a string", { expression: String(text) });
    }
    let expr = parsed.get(text);
    if (!expr) {
        expr = Object.freeze({ text, root: new Parser(text).parse() });
        if (parsed.size >= 2048) {
            parsed.clear();
        }
        parsed.set(text, expr);
    }
    return expr;
}

/** The names an expression reads: fields, "parent.<field>", "context", "uid"... */
export function namesOf(expr) {
    const found = new Set();
    const stack = [(typeof expr === "string" ? parseExpr(expr) : expr).root];
    while (stack.length) {
        const node = stack.pop();
        if (node.type === "name") {
            found.add(node.name);
        } else if (node.type === "parent") {
            found.add(`parent.${node.name}`);
        } else if (node.type === "ctxget") {
            found.add("context");
        }
        stack.push(...children(node));
    }
    return found;
}

// -- values and evaluation -----------------------------------------------------------------------------------

function kind(value) {
    if (typeof value === "boolean" || typeof value === "number") {
        return "number";
    }
    if (typeof value === "string") {
        return "str";
    }
    if (value === null || value === undefined) {
        return "none";
    }
    if (Array.isArray(value)) {
        return "list";
    }
    return typeof value === "object" ? "dict" : "other";
}

const num = (value) => (typeof value === "boolean" ? Number(value) : value);

/** Python truth: False, None, 0, "", [] and {} are false, everything else true. */
export function isTruthy(value) {
    switch (kind(value)) {
        case "number":
            return num(value) !== 0;
        case "str":
        case "list":
            return value.length > 0;
        case "none":
            return false;
        case "dict":
            return Object.keys(value).length > 0;
    }
    return Boolean(value);
}

/** `==`: Python equality (True == 1), with tuples and lists being the same thing. */
export function isEqual(left, right) {
    const leftKind = kind(left);
    if (leftKind !== kind(right) || leftKind === "other") {
        return leftKind === "other" && left === right;
    }
    switch (leftKind) {
        case "number":
            return num(left) === num(right);
        case "list":
            return left.length === right.length && left.every((item, index) => isEqual(item, right[index]));
        case "dict": {
            const keys = Object.keys(left);
            return (
                keys.length === Object.keys(right).length &&
                keys.every((key) => hasOwn(right, key) && isEqual(left[key], right[key]))
            );
        }
    }
    return left === right;
}

/** Python orders strings by code point; JavaScript's < compares UTF-16 units. */
function compareStrings(left, right) {
    const a = Array.from(left, (char) => char.codePointAt(0));
    const b = Array.from(right, (char) => char.codePointAt(0));
    for (let index = 0; index < Math.min(a.length, b.length); index++) {
        if (a[index] !== b[index]) {
            return a[index] < b[index] ? -1 : 1;
        }
    }
    return a.length - b.length;
}

const ORDER = {
    "<": (sign) => sign < 0,
    "<=": (sign) => sign <= 0,
    ">": (sign) => sign > 0,
    ">=": (sign) => sign >= 0,
};

function order(op, left, right) {
    const leftKind = kind(left);
    if (leftKind !== kind(right) || !["number", "str", "list"].includes(leftKind)) {
        return false;
    }
    if (leftKind === "list") {
        for (let index = 0; index < Math.min(left.length, right.length); index++) {
            if (!isEqual(left[index], right[index])) {
                return order(op, left[index], right[index]);
            }
        }
        return ORDER[op](left.length - right.length);
    }
    if (leftKind === "str") {
        return ORDER[op](compareStrings(left, right));
    }
    const [a, b] = [num(left), num(right)];
    return ORDER[op](a < b ? -1 : a > b ? 1 : 0);
}

function contains(container, item) {
    switch (kind(container)) {
        case "list":
            return container.some((element) => isEqual(item, element));
        case "str":
            return typeof item === "string" && container.includes(item);
        case "dict":
            return typeof item === "string" && hasOwn(container, item);
    }
    return false;
}

function compare(op, left, right) {
    if (op === "==" || op === "!=") {
        return isEqual(left, right) === (op === "==");
    }
    if (op === "in" || op === "not in") {
        return contains(right, left) === (op === "in");
    }
    return order(op, left, right);
}

/** Python's float modulo: the sign of the result follows the divisor. */
function pythonModulo(a, b) {
    let result = a % b;
    if (result !== 0 && (b < 0) !== (result < 0)) {
        result += b;
    }
    return result;
}

const ARITHMETIC = {
    "+": (a, b) => a + b,
    "-": (a, b) => a - b,
    "*": (a, b) => a * b,
    "/": (a, b) => a / b,
    "%": pythonModulo,
};

function arithmetic(op, left, right, text) {
    const [leftKind, rightKind] = [kind(left), kind(right)];
    if (op === "+" && leftKind === rightKind && (leftKind === "str" || leftKind === "list")) {
        return leftKind === "str" ? left + right : [...left, ...right];
    }
    if (leftKind !== "number" || rightKind !== "number") {
        throw new EvaluationError(`unsupported operand kinds for ${op}: ${leftKind} and ${rightKind}`, {
            expression: text,
        });
    }
    if ((op === "/" || op === "%") && num(right) === 0) {
        throw new EvaluationError("division by zero", { expression: text });
    }
    const result = ARITHMETIC[op](num(left), num(right));
    if (!Number.isFinite(result)) {
        throw new EvaluationError("number too large", { expression: text });
    }
    return result;
}

function lookup(values, name, text) {
    if (values !== null && typeof values === "object" && hasOwn(values, name)) {
        return values[name];
    }
    throw new EvaluationError(`unknown name '${name}'`, { expression: text });
}

function evaluateNode(node, values, text) {
    switch (node.type) {
        case "const":
            return node.value;
        case "name":
            return lookup(values, node.name, text);
        case "parent": {
            const parent = hasOwn(values, "parent") ? values.parent : undefined;
            if (kind(parent) !== "dict" || !hasOwn(parent, node.name)) {
                throw new EvaluationError(`unknown name 'parent.${node.name}'`, { expression: text });
            }
            return parent[node.name];
        }
        case "ctxget": {
            const context = lookup(values, "context", text);
            if (kind(context) !== "dict") {
                throw new EvaluationError("context is not a mapping", { expression: text });
            }
            const key = evaluateNode(node.key, values, text);
            const fallback = evaluateNode(node.default, values, text);
            return typeof key === "string" && hasOwn(context, key) ? context[key] : fallback;
        }
        case "list":
            return node.items.map((item) => evaluateNode(item, values, text));
        case "not":
            return !isTruthy(evaluateNode(node.operand, values, text));
        case "boolop": {
            let value;
            for (const operand of node.operands) {
                value = evaluateNode(operand, values, text);
                if (isTruthy(value) === (node.op === "or")) {
                    return value;
                }
            }
            return value;
        }
        case "compare": {
            let left = evaluateNode(node.first, values, text);
            for (const [op, rightNode] of node.rest) {
                const right = evaluateNode(rightNode, values, text);
                if (!compare(op, left, right)) {
                    return false;
                }
                left = right;
            }
            return true;
        }
        case "binary": {
            const left = evaluateNode(node.left, values, text);
            return arithmetic(node.op, left, evaluateNode(node.right, values, text), text);
        }
        case "neg": {
            const value = evaluateNode(node.operand, values, text);
            if (kind(value) !== "number") {
                throw new EvaluationError(`unsupported operand kind for unary -: ${kind(value)}`, {
                    expression: text,
                });
            }
            return -num(value);
        }
        case "cond":
            return evaluateNode(
                isTruthy(evaluateNode(node.test, values, text)) ? node.body : node.orelse,
                values,
                text
            );
    }
    throw new TypeError(`not an expression node: ${JSON.stringify(node)}`);
}

/**
 * Evaluate `expr` (text or the result of parseExpr) on `values`: field values,
 * `parent`, `context`, `uid`... (many2one = id or false, x2many = list of ids,
 * dates = "YYYY-MM-DD" strings, empty = false).
 */
export function evaluateExpr(expr, values = {}) {
    const { text, root } = typeof expr === "string" ? parseExpr(expr) : expr;
    return evaluateNode(root, values, text);
}
