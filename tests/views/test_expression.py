"""The modifier language: the shared table on both implementations, plus Python-only details."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from nexa.exceptions import ValidationError
from nexa.views.expression import (
    EvaluationError,
    ExpressionError,
    evaluate,
    names,
    parse_expression,
    truthy,
)

HERE = Path(__file__).parent
CASES = json.loads((HERE / "expression_cases.json").read_text(encoding="utf-8"))["cases"]


def same(actual: Any, expected: Any) -> bool:
    """Same value by kind, as the JavaScript runner compares: a boolean is not a number, 2 == 2.0."""
    if isinstance(expected, list):
        return (
            isinstance(actual, list | tuple)
            and len(actual) == len(expected)
            and all(same(a, e) for a, e in zip(actual, expected))
        )
    if isinstance(expected, dict):
        return (
            isinstance(actual, dict)
            and actual.keys() == expected.keys()
            and all(same(actual[key], expected[key]) for key in expected)
        )
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(actual) is type(expected) and actual == expected
    if isinstance(expected, int | float):
        return isinstance(actual, int | float) and actual == expected
    return type(actual) is type(expected) and actual == expected


def test_shared_table_has_at_least_80_cases_of_each_outcome_kind():
    outcomes = {"result" if "result" in case else case.get("error", "names") for case in CASES}
    assert len(CASES) >= 80
    assert outcomes == {"result", "syntax", "evaluation", "names"}


@pytest.mark.parametrize("case", CASES, ids=[f"{index}:{case['expr'][:40]}" for index, case in enumerate(CASES)])
def test_python_gives_the_shared_answer(case):
    if case.get("error") == "syntax":
        with pytest.raises(ExpressionError) as caught:
            parse_expression(case["expr"])
        assert not isinstance(caught.value, EvaluationError)
        assert caught.value.column == case["column"]
        return
    parsed = parse_expression(case["expr"])
    if "names" in case:
        assert names(parsed) == set(case["names"])
    if case.get("error") == "evaluation":
        with pytest.raises(EvaluationError):
            evaluate(parsed, case.get("values", {}))
    elif "result" in case:
        result = evaluate(parsed, case.get("values", {}))
        assert same(result, case["result"]), f"{result!r} != {case['result']!r}"


def run_javascript(table: Path) -> subprocess.CompletedProcess:
    """Run the node runner on a table; a missing node fails the test (it must not be skipped)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the JavaScript side of the modifier language cannot be checked")
    command = [node, str(HERE / "run_expression_cases.mjs"), str(table)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_javascript_gives_every_shared_answer():
    run = run_javascript(HERE / "expression_cases.json")
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"{len(CASES)} of {len(CASES)} cases pass" in run.stdout


def test_syntax_error_names_the_expression_and_column():
    with pytest.raises(ExpressionError) as caught:
        parse_expression("state == 'draft' and")
    assert caught.value.column == 21
    assert "state == 'draft' and" in str(caught.value)
    assert "column 21" in str(caught.value)


def test_expression_errors_are_validation_errors():
    assert issubclass(ExpressionError, ValidationError)
    assert issubclass(EvaluationError, ExpressionError)


def test_unknown_name_suggests_the_closest_value():
    with pytest.raises(EvaluationError, match="did you mean 'state'"):
        evaluate("stat == 'draft'", {"state": "draft"})


def test_evaluate_accepts_a_parsed_expression():
    parsed = parse_expression("amount > 10")
    assert evaluate(parsed, {"amount": 11}) is True
    assert evaluate(parsed, {"amount": 9}) is False


def test_parsing_the_same_text_twice_returns_the_cached_tree():
    assert parse_expression("a and b") is parse_expression("a and b")


def test_names_accepts_text():
    assert names("parent.company_id == company_id") == {"parent.company_id", "company_id"}


def test_tuple_values_from_server_code_equal_lists():
    assert evaluate("line_ids == [1, 2]", {"line_ids": (1, 2)}) is True


def test_truthy_follows_python():
    assert [truthy(value) for value in (0, 0.0, "", [], {}, None, False)] == [False] * 7
    assert [truthy(value) for value in (1, "0", [0], {"a": 0}, True)] == [True] * 5


ATOMS = (
    "0", "1", "2", "-3", "2.5", "0.5", "True", "False", "None", "''", "'a'", "'ab'", "'b'", "[]", "[1, 2]",
    "(1,)", "['a', 1]", "x", "y", "s", "items", "empty", "off", "parent.p", "context.get('k')",
    "context.get('z', 3)",
)  # fmt: skip
OPERATORS = ("+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "in", "not in", "and", "or")
VALUES = {
    "x": 3, "y": 0, "s": "abc", "items": [1, "a"], "empty": None, "off": False,
    "parent": {"p": 2}, "context": {"k": "v"},
}  # fmt: skip


def random_expression(rng: random.Random, depth: int) -> str:
    if depth == 0 or rng.random() < 0.25:
        return rng.choice(ATOMS)
    pick, sub = rng.random(), lambda: random_expression(rng, depth - 1)
    if pick < 0.55:
        return f"({sub()} {rng.choice(OPERATORS)} {sub()})"
    if pick < 0.65:
        return f"({sub()} {rng.choice(OPERATORS[5:13])} {sub()} {rng.choice(OPERATORS[5:13])} {sub()})"
    if pick < 0.75:
        return f"(not {sub()})"
    if pick < 0.85:
        return f"-{sub()}"
    if pick < 0.95:
        return f"({sub()} if {sub()} else {sub()})"
    return f"[{sub()}, {sub()}]"


def test_javascript_agrees_with_python_on_generated_expressions(tmp_path):
    rng = random.Random(20240501)
    cases = []
    for _ in range(2000):
        expr = random_expression(rng, 4)
        try:
            cases.append({"expr": expr, "values": VALUES, "result": evaluate(expr, VALUES)})
        except EvaluationError:
            cases.append({"expr": expr, "values": VALUES, "error": "evaluation"})
    assert {"result", "error"} <= {key for case in cases for key in case}
    table = tmp_path / "generated.json"
    table.write_text(json.dumps({"cases": cases}), encoding="utf-8")
    run = run_javascript(table)
    assert run.returncode == 0, run.stdout[:3000] + run.stderr


PIECES = (
    "a", "1", "2.5", ".5", "1e3", "1e", "01", "'x'", "'\\n'", "'\\q'", "'", "(", ")", "[", "]", ",", ".",
    "==", "=", "<", ">=", "+", "-", "%", "not", "in", "and", "or", "if", "else", "is", "None", "parent",
    "parent.a", "context", "context.get", "\t", "@", "é", "😀", "1_0",
)  # fmt: skip


def test_javascript_agrees_with_python_on_generated_syntax(tmp_path):
    rng = random.Random(7)
    cases = []
    for _ in range(3000):
        expr = "".join(rng.choice(PIECES) + rng.choice(("", " ")) for _ in range(rng.randint(0, 8)))
        try:
            cases.append({"expr": expr, "names": sorted(names(parse_expression(expr)))})
        except ExpressionError as error:
            cases.append({"expr": expr, "error": "syntax", "column": error.column})
    assert {"names", "column"} <= {key for case in cases for key in case}
    table = tmp_path / "generated.json"
    table.write_text(json.dumps({"cases": cases}), encoding="utf-8")
    run = run_javascript(table)
    assert run.returncode == 0, run.stdout[:3000] + run.stderr
