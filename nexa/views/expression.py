"""The modifier language: one small, safe expression language for server and browser.

Modifiers (``invisible``, ``readonly``, ``required``, ``column_invisible``) are
evaluated by the web client on every change and by the server when it must know
whether a field may be written. Both sides must agree on every input, so the
language is deliberately small and its semantics are fixed here, implemented
twice by hand (this module and ``addons/web/static/src/core/expression.js``,
which mirrors it function by function) and checked against one shared table of
cases (``tests/views/expression_cases.json``). ``docs/views.md`` is the
reference; in short:

* syntax: a subset of Python expressions: literals (``'str'``, ``1``, ``1.5``,
  ``True``, ``False``, ``None``, ``[...]``, ``(...)``), names, ``parent.<name>``,
  ``context.get(key[, default])``, ``not``/``and``/``or``, comparisons (chains
  allowed) ``== != < <= > >= in, not in``, ``+ - * / %``, unary ``-`` and
  ``x if c else y``;
* results are Python's, except that tuples are lists, ordering or membership
  between values of different kinds is ``False`` instead of a ``TypeError``,
  ``+ - * / %`` only take numbers (``+`` also joins two strings or two lists),
  and an unknown name, a division by zero or a non-finite result is an
  :class:`EvaluationError`.

Example::

    >>> evaluate("state not in ('done', 'cancel') and amount > 0", {"state": "draft", "amount": 3})
    True
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from nexa.exceptions import ValidationError, did_you_mean

#: Deepest nesting of parentheses, brackets, ``not`` and ``-`` accepted (each level counts 1 or 2).
MAX_NESTING = 60
#: Deepest syntax tree accepted (long ``a + b + c ...`` chains nest to the left).
MAX_DEPTH = 200
#: Largest integer literal: beyond it JavaScript numbers are no longer exact.
MAX_INT = 2**53 - 1
KEYWORDS = frozenset({"True", "False", "None", "and", "or", "not", "in", "if", "else"})
#: Python keywords that are not part of the language, refused with a clear message.
RESERVED = frozenset({
    "is", "lambda", "for", "while", "def", "class", "import", "from", "as", "with", "yield", "await",
    "async", "return", "pass", "break", "continue", "del", "global", "nonlocal", "assert", "raise",
    "try", "except", "finally", "elif",
})  # fmt: skip
#: Names a modifier may read besides the fields of its model (the caller puts them in the values).
BUILTIN_NAMES = frozenset({"context", "uid", "today", "now", "company_id", "allowed_company_ids"})
_DIGITS = "0123456789"
_ESCAPES = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "t": "\t", "r": "\r"}
_COMPARISONS = ("==", "!=", "<", "<=", ">", ">=")


class ExpressionError(ValidationError):
    """An expression is not valid (``column`` is 1-based, counted in characters)."""

    def __init__(self, message: str, *, expression: str, column: int | None = None) -> None:
        where = f" at column {column}" if column is not None else ""
        super().__init__(f"{message}{where} in expression {expression!r}", value=expression)
        self.reason = message
        self.expression = expression
        self.column = column


class EvaluationError(ExpressionError):
    """A valid expression cannot be evaluated on these values (unknown name, division by zero...)."""


# -- syntax tree -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Const:
    value: Any


@dataclass(frozen=True, slots=True)
class Name:
    name: str


@dataclass(frozen=True, slots=True)
class Parent:
    """``parent.<name>``"""

    name: str


@dataclass(frozen=True, slots=True)
class ContextGet:
    key: Node
    default: Node


@dataclass(frozen=True, slots=True)
class ListExpr:
    """Lists and tuples alike."""

    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    operand: Node


@dataclass(frozen=True, slots=True)
class BoolOp:
    """``op`` is ``"and"`` or ``"or"``."""

    op: str
    operands: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Compare:
    """``first op1 x1 op2 x2...`` (a chain)."""

    first: Node
    rest: tuple[tuple[str, Node], ...]


@dataclass(frozen=True, slots=True)
class Binary:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Neg:
    operand: Node


@dataclass(frozen=True, slots=True)
class Conditional:
    """``body if test else orelse``"""

    test: Node
    body: Node
    orelse: Node


Node = Const | Name | Parent | ContextGet | ListExpr | Not | BoolOp | Compare | Binary | Neg | Conditional


@dataclass(frozen=True, slots=True)
class Expr:
    """A parsed expression: its source text and its syntax tree."""

    text: str
    root: Node


# -- tokens and parser ---------------------------------------------------------------------------------------


class _Token(NamedTuple):
    kind: str  # "num" | "str" | "name" | "op" | "end"
    value: Any
    column: int


def _is_name_char(char: str, *, first: bool = False) -> bool:
    return char.isascii() and (char.isalpha() or char == "_" or (not first and char in _DIGITS))


def _tokenize(text: str) -> list[_Token]:
    def fail(message: str, index: int) -> ExpressionError:
        return ExpressionError(message, expression=text, column=index + 1)

    tokens: list[_Token] = []
    size, i = len(text), 0
    while i < size:
        char = text[i]
        start = i
        if char in " \t\r\n":
            i += 1
        elif _is_name_char(char, first=True):
            while i < size and _is_name_char(text[i]):
                i += 1
            tokens.append(_Token("name", text[start:i], start + 1))
        elif char in _DIGITS or (char == "." and i + 1 < size and text[i + 1] in _DIGITS):
            is_float = False
            while i < size and text[i] in _DIGITS:
                i += 1
            if i < size and text[i] == ".":
                is_float = True
                i += 1
                while i < size and text[i] in _DIGITS:
                    i += 1
            if i < size and text[i] in "eE":
                j = i + 1 + (i + 1 < size and text[i + 1] in "+-")
                if j >= size or text[j] not in _DIGITS:
                    raise fail("invalid number", start)
                is_float, i = True, j
                while i < size and text[i] in _DIGITS:
                    i += 1
            if i < size and (_is_name_char(text[i]) or text[i] == "."):
                raise fail("invalid number", start)
            literal = text[start:i]
            if not is_float and len(literal) > 1 and literal[0] == "0":
                raise fail("leading zeros are not allowed in numbers", start)
            value: int | float = float(literal) if is_float else int(literal)
            if (is_float and not math.isfinite(value)) or (not is_float and value > MAX_INT):
                raise fail("number too large", start)
            tokens.append(_Token("num", value, start + 1))
        elif char in "'\"":
            chars: list[str] = []
            i += 1
            while True:
                if i >= size or text[i] in "\r\n":
                    raise fail("unterminated string", start)
                if text[i] == char:
                    i += 1
                    break
                if text[i] == "\\":
                    if i + 1 >= size:
                        raise fail("unterminated string", start)
                    if text[i + 1] not in _ESCAPES:
                        raise fail("unsupported escape sequence (use \\\\ \\' \\\" \\n \\t or \\r)", i)
                    chars.append(_ESCAPES[text[i + 1]])
                    i += 2
                else:
                    chars.append(text[i])
                    i += 1
            tokens.append(_Token("str", "".join(chars), start + 1))
        elif text[i : i + 2] in ("==", "!=", "<=", ">="):
            tokens.append(_Token("op", text[i : i + 2], start + 1))
            i += 2
        elif char in "()[],.<>+-*/%":
            tokens.append(_Token("op", char, start + 1))
            i += 1
        elif char == "=":
            raise fail("'=' is not an operator (use '==' to compare)", i)
        else:
            raise fail(f"unexpected character {char!r}", i)
    tokens.append(_Token("end", None, size + 1))
    return tokens


class _Parser:
    """Recursive descent over the tokens, one method per precedence level (lowest first)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.pos = 0
        self.nesting = 0

    # token access
    @property
    def tok(self) -> _Token:
        return self.tokens[self.pos]

    def advance(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def is_op(self, value: str) -> bool:
        return self.tok.kind == "op" and self.tok.value == value

    def is_keyword(self, value: str) -> bool:
        return self.tok.kind == "name" and self.tok.value == value

    def _next_is_keyword(self, value: str) -> bool:
        following = self.tokens[self.pos + 1]
        return following.kind == "name" and following.value == value

    def fail(self, message: str, token: _Token | None = None) -> ExpressionError:
        return ExpressionError(message, expression=self.text, column=(token or self.tok).column)

    def unexpected(self) -> ExpressionError:
        token = self.tok
        if token.kind == "end":
            return self.fail("unexpected end of expression")
        shown = repr(token.value) if token.kind == "str" else str(token.value)
        return self.fail(f"unexpected {shown}")

    def expect_op(self, value: str) -> None:
        if not self.is_op(value):
            raise self.unexpected()
        self.advance()

    def enter(self, token: _Token) -> None:
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise self.fail("expression nested too deeply", token)

    # grammar
    def parse(self) -> Node:
        node = self.ternary()
        if self.tok.kind != "end":
            raise self.unexpected()
        if _depth(node) > MAX_DEPTH:
            raise ExpressionError("expression too complex", expression=self.text, column=1)
        return node

    def ternary(self) -> Node:
        self.enter(self.tok)
        node = self.or_test()
        if self.is_keyword("if"):
            self.advance()
            test = self.or_test()
            if not self.is_keyword("else"):
                raise self.unexpected()
            self.advance()
            node = Conditional(test, node, self.ternary())
        self.nesting -= 1
        return node

    def or_test(self) -> Node:
        return self.bool_op("or", self.and_test)

    def and_test(self) -> Node:
        return self.bool_op("and", self.not_test)

    def bool_op(self, keyword: str, operand: Callable[[], Node]) -> Node:
        operands = [operand()]
        while self.is_keyword(keyword):
            self.advance()
            operands.append(operand())
        return operands[0] if len(operands) == 1 else BoolOp(keyword, tuple(operands))

    def not_test(self) -> Node:
        if not self.is_keyword("not"):
            return self.comparison()
        self.enter(self.advance())
        node = Not(self.not_test())
        self.nesting -= 1
        return node

    def comparison(self) -> Node:
        first = self.arith()
        rest: list[tuple[str, Node]] = []
        while True:
            if (self.tok.kind == "op" and self.tok.value in _COMPARISONS) or self.is_keyword("in"):
                op = self.advance().value
            elif self.is_keyword("not") and self._next_is_keyword("in"):
                self.pos += 2
                op = "not in"
            else:
                break
            rest.append((op, self.arith()))
        return Compare(first, tuple(rest)) if rest else first

    def arith(self) -> Node:
        return self.binary(("+", "-"), self.term)

    def term(self) -> Node:
        return self.binary(("*", "/", "%"), self.unary)

    def binary(self, operators: tuple[str, ...], operand: Callable[[], Node]) -> Node:
        node = operand()
        while self.tok.kind == "op" and self.tok.value in operators:
            node = Binary(self.advance().value, node, operand())
        return node

    def unary(self) -> Node:
        if self.is_op("+"):
            raise self.fail("unary '+' is not supported")
        if not self.is_op("-"):
            return self.primary()
        self.enter(self.advance())
        node = Neg(self.unary())
        self.nesting -= 1
        return node

    def primary(self) -> Node:
        token = self.tok
        if token.kind in ("num", "str"):
            self.advance()
            return Const(token.value)
        if token.kind == "name":
            return self.name()
        if token.kind == "op" and token.value in ("(", "["):
            return self.sequence()
        raise self.unexpected()

    def name(self) -> Node:
        token = self.advance()
        word = token.value
        if word in ("True", "False", "None"):
            return Const({"True": True, "False": False, "None": None}[word])
        if word in RESERVED:
            raise self.fail(f"'{word}' is not supported" + (" (use == or !=)" if word == "is" else ""), token)
        if word in KEYWORDS:
            raise self.fail(f"unexpected {word}", token)
        if word == "parent":
            if not self.is_op("."):
                raise self.fail("'parent' must be followed by '.<field>'", token)
            self.advance()
            if self.tok.kind != "name" or self.tok.value in KEYWORDS or self.tok.value in RESERVED:
                raise self.unexpected()
            return Parent(self.advance().value)
        if word == "context" and self.is_op("."):
            self.advance()
            if not self.is_keyword("get"):
                raise self.fail("only context.get(key[, default]) is supported")
            self.advance()
            return self.context_get()
        if self.is_op(".") or self.is_op("(") or self.is_op("["):
            raise self.fail("attributes, calls and subscripts are not supported (but parent.x, context.get)")
        return Name(word)

    def context_get(self) -> Node:
        opening = self.tok
        self.expect_op("(")
        self.enter(opening)
        args: list[Node] = []
        while not self.is_op(")"):
            if len(args) == 2:
                raise self.fail("context.get() takes a key and an optional default")
            args.append(self.ternary())
            if not self.is_op(","):
                break
            self.advance()
        if not args:
            raise self.fail("context.get() needs a key")
        self.expect_op(")")
        self.nesting -= 1
        return ContextGet(args[0], args[1] if len(args) == 2 else Const(None))

    def sequence(self) -> Node:
        opening = self.advance()
        closing = ")" if opening.value == "(" else "]"
        self.enter(opening)
        items: list[Node] = []
        is_list = opening.value == "["
        while not self.is_op(closing):
            items.append(self.ternary())
            if not self.is_op(","):
                break
            self.advance()
            is_list = True
        if not items:
            is_list = True
        self.expect_op(closing)
        self.nesting -= 1
        return ListExpr(tuple(items)) if is_list else items[0]


def _children(node: Node) -> tuple[Node, ...]:
    match node:
        case ContextGet(key, default):
            return (key, default)
        case ListExpr(items) | BoolOp(_, items):
            return items
        case Not(operand) | Neg(operand):
            return (operand,)
        case Compare(first, rest):
            return (first, *(right for _, right in rest))
        case Binary(_, left, right):
            return (left, right)
        case Conditional(test, body, orelse):
            return (test, body, orelse)
    return ()


def _depth(root: Node) -> int:
    deepest, stack = 0, [(root, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in _children(node))
    return deepest


@lru_cache(maxsize=2048)
def parse_expression(text: str) -> Expr:
    """Parse ``text``; raise :class:`ExpressionError` with the column of the first problem."""
    if not isinstance(text, str):
        raise ExpressionError("an expression must be a string", expression=repr(text))
    try:
        return Expr(text, _Parser(text).parse())
    except RecursionError:  # only when the caller's own stack is already deep: MAX_NESTING bounds ours
        raise ExpressionError("expression nested too deeply", expression=text, column=1) from None


def names(expr: Expr | str) -> set[str]:
    """The names ``expr`` reads: fields, ``parent.<field>``, ``context``, ``uid``..."""
    found: set[str] = set()
    stack: list[Node] = [(parse_expression(expr) if isinstance(expr, str) else expr).root]
    while stack:
        node = stack.pop()
        match node:
            case Name(name):
                found.add(name)
            case Parent(name):
                found.add(f"parent.{name}")
            case ContextGet():
                found.add("context")
        stack.extend(_children(node))
    return found


# -- values and evaluation -----------------------------------------------------------------------------------


def _kind(value: Any) -> str:
    if isinstance(value, bool | int | float):
        return "number"
    if isinstance(value, str):
        return "str"
    if value is None:
        return "none"
    if isinstance(value, list | tuple):
        return "list"
    if isinstance(value, Mapping):
        return "dict"
    return "other"


def truthy(value: Any) -> bool:
    """Python truth: False, None, 0, '', [] and {} are false, everything else true."""
    return bool(value)


def equal(left: Any, right: Any) -> bool:
    """``==``: Python equality (``True == 1``), with tuples equal to lists of the same items."""
    kind = _kind(left)
    if kind != _kind(right) or kind == "other":
        return kind == "other" and left == right
    if kind == "list":
        return len(left) == len(right) and all(equal(a, b) for a, b in zip(left, right))
    if kind == "dict":
        return left.keys() == right.keys() and all(equal(left[key], right[key]) for key in left)
    return left == right


_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}  # fmt: skip


def _order(op: str, left: Any, right: Any) -> bool:
    kind = _kind(left)
    if kind != _kind(right) or kind not in ("number", "str", "list"):
        return False
    if kind == "list":
        for a, b in zip(left, right):
            if not equal(a, b):
                return _order(op, a, b)
        return _ORDER[op](len(left), len(right))
    return _ORDER[op](left, right)


def _contains(container: Any, item: Any) -> bool:
    kind = _kind(container)
    if kind == "list":
        return any(equal(item, element) for element in container)
    if kind in ("str", "dict"):
        return isinstance(item, str) and item in container
    return False


def _compare(op: str, left: Any, right: Any) -> bool:
    if op in ("==", "!="):
        return equal(left, right) == (op == "==")
    if op in ("in", "not in"):
        return _contains(right, left) == (op == "in")
    return _order(op, left, right)


def _arithmetic(op: str, left: Any, right: Any, text: str) -> Any:
    kinds = (_kind(left), _kind(right))
    if op == "+" and kinds in (("str", "str"), ("list", "list")):
        return left + right if kinds[0] == "str" else [*left, *right]
    if kinds != ("number", "number"):
        raise EvaluationError(f"unsupported operands for {op}: {kinds[0]} and {kinds[1]}", expression=text)
    if op in ("/", "%") and right == 0:
        raise EvaluationError("division by zero", expression=text)
    result = {
        "+": operator.add,
        "-": operator.sub,
        "*": operator.mul,
        "/": operator.truediv,
        "%": operator.mod,
    }[op](left, right)
    if isinstance(result, float) and not math.isfinite(result):
        raise EvaluationError("number too large", expression=text)
    return result


def _lookup(values: Mapping[str, Any], name: str, text: str) -> Any:
    if name in values:
        return values[name]
    raise EvaluationError(f"unknown name {name!r}{did_you_mean(name, values)}", expression=text)


def _evaluate(node: Node, values: Mapping[str, Any], text: str) -> Any:
    match node:
        case Const(value):
            return value
        case Name(name):
            return _lookup(values, name, text)
        case Parent(name):
            parent = values.get("parent")
            if not isinstance(parent, Mapping) or name not in parent:
                raise EvaluationError(f"unknown name 'parent.{name}'", expression=text)
            return parent[name]
        case ContextGet(key_node, default_node):
            context = _lookup(values, "context", text)
            if not isinstance(context, Mapping):
                raise EvaluationError("context is not a mapping", expression=text)
            key = _evaluate(key_node, values, text)
            default = _evaluate(default_node, values, text)
            return context[key] if isinstance(key, str) and key in context else default
        case ListExpr(items):
            return [_evaluate(item, values, text) for item in items]
        case Not(operand):
            return not truthy(_evaluate(operand, values, text))
        case BoolOp(op, operands):
            for operand in operands:
                value = _evaluate(operand, values, text)
                if truthy(value) == (op == "or"):
                    return value
            return value
        case Compare(first, rest):
            left = _evaluate(first, values, text)
            for op, right_node in rest:
                right = _evaluate(right_node, values, text)
                if not _compare(op, left, right):
                    return False
                left = right
            return True
        case Binary(op, left_node, right_node):
            left = _evaluate(left_node, values, text)
            return _arithmetic(op, left, _evaluate(right_node, values, text), text)
        case Neg(operand):
            value = _evaluate(operand, values, text)
            if _kind(value) != "number":
                raise EvaluationError(f"unsupported operand for unary -: {_kind(value)}", expression=text)
            return -value
        case Conditional(test, body, orelse):
            return _evaluate(body if truthy(_evaluate(test, values, text)) else orelse, values, text)
    raise TypeError(f"not an expression node: {node!r}")


def evaluate(expr: Expr | str, values: Mapping[str, Any]) -> Any:
    """Evaluate ``expr`` (text or parsed) on ``values`` (field values, ``parent``, ``context``, ``uid``...).

    Values follow the wire model: many2one = id or ``False``, x2many = list of ids,
    dates = ``"YYYY-MM-DD"`` strings, empty = ``False``.
    """
    parsed = parse_expression(expr) if isinstance(expr, str) else expr
    return _evaluate(parsed.root, values, parsed.text)
