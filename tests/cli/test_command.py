"""``nexa.cli.command``: the Command protocol, action groups, table and name helpers."""

from __future__ import annotations

import argparse

import pytest

from nexa.cli.command import Command, CommandGroup, format_table, split_names


class Documented(Command):
    """First line.

    More text.
    """

    name = "documented"
    help = "short help"


class Undocumented(Command):
    name = "undocumented"
    help = "short help"


class Pair(CommandGroup):
    name = "pair"

    def configure(self, parser):
        self.add_action(parser, "left", self.left, "Go left")
        right = self.add_action(parser, "right", self.right, "Go right")
        right.add_argument("steps", type=int)

    def left(self, args, runtime):
        """Turn left, then stop."""
        return 10

    def right(self, args, runtime):
        return args.steps


def _parser(command):
    parser = argparse.ArgumentParser(prog="test")
    command.configure(parser)
    return parser


def test_description_is_the_class_docstring():
    assert Documented().description == "First line.\n\nMore text."


def test_description_without_docstring_is_the_help_line():
    assert Undocumented().description == "short help"


def test_run_must_be_implemented():
    with pytest.raises(NotImplementedError, match="'undocumented' does not implement run"):
        Undocumented().run(argparse.Namespace(), None)


def test_group_runs_the_chosen_action():
    command = Pair()
    parser = _parser(command)
    assert command.run(parser.parse_args(["left"]), None) == 10
    assert command.run(parser.parse_args(["right", "3"]), None) == 3


def test_group_requires_an_action():
    with pytest.raises(SystemExit) as exit_:
        _parser(Pair()).parse_args([])
    assert exit_.value.code == 2


def test_action_help_uses_the_method_docstring(capsys):
    with pytest.raises(SystemExit):
        _parser(Pair()).parse_args(["left", "--help"])
    assert "Turn left, then stop." in capsys.readouterr().out


def test_format_table_aligns_columns_under_a_rule():
    table = format_table(("NAME", "STATE"), [("base", "installed"), ("sale_management", "uninstalled")])
    assert table.splitlines() == [
        "NAME             STATE",
        "---------------  -----------",
        "base             installed",
        "sale_management  uninstalled",
    ]


def test_format_table_without_rows_is_the_header():
    assert format_table(("A", "B"), []).splitlines() == ["A  B", "-  -"]


def test_split_names_accepts_spaces_and_commas_once_each():
    assert split_names(["sale,crm", " stock ", "sale", ","]) == ["sale", "crm", "stock"]
