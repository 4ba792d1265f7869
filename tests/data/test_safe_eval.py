"""The restricted evaluator: what expressions may do, what they may not, and where they fail."""

from __future__ import annotations

import ast
import datetime
import os
import types

import pytest

from nexa.data import safe_eval as safe_eval_module
from nexa.data.safe_eval import SafeEvalError, compile_safe, safe_eval, safe_exec
from nexa.exceptions import AccessError, UserError, ValidationError


class Record:
    """A stand-in for a record: public fields, a method, a private attribute."""

    def __init__(self) -> None:
        self.name = "Azure Interior"
        self.format = "A4"  # a field may be called "format": only str.format is refused
        self._secret = "hidden"

    def display(self, suffix: str = "") -> str:
        return self.name + suffix


@pytest.fixture
def small_budget(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(safe_eval_module, "MAX_ITERATIONS", 1000)
    return 1000


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("[('company_id', 'in', company_ids)]", [("company_id", "in", [1, 2])]),
        ("{'a': 1, **extra}", {"a": 1, "b": 2}),
        ("[x * 2 for x in company_ids if x > 1]", [4]),
        ("{x: str(x) for x in company_ids}", {1: "1", 2: "2"}),
        ("sorted({3, 1, 2}, reverse=True)", [3, 2, 1]),
        ("sum(x for x in range(5))", 10),
        ("1 < 2 <= 2 and not False or None", True),
        ("'yes' if company_ids else 'no'", "yes"),
        ("(1, 2, 3)[1:]", (2, 3)),
        ("f'{record.name!r:>20}'", "    'Azure Interior'"),
        ("'%s-%03d' % ('SO', 7)", "SO-007"),
        ("record.display(suffix='!')", "Azure Interior!"),
        ("record.format", "A4"),
        ("isinstance(record.name, str) and len(record.name)", 14),
        ("max(company_ids, key=abs) ** 3", 8),
        ("date(2024, 1, 31) + timedelta(days=1)", datetime.date(2024, 2, 1)),
        ("datetime(2024, 1, 1).strftime('%Y-%m')", "2024-01"),
        ("time.strftime('%Y', time.gmtime(0))", "1970"),
        ("datetime.strptime('2024-02-01', '%Y-%m-%d').date()", datetime.date(2024, 2, 1)),
        ("time.strptime('2024', '%Y').tm_year", 2024),
        ("-abs(-3) + round(2.5) + int('4') + float('0.5')", 3.5),
        ("list(zip(*[[1, 2], [3, 4]]))", [(1, 3), (2, 4)]),
        ("dict(enumerate(reversed('ab')))", {0: "b", 1: "a"}),
        ("list(map(str, filter(None, [0, 1, 2])))", ["1", "2"]),
        ("any([]) or all([])", True),
        ("'  padded  '", "  padded  "),
    ],
)
def test_allowed_expressions_evaluate(expr: str, expected: object) -> None:
    context = {"company_ids": [1, 2], "extra": {"b": 2}, "record": Record()}
    assert safe_eval(expr, context) == expected


def test_expression_with_surrounding_whitespace_from_xml_evaluates() -> None:
    assert safe_eval("\n    [(6, 0, ids)]\n  ", {"ids": [3]}) == [(6, 0, [3])]


def test_example_from_the_brief_reports_attribute_and_position() -> None:
    with pytest.raises(SafeEvalError) as caught:
        safe_eval("().__class__")
    assert str(caught.value).startswith("attribute '__class__' is not allowed (line 1, column 4)")


def test_safe_eval_error_is_a_validation_error_carrying_the_position() -> None:
    with pytest.raises(ValidationError) as caught:
        safe_eval("record._secret", {"record": Record()})
    assert (caught.value.expression, caught.value.line, caught.value.column) == ("record._secret", 1, 8)


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        ("lambda: 1", "lambda is not allowed (line 1, column 1)"),
        ("[y for y in (x := [1])]", "':=' is not allowed"),
        ("__import__('os')", "name '__import__' is not allowed (line 1, column 1)"),
        ("__builtins__", "name '__builtins__' is not allowed"),
        ("record._secret", "attribute '_secret' is not allowed"),
        ("x.gi_frame", "attribute 'gi_frame' is not allowed"),
        ("x.f_globals", "attribute 'f_globals' is not allowed"),
        ("str.mro()", "attribute 'mro' is not allowed"),
        ("'{0.__class__}'.format(1)", "attribute 'format' is not allowed (line 1, column 17)"),
        ("(yield)", "yield is not allowed"),
        ("[x async for x in y]", "async comprehension is not allowed"),
        ("f'{().__class__}'", "attribute '__class__' is not allowed"),
    ],
)
def test_forbidden_constructs_are_named_in_the_error(expr: str, message: str) -> None:
    with pytest.raises(SafeEvalError, match=message.replace("(", r"\(").replace(")", r"\)")):
        compile_safe(expr)


@pytest.mark.parametrize(
    "expr",
    [
        "().__class__.__bases__[0].__subclasses__()",
        "__import__('os').system('true')",
        "open('/etc/passwd').read()",
        "getattr(record, '_secret')",
        "vars(record)",
        "globals()",
        "type(record)",
        "eval('1')",
        "'{0.__class__}'.format(record)",
        "template.format(record)",
        "template.format_map({'r': record})",
        "str.format('{0.__class__}', record)",
        "subclass_template.format(record)",
        "map(str.format, ['{0.__class__}'], [record])",
        "[g for g in (x for x in [1])][0].gi_frame",
        "generator.gi_frame.f_back.f_globals",
        "generator.send",
        "module.system('true')",
        "module.path",
    ],
)
def test_known_escapes_are_refused(expr: str) -> None:
    context = {
        "record": Record(),
        "template": "{0.__class__}",
        "subclass_template": type("Markup", (str,), {})("{0.__class__}"),
        "generator": (x for x in [1]),
        "module": os,
    }
    with pytest.raises(SafeEvalError):
        safe_eval(expr, context)


def test_context_cannot_bring_back_the_real_builtins() -> None:
    with pytest.raises(SafeEvalError, match="name 'open' is not defined"):
        safe_eval("open", {"__builtins__": __builtins__})


def test_modules_in_the_context_are_opaque() -> None:
    with pytest.raises(SafeEvalError, match="attribute 'path' of module objects is not allowed"):
        safe_eval("os.path", {"os": os})


def test_statement_in_an_expression_points_to_safe_exec() -> None:
    with pytest.raises(SafeEvalError, match=r"assignment is not allowed \(line 1, column 1\): .*safe_exec"):
        safe_eval("x = 1")


def test_syntax_error_reports_its_position() -> None:
    with pytest.raises(SafeEvalError, match=r"invalid syntax \(line 1, column 7\): unmatched '\)'"):
        safe_eval("(1, 2))")


def test_unknown_name_suggests_the_closest_one() -> None:
    with pytest.raises(SafeEvalError, match="name 'company_id' is not defined; did you mean 'company_ids'"):
        safe_eval("company_id", {"company_ids": [1]})


def test_unknown_mode_suggests_the_closest_one() -> None:
    with pytest.raises(SafeEvalError, match="did you mean 'exec'"):
        safe_eval("1", mode="exce")


def test_runtime_failures_become_safe_eval_errors_chained_to_the_cause() -> None:
    with pytest.raises(SafeEvalError, match="ZeroDivisionError while evaluating '1 / 0'") as caught:
        safe_eval("1 / 0")
    assert isinstance(caught.value.__cause__, ZeroDivisionError)


def test_user_errors_raised_by_context_functions_propagate_unchanged() -> None:
    def deny() -> None:
        raise AccessError("not yours", model="res.partner")

    with pytest.raises(AccessError, match="not yours"):
        safe_eval("deny()", {"deny": deny})


def test_eval_leaves_the_context_untouched() -> None:
    context = {"ids": [1]}
    safe_eval("[i for i in ids]", context)
    assert context == {"ids": [1]}


def test_expression_that_is_not_text_is_refused() -> None:
    with pytest.raises(SafeEvalError, match="expected the expression as text, not bytes"):
        safe_eval(b"1 + 1")


def test_compiled_code_is_cached_per_expression() -> None:
    assert compile_safe("[('state', '=', 'draft')]") is compile_safe("[('state', '=', 'draft')]")


def test_overlong_source_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safe_eval_module, "MAX_SOURCE_LENGTH", 10)
    with pytest.raises(SafeEvalError, match="longer than the 10 allowed"):
        safe_eval("1 + 1 + 1 + 1")


def test_exec_writes_assigned_names_back_into_the_context() -> None:
    context = {"amount": 10}
    safe_exec("total = amount * 2\naction = {'type': 'ir.actions.act_window', 'total': total}", context)
    assert context["action"] == {"type": "ir.actions.act_window", "total": 20}


def test_exec_runs_loops_conditions_and_augmented_assignments() -> None:
    code = """
        totals = {'even': 0, 'odd': 0}
        for n in range(10):
            if n == 9:
                break
            elif n % 2:
                totals['odd'] += n
            else:
                totals['even'] += n
        count = 0
        while count < 3:
            count += 1
        lines = [1, 2, 3]
        lines[1:] *= 2
        for _ in range(2):
            pass
    """
    context: dict = {}
    safe_exec(code, context)
    assert (context["totals"], context["count"], context["lines"]) == (
        {"even": 20, "odd": 16},
        3,
        [1, 2, 3, 2, 3],
    )


def test_exec_raise_user_error_propagates() -> None:
    with pytest.raises(UserError, match="Set a customer first"):
        safe_exec("if not partner:\n    raise UserError('Set a customer first')", {"partner": None})


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("raise ValueError('x')", "this raise is not allowed"),
        ("raise UserError('x') from None", "this raise is not allowed"),
        ("import os", "import is not allowed"),
        ("from os import path", "import is not allowed"),
        ("def f():\n    pass", "def is not allowed"),
        ("class C:\n    pass", "class is not allowed"),
        ("try:\n    pass\nexcept Exception:\n    pass", "try is not allowed"),
        ("with x:\n    pass", "with is not allowed"),
        ("return 1", "return is not allowed"),
        ("del x", "del is not allowed"),
        ("global x", "global is not allowed"),
        ("record.name = 'x'", "assigning to attribute 'name' is not allowed (line 1, column 8)"),
        ("record.count += 1", "assigning to attribute 'count' is not allowed"),
        ("x = 1\ny = 2\nz = y.__class__", "attribute '__class__' is not allowed (line 3, column 7)"),
    ],
)
def test_exec_refuses_forbidden_statements(code: str, message: str) -> None:
    with pytest.raises(SafeEvalError, match=message.replace("(", r"\(").replace(")", r"\)")):
        compile_safe(code, "exec")


def test_endless_while_loop_exhausts_the_iteration_budget(small_budget: int) -> None:
    with pytest.raises(SafeEvalError, match="more than 1000 loop iterations"):
        safe_exec("while True:\n    pass", {})


def test_list_growing_while_iterated_exhausts_the_budget(small_budget: int) -> None:
    with pytest.raises(SafeEvalError, match="loop iterations"):
        safe_exec("items = [1]\nfor item in items:\n    items.append(item)", {})


def test_comprehension_iterations_count_against_the_budget(small_budget: int) -> None:
    with pytest.raises(SafeEvalError, match="loop iterations"):
        safe_eval("[x for x in ids for y in ids]", {"ids": list(range(100))})


def test_range_longer_than_the_budget_is_refused(small_budget: int) -> None:
    with pytest.raises(SafeEvalError, match="longer than the 1000 items allowed"):
        safe_eval("sum(range(10 ** 12))")


@pytest.mark.parametrize(
    "expr", ["9 ** 9 ** 9", "1 << 10 ** 9", "'ab' * 10 ** 9", "[0] * 10 ** 9", "(10 ** 4000) * (10 ** 20000)"]
)
def test_arithmetic_building_huge_values_is_refused(expr: str) -> None:
    with pytest.raises(SafeEvalError, match="too large to evaluate safely"):
        safe_eval(expr)


def test_doubling_a_string_in_a_loop_is_refused() -> None:
    with pytest.raises(SafeEvalError, match="str \\+ str would build a value too large"):
        safe_exec("s = 'x'\nfor _ in range(64):\n    s += s", {})


def test_modest_arithmetic_is_unaffected_by_the_size_guards() -> None:
    assert safe_eval("2 ** 100 + (1 << 10) + len('ab' * 1000) + len([0] * 10)") == 2**100 + 1024 + 2000 + 10


def test_time_exposes_no_sleep() -> None:
    with pytest.raises(SafeEvalError, match="AttributeError"):
        safe_eval("time.sleep(10)")


def test_result_may_be_a_lazy_generator_still_under_budget(small_budget: int) -> None:
    lazy = safe_eval("(x for x in ids)", {"ids": range(5000)})
    with pytest.raises(SafeEvalError, match="loop iterations"):
        list(lazy)


def test_safe_builtins_are_the_documented_allow_list() -> None:
    assert set(safe_eval_module.SAFE_BUILTINS) == {
        "True", "False", "None", "abs", "all", "any", "bool", "dict", "enumerate", "filter", "float",
        "int", "len", "list", "map", "max", "min", "range", "reversed", "round", "set", "sorted", "str",
        "sum", "tuple", "zip", "isinstance", "datetime", "date", "timedelta", "time", "UserError",
        "ValidationError", "__import__",
    }  # fmt: skip


def test_internal_import_serves_only_what_builtins_need() -> None:
    with pytest.raises(ImportError, match="importing 'os' is not allowed"):
        safe_eval_module.SAFE_BUILTINS["__import__"]("os")


def test_safe_time_namespace_is_not_a_module() -> None:
    assert not isinstance(safe_eval_module.SAFE_TIME, types.ModuleType)


# --- Fuzzing: no input gets out -------------------------------------------------------------
#
# The oracle is an audit hook (PEP 578): while an expression runs, any import, file
# opening, process or OS call, frame/code attribute read, or compile/exec of code that is
# not the evaluator's own is recorded and aborted. The value returned must not be an
# interpreter object or one of the builtins the evaluator withholds.

_AUDIT = {"active": False, "events": []}
_WATCHED_PREFIXES = (
    "import", "open", "os.", "subprocess.", "shutil.", "socket.", "ctypes.", "sys._getframe",
    "sys.settrace", "sys.setprofile", "object.__getattr__", "object.__setattr__",
    "object.__delattr__", "builtins.input", "code.__new__", "function.__new__", "exec", "compile",
)  # fmt: skip
_WITHHELD = (eval, exec, compile, open, getattr, setattr, vars, globals, locals, type, object, __import__)


def _audit(event: str, args: tuple) -> None:
    if not _AUDIT["active"] or not event.startswith(_WATCHED_PREFIXES):
        return
    own_code = getattr(args[0], "co_filename", args[-1]) == "<safe_eval>" or isinstance(args[0], ast.AST)
    if event in ("exec", "compile") and own_code:
        return  # the evaluator parsing, compiling (from its checked tree) and running the code
    if event == "open" and args[0] == "<safe_eval>":
        return  # the compiler looking up the source line of a SyntaxWarning it emits
    _AUDIT["events"].append((event, repr(args)[:200]))
    raise RuntimeError(f"sandbox escape: audit event {event}")


def _evaluate_watched(expr: str) -> object:
    """Evaluate ``expr`` under the audit hook; return its value or the error it raised."""
    if not _AUDIT.get("installed"):
        import sys

        sys.addaudithook(_audit)  # cannot be removed; inert unless "active"
        _AUDIT["installed"] = True
        safe_eval("datetime.strptime('2024', '%Y') and time.strptime('2024', '%Y')")  # warm lazy imports
    context = {
        "record": Record(),
        "text": "{0.__class__}",
        "generator": (x for x in [1]),
        "module": os,
        "number": 42,
    }
    _AUDIT["active"], _AUDIT["events"] = True, []
    try:
        return safe_eval(expr, context)
    except (SafeEvalError, UserError) as exc:
        return exc
    finally:
        _AUDIT["active"] = False


def _assert_contained(expr: str, outcome: object) -> None:
    assert _AUDIT["events"] == [], f"{expr!r} triggered {_AUDIT['events']}"
    if outcome is os:
        return  # the context handed it in: giving it back reaches nothing new
    assert not isinstance(
        outcome, (types.ModuleType, types.FrameType, types.CodeType, types.TracebackType)
    ), f"{expr!r} returned {outcome!r}"
    assert not any(outcome is withheld for withheld in _WITHHELD), f"{expr!r} returned {outcome!r}"
    assert not (isinstance(outcome, dict) and "__builtins__" in outcome), f"{expr!r} leaked globals"


_ATOMS = [
    "record", "text", "generator", "module", "number", "()", "[]", "{}", "''", "'{0.__class__}'",
    "str", "dict", "int", "datetime", "time", "isinstance", "map", "sorted", "ValidationError",
    "range(2)", "(x for x in [1])", "[x for x in [1]]", "f'{record}'", "__import__", "__builtins__",
    "getattr", "type", "vars", "open", "eval", "globals", "lambda: 0", "_", "__class__",
]  # fmt: skip
_TRAILERS = [
    ".__class__", ".__bases__", ".__subclasses__", ".__globals__", ".__dict__", ".__mro__",
    ".__code__", ".__self__", ".__func__", ".__init__", ".__getattribute__", ".__reduce_ex__", ".mro",
    ".gi_frame", ".gi_code", ".f_back", ".f_globals", ".f_builtins", ".co_code", ".tb_frame",
    ".format", ".format_map", ".real", ".upper", ".strftime", ".now", ".keys", ".path", ".system",
    ".name", ".display", ".send", "[0]", "[-1]", "['__builtins__']", "['os']", "()", "(record)",
    "('os')", "('{0.__class__}')", "(1)",
]  # fmt: skip
_WRAPPERS = [
    "{}", "f'{{{}}}'", "f'{{{}!r:>3}}'", "[{} for x in [1]]", "({} if 1 else 0)", "({}, 1)",
    "'{{0.__class__}}'.format({})", "list(map({}, [text]))", "sorted([1], key={})", "str({})",
    "isinstance({}, str)", "'%s' % ({},)", "{{'k': {}}}", "[*{}]", "{{**{}}}",
]  # fmt: skip


def _compose(atom: str, trailers: list[str], wrappers: list[str]) -> str:
    expr = atom + "".join(trailers)
    for wrapper in wrappers:
        expr = wrapper.format(expr)
    return expr


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# CPython warns at compile time about fuzzed nonsense such as "[1]('os')"; that is not an escape.
_QUIET = pytest.mark.filterwarnings("ignore::SyntaxWarning")
_FUZZ = settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@_QUIET
@_FUZZ
@given(
    st.builds(
        _compose,
        st.sampled_from(_ATOMS),
        st.lists(st.sampled_from(_TRAILERS), max_size=6),
        st.lists(st.sampled_from(_WRAPPERS), max_size=2),
    )
)
def test_composed_attack_expressions_never_escape(expr: str) -> None:
    _assert_contained(expr, _evaluate_watched(expr))


@_QUIET
@_FUZZ
@given(st.text(alphabet="()[]{}.,:'\"_ *+%<>=!\nabcdefgilmnoprstuxy0123456789", max_size=40))
def test_arbitrary_source_text_never_escapes(expr: str) -> None:
    _assert_contained(expr, _evaluate_watched(expr))


@_QUIET
@_FUZZ
@given(st.text(max_size=60))
def test_any_unicode_text_fails_only_with_safe_eval_errors(expr: str) -> None:
    outcome = _evaluate_watched(expr)
    _assert_contained(expr, outcome)
    assert not isinstance(outcome, UserError) or isinstance(outcome, SafeEvalError)
