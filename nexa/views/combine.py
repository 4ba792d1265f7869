"""Combining a view with the views that inherit from it: which apply, and in which order.

The arch a client receives for a *primary* view is built in three steps:

1. start from the view's own arch or, for a primary view inheriting another one
   (``mode="primary"`` with an ``inherit_id``), from the parent's combined arch
   with this view's specs applied;
2. apply every *extension* view inheriting from it, depth first: an extension is
   followed by its own extensions before its next sibling;
3. siblings apply in the order of their addon in the load order, then priority,
   then id, so an addon always works on the arch its dependencies made.

Asking for an extension view gives the combined arch of its nearest primary
ancestor. Everything here is pure (:class:`ViewSource` records in, lxml trees
out); ``ir.ui.view`` reads the records and calls it, tests call it directly::

    tree = ViewTree([ViewSource(1, "view a.form", parse_arch(a)),
                     ViewSource(2, "view b.form", parse_arch(b), inherit_id=1, primary=False)])
    arch = tree.combine(1)

:func:`validate_tree` validates a combined arch and tells, for each problem,
which of the combined views it comes from, so that an error names the file and
line of the view that introduced the faulty node, not those of the base view.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from nexa.problems import Problem, ProblemsFound, raise_if_any
from nexa.views.arch import locate
from nexa.views.inherit import apply_inheritance
from nexa.views.validate import ModelCatalog, validate_view

#: The largest line number lxml keeps (an unsigned short; 65535 means "unknown" to libxml2).
_MAX_LINE = 65534


@dataclass(frozen=True)
class ViewSource:
    """One view as the combination needs it.

    ``name`` says where the view comes from in messages (``"addon sale, file
    views/sale.xml, view sale.order_form"``); ``arch`` is None for a view whose
    arch could not be parsed (it is skipped, its problem reported elsewhere);
    ``rank`` orders siblings: ``(addon position in the load order, priority, id)``.
    """

    id: int
    name: str
    arch: etree._Element | None
    inherit_id: int | None = None
    primary: bool = True
    rank: tuple[Any, ...] = ()
    model: str = ""


class ViewTree:
    """A set of views linked by ``inherit_id``; combines any of them (see the module docstring).

    Views whose parent is not in the set are unreachable from it: leaving out a
    view (archived, restricted to groups the user lacks) leaves out its
    extensions too.
    """

    def __init__(self, views: Iterable[ViewSource]) -> None:
        self.views: dict[int, ViewSource] = {view.id: view for view in views}
        self.children: dict[int, list[ViewSource]] = {}
        for view in self.views.values():
            if view.inherit_id is not None and view.inherit_id in self.views:
                self.children.setdefault(view.inherit_id, []).append(view)
        for siblings in self.children.values():
            siblings.sort(key=lambda view: (view.rank, view.id))

    def chain(self, view_id: int) -> list[int]:
        """``view_id`` then its ancestors, nearest first; a loop raises ProblemsFound (views.E040)."""
        chain: list[int] = []
        current: int | None = view_id
        while current is not None and current in self.views:
            if current in chain:
                loop = chain[chain.index(current) :]
                start = loop.index(min(loop))  # the same loop reads the same from any of its views
                loop = [*loop[start:], *loop[:start], loop[start]]
                names = " → ".join(self.views[item].name for item in loop)
                raise ProblemsFound(
                    [
                        Problem(
                            "views.E040",
                            f"views inherit from each other in a loop: {names}",
                            obj=self.views[loop[0]].name,
                            hint="point inherit_id of one of them at a view outside the loop",
                        )
                    ],
                    title="Inheritance loop",
                )
            chain.append(current)
            current = self.views[current].inherit_id
        return chain

    def primary_of(self, view_id: int) -> int:
        """The nearest primary view among ``view_id`` and its ancestors (the root when none is)."""
        chain = self.chain(view_id)
        return next((item for item in chain if self.views[item].primary), chain[-1])

    def extensions(self, view_id: int) -> Iterator[ViewSource]:
        """The extension views applied on top of ``view_id``, in order (depth first)."""
        for child in self.children.get(view_id, ()):
            if not child.primary:
                yield child
                yield from self.extensions(child.id)

    def combine(
        self, view_id: int, *, problems: list[Problem] | None = None, provenance: Provenance | None = None
    ) -> etree._Element | None:
        """The combined arch of ``view_id`` (of its primary view for an extension); a new tree.

        Without ``problems``, a view that cannot be applied raises ProblemsFound;
        with it, its problems are appended and the combination goes on without
        that view. None when the root's arch is missing (unparsable).
        ``provenance`` (see :class:`Provenance`) records which view each node comes from.
        """
        return self._combined(self.primary_of(view_id), problems, provenance)

    def _combined(
        self, primary_id: int, problems: list[Problem] | None, provenance: Provenance | None
    ) -> etree._Element | None:
        view = self.views[primary_id]
        if view.arch is None:
            return None
        parent = self.views.get(view.inherit_id) if view.inherit_id is not None else None
        if parent is not None:
            arch = self._combined(self.primary_of(parent.id), problems, provenance)
            if arch is None:
                return None
            arch = self._apply(arch, parent, view, problems, provenance)
        else:
            arch = provenance.mark(view.arch, view.id) if provenance else copy.deepcopy(view.arch)
        for extension in self.extensions(primary_id):
            arch = self._apply(arch, self.views[extension.inherit_id], extension, problems, provenance)
        return arch

    @staticmethod
    def _apply(
        arch: etree._Element,
        parent: ViewSource,
        view: ViewSource,
        problems: list[Problem] | None,
        provenance: Provenance | None,
    ) -> etree._Element:
        if view.arch is None:
            return arch
        spec = provenance.mark(view.arch, view.id) if provenance else view.arch
        before = provenance.attributes(arch) if provenance else {}
        try:
            result = apply_inheritance(arch, spec, base_name=parent.name, spec_name=view.name)
        except ProblemsFound as error:
            if problems is None:
                raise
            problems.extend(error.problems)
            return arch
        if provenance:
            provenance.claim_changed(before, result, view)
        return result


@dataclass
class Provenance:
    """Which view each node of a combined arch comes from.

    lxml keeps no attribute of ours through the copies inheritance makes, but it
    keeps source lines; :meth:`mark` renumbers the nodes of each view with fresh
    numbers that index :attr:`origins`, ``(view id, real line)``. A node whose
    attributes an extension changed (``position="attributes"``) is claimed by that
    extension, since the new values are its doing.
    """

    origins: list[tuple[int, int | None]] = field(default_factory=lambda: [(0, None)])

    def _number(self, view_id: int, line: int | None) -> int:
        if len(self.origins) > _MAX_LINE:  # a giant arch: the rest stays unattributed
            return 0
        self.origins.append((view_id, line))
        return len(self.origins) - 1

    def mark(self, arch: etree._Element, view_id: int) -> etree._Element:
        """A copy of ``arch`` whose nodes are numbered as coming from ``view_id``."""
        marked = copy.deepcopy(arch)
        for node in marked.iter():
            node.sourceline = self._number(view_id, node.sourceline)
        return marked

    def origin(self, node: etree._Element) -> tuple[int, int | None]:
        """``(view id, line)`` a node comes from (view id 0: unknown)."""
        number = node.sourceline or 0
        return self.origins[number] if number < len(self.origins) else (0, None)

    @staticmethod
    def attributes(arch: etree._Element) -> dict[int, dict[str, str]]:
        return {node.sourceline: dict(node.attrib) for node in arch.iter() if node.sourceline}

    def claim_changed(self, before: Mapping[int, dict[str, str]], arch: etree._Element, view: ViewSource) -> None:
        """Give ``view`` the nodes of ``arch`` whose attributes it changed."""
        for node in arch.iter():
            old = before.get(node.sourceline or 0)
            if old is None or old == dict(node.attrib):
                continue
            changed = {key for key in set(old) | set(node.attrib) if old.get(key) != node.get(key)}
            node.sourceline = self._number(view.id, _attribute_line(view.arch, changed))

    def projection(self, arch: etree._Element, view_id: int) -> etree._Element:
        """A copy of ``arch`` with the real lines of ``view_id``'s nodes and no line on the others."""
        projected = copy.deepcopy(arch)
        for node in projected.iter():
            owner, line = self.origin(node)
            node.sourceline = min(line or 0, _MAX_LINE) if owner == view_id else 0
        return projected

    def views(self, arch: etree._Element) -> list[int]:
        """The views contributing nodes to ``arch``, in order of first appearance."""
        return list(dict.fromkeys(self.origin(node)[0] for node in arch.iter()))


def _attribute_line(spec: etree._Element | None, names: set[str]) -> int | None:
    """The line of the ``<attribute name>`` of ``spec`` that sets one of ``names`` (or of the first one)."""
    if spec is None:
        return None
    candidates = [node for node in spec.iter("attribute") if node.get("name") in names]
    return candidates[0].sourceline if candidates else spec.sourceline


def validate_tree(tree: ViewTree, view_id: int, *, model: str, catalog: ModelCatalog) -> list[Problem]:
    """Every problem of the combined arch of ``view_id``: applying its views, then validating the result.

    Inheritance problems name both views; validation problems name the view
    whose node is at fault, with its real line (:class:`Provenance`).
    """
    problems: list[Problem] = []
    arch = tree.combine(view_id, problems=problems)
    if arch is None:
        return problems
    provenance = Provenance()
    marked = tree.combine(view_id, problems=[], provenance=provenance)
    for owner in provenance.views(marked):
        source = tree.views[owner].name if owner in tree.views else tree.views[tree.primary_of(view_id)].name
        projected = provenance.projection(marked, owner) if owner else arch
        for problem in validate_view(projected, model=model, catalog=catalog, source=source):
            if owner == 0 or problem.obj != locate(source, None):  # keep the problems of this view's nodes
                problems.append(problem)
    return list(dict.fromkeys(problems))


def combine_or_raise(tree: ViewTree, view_id: int) -> etree._Element:
    """The combined arch of ``view_id``, raising ProblemsFound when it cannot be built."""
    problems: list[Problem] = []
    arch = tree.combine(view_id, problems=problems)
    raise_if_any(problems, title=f"View {tree.views[view_id].name} cannot be combined")
    if arch is None:
        raise ProblemsFound(
            [Problem("views.E001", "the view's arch cannot be parsed", obj=tree.views[view_id].name)],
            title="Unreadable view",
        )
    return arch
