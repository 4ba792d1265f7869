"""nexa.views.combine: which inheriting views apply, in which order, and whose problem is whose (pure)."""

from __future__ import annotations

import pytest

from nexa.problems import ProblemsFound
from nexa.views import parse_arch
from nexa.views.combine import Provenance, ViewSource, ViewTree, combine_or_raise, validate_tree


def base(view_id: int = 1, arch: str = '<form><field name="name"/></form>') -> ViewSource:
    return ViewSource(view_id, f"view v{view_id}", parse_arch(arch, source=f"view v{view_id}"), rank=(0, 16, view_id))


def extension(view_id: int, parent: int, arch: str, *, addon: int = 0, priority: int = 16) -> ViewSource:
    return ViewSource(view_id, f"view v{view_id}", parse_arch(arch), inherit_id=parent, primary=False,
                      rank=(addon, priority, view_id))


def after_name(new: str, target: str = "name") -> str:
    return f'<field name="{target}" position="after"><field name="{new}"/></field>'


def names(arch) -> list[str]:
    return [node.get("name") for node in arch.iter("field")]


def test_extensions_apply_in_addon_order_before_priority():
    tree = ViewTree([base(), extension(2, 1, after_name("b"), addon=2, priority=1),
                     extension(3, 1, after_name("a"), addon=1, priority=99)])
    assert names(tree.combine(1)) == ["name", "b", "a"]


def test_extensions_of_one_addon_apply_by_priority_then_id():
    tree = ViewTree([base(), extension(4, 1, after_name("late"), priority=20),
                     extension(2, 1, after_name("second"), priority=10), extension(3, 1, after_name("first"),
                                                                                   priority=10)])
    assert names(tree.combine(1)) == ["name", "late", "first", "second"]


def test_extension_of_an_extension_applies_right_after_it():
    tree = ViewTree([base(), extension(2, 1, after_name("b")), extension(3, 1, after_name("c", "b")),
                     extension(4, 2, after_name("b2", "b"))])
    assert names(tree.combine(1)) == ["name", "b", "c", "b2"]  # 4 (child of 2) before 3 (sibling of 2)


def test_primary_child_starts_from_its_parents_combined_arch():
    child = ViewSource(3, "view v3", parse_arch(after_name("own")), inherit_id=1, primary=True)
    tree = ViewTree([base(), extension(2, 1, after_name("ext")), child])
    assert names(tree.combine(3)) == ["name", "own", "ext"]


def test_primary_child_does_not_change_its_parent():
    child = ViewSource(3, "view v3", parse_arch(after_name("own")), inherit_id=1, primary=True)
    assert names(ViewTree([base(), child]).combine(1)) == ["name"]


def test_asking_for_an_extension_gives_its_primary_view_combined():
    tree = ViewTree([base(), extension(2, 1, after_name("b"))])
    assert names(tree.combine(2)) == ["name", "b"]


def test_leaving_a_view_out_leaves_its_extensions_out():
    tree = ViewTree([base(), extension(3, 2, after_name("c"))])
    assert names(tree.combine(1)) == ["name"]


def test_combining_never_changes_the_stored_archs():
    root = base()
    ViewTree([root, extension(2, 1, after_name("b"))]).combine(1)
    assert names(root.arch) == ["name"]


def test_a_loop_is_one_problem_whichever_view_finds_it():
    loop = [extension(2, 3, after_name("x")), extension(3, 2, after_name("y"))]
    messages = set()
    for view_id in (2, 3):
        with pytest.raises(ProblemsFound) as caught:
            ViewTree(loop).chain(view_id)
        messages.add(str(caught.value.problems[0]))
    assert len(messages) == 1 and "views.E040" in messages.pop()


def test_failing_view_is_skipped_and_reported_when_collecting():
    problems = []
    tree = ViewTree([base(), extension(2, 1, after_name("b", "nope")), extension(3, 1, after_name("c"))])
    arch = tree.combine(1, problems=problems)
    assert names(arch) == ["name", "c"]
    assert [problem.id for problem in problems] == ["views.E010"]


def test_failing_view_raises_without_a_problem_list():
    tree = ViewTree([base(), extension(2, 1, after_name("b", "nope"))])
    with pytest.raises(ProblemsFound, match="view v2"):
        combine_or_raise(tree, 1)


class Catalog:
    def fields(self, model):
        return {"name": {"type": "char"}, "state": {"type": "char"}} if model == "m" else None

    def has_public_method(self, model, name):
        return True

    def action_exists(self, ref):
        return True


def test_validation_problem_names_the_view_that_added_the_node():
    spec = '<data>\n<field name="name" position="after">\n<field name="typo"/>\n</field>\n</data>'
    tree = ViewTree([base(), extension(2, 1, spec)])
    problems = validate_tree(tree, 1, model="m", catalog=Catalog())
    assert [(problem.id, problem.obj) for problem in problems] == [("views.E023", "view v2, line 3")]


def test_changed_attributes_are_blamed_on_the_view_that_changed_them():
    spec = ('<field name="name" position="attributes">\n'
            '<attribute name="invisible">colour == 1</attribute>\n</field>')
    tree = ViewTree([base(), extension(2, 1, spec)])
    problems = validate_tree(tree, 1, model="m", catalog=Catalog())
    assert [(problem.id, problem.obj) for problem in problems] == [("views.E028", "view v2, line 2")]


def test_provenance_tells_each_node_its_view():
    provenance = Provenance()
    tree = ViewTree([base(), extension(2, 1, after_name("b"))])
    arch = tree.combine(1, provenance=provenance)
    owners = {node.get("name"): provenance.origin(node)[0] for node in arch.iter("field")}
    assert owners == {"name": 1, "b": 2}
