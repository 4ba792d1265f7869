"""The dependency graph: deterministic load order, clear errors, auto-install and reverse dependencies."""

from __future__ import annotations

import pytest

from nexa.exceptions import DependencyError
from nexa.modules.graph import auto_install_closure, dependents, load_order
from nexa.modules.manifest import Manifest


def graph(**depends: tuple[str, ...]) -> dict[str, Manifest]:
    """Manifests by technical name, each depending on the names given."""
    return {name: Manifest(name.title(), depends=tuple(deps)) for name, deps in depends.items()}


SHOP = graph(
    base=(),
    mail=("base",),
    product=("base",),
    stock=("product",),
    sale=("product", "mail"),
    sale_stock=("sale", "stock"),
    account=("base",),
)


def test_dependencies_come_before_the_addons_that_need_them():
    assert load_order(SHOP, ["sale_stock"]) == ["base", "mail", "product", "sale", "stock", "sale_stock"]


def test_only_the_wanted_addons_and_their_dependencies_are_loaded():
    assert load_order(SHOP, ["stock"]) == ["base", "product", "stock"]


def test_ties_are_broken_by_depth_then_name_whatever_the_input_order():
    reversed_shop = dict(reversed(list(SHOP.items())))
    assert (
        load_order(reversed_shop, ["account", "sale"])
        == load_order(SHOP, ["sale", "account"])
        == [
            "base",
            "account",
            "mail",
            "product",
            "sale",
        ]
    )


def test_depth_is_the_longest_chain_not_the_shortest():
    manifests = graph(base=(), a=("base",), b=("a",), c=("base", "b"), aa=("base",))
    assert load_order(manifests, ["c", "aa"]) == ["base", "a", "aa", "b", "c"]


def test_wanting_an_addon_twice_loads_it_once():
    assert load_order(SHOP, ["mail", "mail", "base"]) == ["base", "mail"]


def test_an_unknown_wanted_addon_is_named_with_the_closest_one():
    with pytest.raises(DependencyError) as caught:
        load_order(SHOP, ["sael"])
    assert caught.value.addon == "sael"
    assert str(caught.value) == "addon 'sael' is not on the addons path (did you mean 'sale'?)"


def test_a_missing_dependency_names_the_addon_that_depends_on_it():
    manifests = {**SHOP, "shop": Manifest("Shop", depends=("stok",))}
    with pytest.raises(DependencyError) as caught:
        load_order(manifests, ["shop"])
    assert (caught.value.addon, caught.value.key) == ("shop", "depends")
    assert str(caught.value) == (
        "addon 'shop' depends on 'stok', which is not on the addons path (did you mean 'stock'?)"
    )


def test_every_missing_dependency_is_reported_at_once():
    manifests = graph(base=(), sale=("base", "crm"), stock=("base", "barcode"))
    with pytest.raises(DependencyError) as caught:
        load_order(manifests, ["sale", "stock"])
    assert caught.value.addon is None
    assert str(caught.value) == (
        "missing addons:\n"
        "  - addon 'sale' depends on 'crm', which is not on the addons path\n"
        "  - addon 'stock' depends on 'barcode', which is not on the addons path"
    )


def test_a_cycle_is_shown_as_a_chain():
    manifests = graph(base=(), a=("base", "b"), b=("c",), c=("a",))
    with pytest.raises(DependencyError) as caught:
        load_order(manifests, ["a"])
    assert caught.value.key == "depends"
    assert "dependency cycle: a → b → c → a" in str(caught.value)


def test_an_addon_depending_on_itself_is_a_cycle():
    with pytest.raises(DependencyError, match="dependency cycle: loop → loop"):
        load_order(graph(loop=("loop",)), ["loop"])


def test_a_long_chain_does_not_hit_the_recursion_limit():
    manifests = {f"a{i:04d}": Manifest("A", depends=(f"a{i - 1:04d}",) if i else ()) for i in range(3000)}
    order = load_order(manifests, ["a2999"])
    assert (len(order), order[0], order[-1]) == (3000, "a0000", "a2999")


def test_auto_install_true_installs_when_all_depends_are_installed():
    manifests = {**SHOP, "sale_mail": Manifest("SM", depends=("sale", "mail"), auto_install=True)}
    assert auto_install_closure(manifests, ["base", "mail", "product", "sale"]) == {"sale_mail"}


def test_auto_install_true_waits_for_every_dependency():
    manifests = {**SHOP, "sale_stock": Manifest("SS", depends=("sale", "stock"), auto_install=True)}
    assert auto_install_closure(manifests, ["base", "mail", "product", "sale"]) == set()


def test_auto_install_list_installs_when_that_subset_is_installed():
    manifests = {**SHOP, "sale_stock": Manifest("SS", depends=("sale", "stock"), auto_install=("sale",))}
    assert auto_install_closure(manifests, ["base", "mail", "product", "sale"]) == {"sale_stock"}


def test_auto_install_repeats_until_nothing_changes():
    manifests = {
        **SHOP,
        "sale_stock": Manifest("SS", depends=("sale", "stock"), auto_install=("sale",)),
        "stock_extra": Manifest("SE", depends=("stock",), auto_install=True),
        "sale_stock_extra": Manifest("SSE", depends=("sale_stock", "stock_extra"), auto_install=True),
    }
    installed = ["base", "mail", "product", "sale"]
    assert auto_install_closure(manifests, installed) == {"sale_stock", "stock_extra", "sale_stock_extra"}


def test_auto_install_skips_addons_already_installed_and_not_installable():
    manifests = {
        "base": Manifest("Base"),
        "web": Manifest("Web", depends=("base",), auto_install=True),
        "legacy": Manifest("Legacy", depends=("base",), auto_install=True, installable=False),
    }
    assert auto_install_closure(manifests, ["base", "web"]) == set()


def test_dependents_are_the_installed_addons_depending_directly_or_not():
    installed = ["base", "mail", "product", "stock", "sale", "sale_stock"]
    assert dependents(SHOP, ["product"], installed) == {"stock", "sale", "sale_stock"}


def test_dependents_ignore_addons_that_are_not_installed():
    assert dependents(SHOP, ["product"], ["base", "product", "stock"]) == {"stock"}


def test_dependents_exclude_the_names_asked_about():
    installed = ["base", "mail", "product", "sale"]
    assert dependents(SHOP, ["mail", "sale"], installed) == set()
