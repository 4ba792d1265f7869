"""A restricted evaluator for the Python-like expressions stored in data files and records.

Addons and administrators write small expressions that Nexa must run: ``eval="..."``
in XML data, record-rule domains such as ``[('company_id', 'in', company_ids)]``,
view modifiers, server-action code. Plain ``eval`` would hand whoever can edit a
record the whole process, so expressions go through three gates:

1. **an allow-list of syntax**, checked on the ``ast`` before anything runs:
   literals, names, attribute access, subscripts, calls, comprehensions, boolean,
   comparison, arithmetic and conditional expressions, f-strings; and in
   ``exec`` mode assignments, ``if``, ``for``, ``while`` and
   ``raise UserError(...)``/``raise ValidationError(...)``. No ``import``,
   ``lambda``, ``def``, ``class``, ``try``, ``with``, ``return``, ``del``, and no
   name or attribute starting with ``_`` (which rules out every dunder);
2. **a rewritten tree**: every attribute read goes through a guard that refuses
   private names, frame/code/generator internals, any attribute of modules,
   frames, code objects and generators, and ``str.format``/``format_map`` (whose
   format strings, like ``"{0.__class__}"``, read attributes unchecked); every
   loop iteration spends from a budget, and ``+ * ** <<`` refuse results that
   would eat the memory;
3. **a small set of builtins** (:data:`SAFE_BUILTINS`) instead of Python's.

Anything refused raises :class:`SafeEvalError` naming the construct and where it
is: ``attribute '__class__' is not allowed (line 1, column 4)``. Compiled code is
cached per source text, so a rule evaluated on every request is parsed once.

The guarantee is *containment*: no expression reaches the interpreter, the file
system or the caller's globals. Resource limits are best-effort (a string method
can still build a large string); run code from untrusted users under the worker's
memory and time limits as well.

>>> safe_eval("[('company_id', 'in', company_ids)]", {"company_ids": [1, 2]})
[('company_id', 'in', [1, 2])]
"""

from __future__ import annotations

import ast
import datetime
import functools
import operator
import textwrap
import time
import types
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any, NoReturn

from nexa.exceptions import NexaError, UserError, ValidationError, did_you_mean

#: Loop iterations (``for``, ``while``, comprehensions) one evaluation may run; also the
#: longest ``range``. Read at call time.
MAX_ITERATIONS = 1_000_000
#: Largest integer (in bits) and longest str/bytes/list/tuple that ``+ * ** <<`` may build.
MAX_INT_BITS = 1 << 16
MAX_SEQUENCE_LENGTH = 10_000_000
#: Longest source text accepted.
MAX_SOURCE_LENGTH = 100_000


class SafeEvalError(ValidationError):
    """An expression uses a forbidden construct, or failed while it ran."""

    def __init__(
        self,
        message: str,
        *,
        expression: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message, value=expression)
        self.expression = expression
        self.line = line
        self.column = column


# fmt: off
_EXPRESSION_NODES = (
    ast.Expression, ast.Constant, ast.Name, ast.Load, ast.Store, ast.List, ast.Tuple, ast.Set,
    ast.Dict, ast.Attribute, ast.Subscript, ast.Slice, ast.Starred, ast.Call, ast.keyword,
    ast.BoolOp, ast.BinOp, ast.UnaryOp, ast.Compare, ast.IfExp, ast.ListComp, ast.SetComp,
    ast.DictComp, ast.GeneratorExp, ast.comprehension, ast.JoinedStr, ast.FormattedValue,
    ast.boolop, ast.operator, ast.unaryop, ast.cmpop,
)
_STATEMENT_NODES = (
    ast.Module, ast.Expr, ast.Assign, ast.AugAssign, ast.If, ast.For, ast.While, ast.Break,
    ast.Continue, ast.Pass, ast.Raise,
)
_CONSTANT_TYPES = (str, bytes, int, float, complex, bool, type(None), type(Ellipsis))
_RAISABLE = frozenset({"UserError", "ValidationError"})
_DESCRIPTIONS = {  # how errors name a node, when not its lower-cased class name
    "ImportFrom": "import", "FunctionDef": "def", "AsyncFunctionDef": "async def", "ClassDef": "class",
    "TryStar": "try", "AsyncWith": "async with", "AsyncFor": "async for", "Delete": "del",
    "YieldFrom": "yield from", "NamedExpr": "':='", "AnnAssign": "annotated assignment",
    "Assign": "assignment", "AugAssign": "augmented assignment", "If": "if statement",
    "For": "for loop", "While": "while loop",
}
_STATEMENTS_HINT = "statements only run in server-action code (safe_exec)"
#: Attributes without a leading underscore that still lead out of the sandbox (with
#: ``format``/``format_map`` of strings, see :func:`_attribute_refusal`).
UNSAFE_ATTRIBUTES = frozenset({
    "mro", "f_back", "f_builtins", "f_code", "f_globals", "f_locals",
    "f_trace", "func_code", "func_globals", "co_code", "gi_code", "gi_frame", "gi_yieldfrom",
    "cr_await", "cr_code", "cr_frame", "cr_origin", "ag_await", "ag_code", "ag_frame", "tb_frame",
    "tb_next",
})
_OPAQUE_TYPES = (
    types.ModuleType, types.FrameType, types.CodeType, types.TracebackType, types.GeneratorType,
    types.CoroutineType, types.AsyncGeneratorType,
)
_GUARDED_OPS: dict[type[ast.operator], tuple[str, Callable[[Any, Any], Any]]] = {
    ast.Add: ("+", operator.add), ast.Mult: ("*", operator.mul), ast.Pow: ("**", operator.pow),
    ast.LShift: ("<<", operator.lshift),
}
# fmt: on
_OPS_BY_SYMBOL = dict(_GUARDED_OPS.values())
_GETATTR, _BINOP, _TICK = "_nexa_getattr_", "_nexa_binop_", "_nexa_tick_"
_AUGITEM, _SLICE = "_nexa_augitem_", "_nexa_slice_"


def _attribute_refusal(obj: Any, name: str) -> str | None:
    """Why reading ``obj.name`` could lead out of the sandbox, or None when it cannot.

    ``str.format``/``format_map`` are refused because their format strings
    (``"{0.__class__}"``) read attributes without passing through this guard.
    """
    if name.startswith("_"):
        return "names starting with '_' are private"
    if name in UNSAFE_ATTRIBUTES:
        return "it leads to interpreter internals"
    if isinstance(obj, _OPAQUE_TYPES):
        return f"{type(obj).__name__} objects are opaque; put the values you need in the context"
    if name in ("format", "format_map") and (
        isinstance(obj, str) or (isinstance(obj, type) and issubclass(obj, str))
    ):
        return "format strings can read private attributes; use an f-string or '%' instead"
    return None


def _where(line: int | None, column: int | None) -> str:
    return f" (line {line}, column {column})" if line else ""


class _Guard(ast.NodeTransformer):
    """Checks every node against the allow-list and rewrites the ones guarded at run time."""

    def __init__(self, source: str, mode: str) -> None:
        self.source = source
        self.allowed = _EXPRESSION_NODES + (_STATEMENT_NODES if mode == "exec" else ())

    def fail(self, what: str, node: ast.AST, hint: str = "", *, column: int | None = None) -> NoReturn:
        line = getattr(node, "lineno", None)
        column = column if column is not None else getattr(node, "col_offset", -1) + 1
        message = f"{what} is not allowed{_where(line, column)}" + (f": {hint}" if hint else "")
        raise SafeEvalError(message, expression=self.source, line=line, column=column)

    def visit(self, node: ast.AST) -> Any:
        if not isinstance(node, self.allowed):
            name = type(node).__name__
            hint = _STATEMENTS_HINT if isinstance(node, _STATEMENT_NODES) else ""
            self.fail(_DESCRIPTIONS.get(name, name.lower()), node, hint)
        return super().visit(node)

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if node.id.startswith("_") and node.id != "_":  # a lone "_" is the usual throwaway name
            self.fail(f"name {node.id!r}", node, "names starting with '_' are private")
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        if not isinstance(node.value, _CONSTANT_TYPES):
            self.fail(f"constant {node.value!r}", node)
        return node

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        line, column = node.end_lineno, (node.end_col_offset or 0) - len(node.attr) + 1
        constant = node.value.value if isinstance(node.value, ast.Constant) else None
        refusal = _attribute_refusal(constant, node.attr)
        if refusal:
            self.fail(f"attribute {node.attr!r}", node, refusal, column=column)
        if not isinstance(node.ctx, ast.Load):
            self.fail(
                f"assigning to attribute {node.attr!r}",
                node,
                "change records with record.write({...})",
                column=column,
            )
        call = ast.Call(
            ast.Name(_GETATTR, ast.Load()),
            [self.visit(node.value), ast.Constant(node.attr), ast.Constant(line), ast.Constant(column)],
            [],
        )
        return ast.copy_location(call, node)

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        if type(node.op) not in _GUARDED_OPS:
            return node
        symbol = ast.Constant(_GUARDED_OPS[type(node.op)][0])
        return ast.copy_location(
            ast.Call(ast.Name(_BINOP, ast.Load()), [symbol, node.left, node.right], []), node
        )

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.AST:
        self.generic_visit(node)
        if type(node.op) not in _GUARDED_OPS:
            return node
        symbol = ast.Constant(_GUARDED_OPS[type(node.op)][0])
        target = node.target
        if isinstance(target, ast.Subscript):  # d[k] += v: evaluate d and k once, as Python does
            key = target.slice
            if isinstance(key, ast.Slice):
                parts = [part or ast.Constant(None) for part in (key.lower, key.upper, key.step)]
                key = ast.Call(ast.Name(_SLICE, ast.Load()), parts, [])
            call = ast.Call(ast.Name(_AUGITEM, ast.Load()), [target.value, key, symbol, node.value], [])
            return ast.copy_location(ast.Expr(call), node)
        if not isinstance(target, ast.Name):
            self.fail(f"augmented assignment to {type(target).__name__.lower()}", node)
        operand = ast.Name(target.id, ast.Load())
        value = ast.Call(ast.Name(_BINOP, ast.Load()), [symbol, operand, node.value], [])
        return ast.copy_location(ast.Assign([target], value), node)

    def visit_comprehension(self, node: ast.comprehension) -> ast.AST:
        if node.is_async:
            self.fail("async comprehension", node.target)
        self.generic_visit(node)
        node.ifs.insert(0, ast.Call(ast.Name(_TICK, ast.Load()), [], []))
        return node

    def visit_For(self, node: ast.For | ast.While) -> ast.AST:
        self.generic_visit(node)
        node.body.insert(0, ast.Expr(ast.Call(ast.Name(_TICK, ast.Load()), [], [])))
        return node

    visit_While = visit_For

    def visit_Raise(self, node: ast.Raise) -> ast.AST:
        exc = node.exc
        if (
            node.cause is not None
            or not isinstance(exc, ast.Call)
            or not isinstance(exc.func, ast.Name)
            or exc.func.id not in _RAISABLE
        ):
            self.fail("this raise", node, "only raise UserError(...) or ValidationError(...)")
        return self.generic_visit(node)


@functools.lru_cache(maxsize=1024)
def compile_safe(source: str, mode: str = "eval") -> types.CodeType:
    """Check ``source`` against the allow-list and compile it (cached per source and mode).

    Raises :class:`SafeEvalError` for a forbidden construct or a syntax error;
    data loaders call it at install time to report bad expressions early.
    """
    if mode not in ("eval", "exec"):
        hint = did_you_mean(mode, ["eval", "exec"], bare=True, otherwise="use 'eval' or 'exec'")
        raise SafeEvalError(f"Unknown safe_eval mode {mode!r}: {hint}", expression=source)
    if not isinstance(source, str):
        raise SafeEvalError(f"expected the expression as text, not {type(source).__name__}: {source!r}")
    if len(source) > MAX_SOURCE_LENGTH:
        raise SafeEvalError(
            f"expression of {len(source)} characters is longer than the {MAX_SOURCE_LENGTH} allowed",
            expression=source[:200],
        )
    text = source.strip() if mode == "eval" else textwrap.dedent(source)
    try:
        tree = _Guard(source, mode).visit(ast.parse(text, "<safe_eval>", mode))
        return compile(ast.fix_missing_locations(tree), "<safe_eval>", mode, dont_inherit=True)
    except SyntaxError as exc:
        if mode == "eval":
            _explain_statement(text, source)
        where = _where(exc.lineno, exc.offset)
        raise SafeEvalError(
            f"invalid syntax{where}: {exc.msg}", expression=source, line=exc.lineno, column=exc.offset
        ) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise SafeEvalError(
            f"expression cannot be compiled: {exc or 'too deeply nested'}", expression=source
        ) from None


def _explain_statement(text: str, source: str) -> None:
    """Raise the guard's error when ``text``, invalid as an expression, is a statement."""
    try:
        statement = ast.parse(text, "<safe_eval>", "exec").body[0]
    except (SyntaxError, ValueError, RecursionError, MemoryError, IndexError):
        return
    _Guard(source, "eval").visit(statement)


def safe_eval(expr: str, context: Mapping[str, Any] | None = None, *, mode: str = "eval") -> Any:
    """Evaluate ``expr`` with the names of ``context`` and :data:`SAFE_BUILTINS`.

    ``mode="eval"`` returns the value of one expression and leaves ``context``
    alone. ``mode="exec"`` runs statements and returns None; when ``context`` is a
    mutable mapping the names the code assigned are written back into it, which
    is how server actions hand results (``action = {...}``) to their caller.

    :class:`UserError` (and its subclasses) raised by the code or by functions of
    the context propagate unchanged, as do other Nexa errors; any other failure
    becomes a :class:`SafeEvalError` chained to the original exception.
    """
    code = compile_safe(expr, mode)
    namespace = _namespace(expr, context)
    try:
        result = eval(code, namespace)  # the code was checked and rewritten by compile_safe
    except NexaError:
        raise
    except NameError as exc:
        name = getattr(exc, "name", None) or str(exc)
        known = [key for key in (*namespace, *SAFE_BUILTINS) if not key.startswith("_")]
        hint = did_you_mean(name, known, bare=True, otherwise="only the context and safe builtins exist")
        raise SafeEvalError(f"name {name!r} is not defined; {hint}", expression=expr) from exc
    except Exception as exc:
        raise SafeEvalError(
            f"{type(exc).__name__} while evaluating {expr.strip()!r}: {exc}", expression=expr
        ) from exc
    if mode == "exec" and isinstance(context, MutableMapping):
        context.update((key, value) for key, value in namespace.items() if not key.startswith("_"))
    return result


def safe_exec(code: str, context: dict[str, Any]) -> None:
    """Run server-action ``code``; the names it assigns end up in ``context``."""
    safe_eval(code, context, mode="exec")


def _namespace(expr: str, context: Mapping[str, Any] | None) -> dict[str, Any]:
    """The globals of one run: the context, the builtins and this run's guards."""
    budget = [MAX_ITERATIONS]

    def tick() -> bool:
        budget[0] -= 1
        if budget[0] < 0:
            raise SafeEvalError(
                f"more than {MAX_ITERATIONS} loop iterations: is a loop endless?", expression=expr
            )
        return True

    def getattr_(obj: Any, name: str, line: int, column: int) -> Any:
        refusal = _attribute_refusal(obj, name)
        if refusal:
            raise SafeEvalError(
                f"attribute {name!r} of {type(obj).__name__} objects is not allowed"
                f"{_where(line, column)}: {refusal}",
                expression=expr,
                line=line,
                column=column,
            )
        return getattr(obj, name)

    def binop(symbol: str, left: Any, right: Any) -> Any:
        if _too_large(symbol, left, right):
            raise SafeEvalError(
                f"{type(left).__name__} {symbol} {type(right).__name__} would build a "
                "value too large to evaluate safely",
                expression=expr,
            )
        return _OPS_BY_SYMBOL[symbol](left, right)

    def augitem(container: Any, key: Any, symbol: str, value: Any) -> None:
        container[key] = binop(symbol, container[key], value)

    guards = {_GETATTR: getattr_, _BINOP: binop, _TICK: tick, _AUGITEM: augitem, _SLICE: slice}
    return {**(context or {}), **guards, "__builtins__": dict(SAFE_BUILTINS)}


def _too_large(symbol: str, left: Any, right: Any) -> bool:
    """Tell whether ``left symbol right`` would exceed the size limits, without computing it."""
    sequences = (str, bytes, list, tuple)
    ints = isinstance(left, int) and isinstance(right, int)
    if symbol == "**":
        return ints and right > 0 and abs(left) > 1 and left.bit_length() * right > MAX_INT_BITS
    if symbol == "<<":
        return ints and left != 0 and left.bit_length() + right > MAX_INT_BITS
    if symbol == "+":
        return (
            isinstance(left, sequences)
            and isinstance(right, sequences)
            and len(left) + len(right) > MAX_SEQUENCE_LENGTH
        )
    if ints:
        return left.bit_length() + right.bit_length() > MAX_INT_BITS
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, sequences) and isinstance(count, int):
            return len(sequence) * count > MAX_SEQUENCE_LENGTH
    return False


def _bounded_range(*args: int) -> range:
    """``range``, refusing more items than one evaluation may iterate over."""
    result = range(*args)
    try:
        too_long = len(result) > MAX_ITERATIONS
    except OverflowError:
        too_long = True
    if too_long:
        raise SafeEvalError(f"range{args} is longer than the {MAX_ITERATIONS} items allowed")
    return result


def _internal_import(name: str, *args: Any, **kwargs: Any) -> types.ModuleType:
    """``__import__`` for C code only: ``datetime.strftime`` and ``strptime`` import ``time``
    and ``_strptime`` through the running frame's builtins. Expressions cannot name it."""
    if name not in ("time", "_strptime"):
        raise ImportError(f"importing {name!r} is not allowed in safe expressions")
    return __import__(name, *args, **kwargs)


# fmt: off
#: ``time`` as expressions see it: the read-only functions, without ``sleep``.
SAFE_TIME = types.SimpleNamespace(
    time=time.time, strftime=time.strftime, strptime=time.strptime, gmtime=time.gmtime,
    localtime=time.localtime, mktime=time.mktime,
)

#: The only builtins expressions see (copied into each run's globals).
SAFE_BUILTINS: Mapping[str, Any] = types.MappingProxyType({
    "True": True, "False": False, "None": None, "abs": abs, "all": all, "any": any, "bool": bool,
    "dict": dict, "enumerate": enumerate, "filter": filter, "float": float, "int": int, "len": len,
    "list": list, "map": map, "max": max, "min": min, "range": _bounded_range, "reversed": reversed,
    "round": round, "set": set, "sorted": sorted, "str": str, "sum": sum, "tuple": tuple, "zip": zip,
    "isinstance": isinstance, "datetime": datetime.datetime, "date": datetime.date,
    "timedelta": datetime.timedelta, "time": SAFE_TIME, "UserError": UserError,
    "ValidationError": ValidationError, "__import__": _internal_import,
})
# fmt: on
