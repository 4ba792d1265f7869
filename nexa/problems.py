"""Definition-time problems, collected and reported together.

Checks that run over many definitions (views, models, manifests) do not stop at
the first mistake: each check appends a :class:`Problem` and the caller raises
once with all of them, so an upgrade that breaks ten views says so in one run.
Every problem has a stable ``id`` (documented in ``docs/errors.md``) so users can
search for it, the object it is about, and a hint on how to fix it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from nexa.exceptions import NexaError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a definition.

    ``id`` is stable (``views.E001``), ``obj`` names what it is about
    (``"addon sale, file views/sale_views.xml:12, view sale.order_form"``) and
    ``hint`` says how to fix it, or is empty.
    """

    id: str
    message: str
    obj: str = ""
    hint: str = ""

    def __str__(self) -> str:
        text = f"[{self.id}] {self.obj}: {self.message}" if self.obj else f"[{self.id}] {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


class ProblemsFound(NexaError):
    """Raised once with every problem a check found."""

    def __init__(self, problems: Iterable[Problem], *, title: str = "Definition problems") -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"{title} ({len(self.problems)}):\n{lines}")


def raise_if_any(problems: Iterable[Problem], *, title: str = "Definition problems") -> None:
    """Raise :class:`ProblemsFound` when ``problems`` is not empty."""
    problems = list(problems)
    if problems:
        raise ProblemsFound(problems, title=title)
