"""Discovery: addons on addons_path and in the nexa.addons entry-point group, first found wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from nexa.exceptions import AddonError, ConfigError, ManifestError
from nexa.modules.discovery import AddonInfo, discover_addons

FIXTURES = Path(__file__).parent / "fixtures"


def install_distribution(site: Path, entry_points: dict[str, str], packages: dict[str, str | None]) -> None:
    """Install a fake distribution in ``site``: entry points, and packages with manifest text (or None)."""
    info = site / "nexa_fake_addons-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: nexa-fake-addons\nVersion: 1.0\n")
    lines = "".join(f"{name} = {value}\n" for name, value in entry_points.items())
    (info / "entry_points.txt").write_text("[nexa.addons]\n" + lines)
    for package, manifest in packages.items():
        (site / package).mkdir()
        (site / package / "__init__.py").write_text("")
        if manifest is not None:
            (site / package / "manifest.yaml").write_text(manifest)


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    """A folder on sys.path where tests install fake distributions."""
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    return folder


def test_every_sub_folder_holding_a_manifest_is_an_addon_named_after_the_folder():
    addons = discover_addons([FIXTURES / "first"], entry_points=False)
    assert addons["sale"] == AddonInfo(
        name="sale",
        path=FIXTURES / "first" / "sale",
        manifest=addons["sale"].manifest,
        origin="path",
    )
    assert addons["sale"].manifest.name == "Sales (first copy)"


def test_addons_are_returned_sorted_by_name():
    assert list(discover_addons([FIXTURES / "second", FIXTURES / "first"], entry_points=False)) == [
        "base",
        "sale",
        "stock",
    ]


def test_sub_folders_without_a_manifest_are_not_addons(tmp_path):
    (tmp_path / "static").mkdir()
    (tmp_path / "notes.txt").write_text("")
    assert discover_addons([tmp_path], entry_points=False) == {}


def test_the_first_folder_on_the_path_wins_and_the_others_are_recorded_as_shadowed():
    sale = discover_addons([FIXTURES / "first", FIXTURES / "second"], entry_points=False)["sale"]
    assert (sale.path, sale.manifest.name) == (FIXTURES / "first" / "sale", "Sales (first copy)")
    assert sale.shadowed == (FIXTURES / "second" / "sale",)


def test_a_broken_addon_that_is_overridden_is_not_read():
    addons = discover_addons([FIXTURES / "first", FIXTURES / "broken_shadowed"], entry_points=False)
    assert addons["sale"].shadowed == (FIXTURES / "broken_shadowed" / "sale",)


def test_a_folder_listed_twice_does_not_shadow_itself():
    addons = discover_addons([FIXTURES / "first", FIXTURES / "first"], entry_points=False)
    assert addons["sale"].shadowed == ()


def test_a_missing_addons_path_folder_is_a_config_error_naming_it(tmp_path):
    with pytest.raises(ConfigError) as caught:
        discover_addons([tmp_path / "nowhere"], entry_points=False)
    assert f"addons_path folder '{tmp_path / 'nowhere'}' does not exist" in str(caught.value)


def test_a_file_on_the_addons_path_is_a_config_error(tmp_path):
    (tmp_path / "addons").write_text("")
    with pytest.raises(ConfigError, match="is not a folder"):
        discover_addons([tmp_path / "addons"], entry_points=False)


def test_an_addon_folder_given_as_addons_path_suggests_its_parent():
    with pytest.raises(ConfigError) as caught:
        discover_addons([FIXTURES / "first" / "sale"], entry_points=False)
    assert "is itself an addon" in str(caught.value)
    assert f"give its parent '{FIXTURES / 'first'}' instead" in str(caught.value)


def test_a_folder_name_that_is_not_an_identifier_is_an_error_suggesting_a_name():
    with pytest.raises(AddonError) as caught:
        discover_addons([FIXTURES / "invalid_name"], entry_points=False)
    assert caught.value.addon == "my-addon"
    assert "'my-addon' is not a valid technical name" in str(caught.value)
    assert "rename it, e.g. 'my_addon'" in str(caught.value)


def test_a_single_broken_manifest_raises_its_own_manifest_error():
    with pytest.raises(ManifestError) as caught:
        discover_addons([FIXTURES / "broken_shadowed"], entry_points=False)
    assert (caught.value.addon, caught.value.key) == ("sale", "depends")


def test_every_addon_that_cannot_be_used_is_reported_at_once():
    with pytest.raises(AddonError) as caught:
        discover_addons([FIXTURES / "broken"], entry_points=False)
    assert str(caught.value).startswith("2 addons cannot be used:")
    assert "unknown key 'depnds'" in str(caught.value)
    assert "expects a list of strings, got string 'base'" in str(caught.value)
    assert [error.addon for error in caught.value.details["errors"]] == ["typo", "wrongtype"]


def test_entry_point_addons_are_found_under_the_entry_point_name(site):
    install_distribution(site, {"ep_sale": "nexa_ep_sale"}, {"nexa_ep_sale": "name: Sales from pip\n"})
    addon = discover_addons([])["ep_sale"]
    assert (addon.origin, addon.path, addon.package) == ("entry_point", site / "nexa_ep_sale", "nexa_ep_sale")
    assert addon.manifest.name == "Sales from pip"


def test_entry_points_are_ignored_when_asked(site):
    install_distribution(site, {"ep_sale": "nexa_ep_sale"}, {"nexa_ep_sale": "name: Sales from pip\n"})
    assert "ep_sale" not in discover_addons([], entry_points=False)


def test_an_addon_on_the_path_overrides_an_entry_point_addon_of_the_same_name(site):
    install_distribution(site, {"sale": "nexa_ep_sale"}, {"nexa_ep_sale": "name: Sales from pip\n"})
    sale = discover_addons([FIXTURES / "first"])["sale"]
    assert (sale.origin, sale.shadowed) == ("path", (site / "nexa_ep_sale",))


def test_an_entry_point_naming_a_missing_package_is_an_error_naming_it(site):
    install_distribution(site, {"ep_gone": "nexa_no_such_package"}, {})
    with pytest.raises(AddonError) as caught:
        discover_addons([])
    assert caught.value.addon == "ep_gone"
    assert "entry point ep_gone = nexa_no_such_package" in str(caught.value)
    assert "package 'nexa_no_such_package' cannot be found" in str(caught.value)


def test_an_entry_point_package_without_a_manifest_is_an_error(site):
    install_distribution(site, {"ep_bare": "nexa_ep_bare"}, {"nexa_ep_bare": None})
    with pytest.raises(AddonError, match=r"package folder .*nexa_ep_bare' holds no manifest\.yaml"):
        discover_addons([])


def test_an_entry_point_name_that_is_not_an_identifier_is_an_error(site):
    install_distribution(site, {"ep-sale": "nexa_ep_sale"}, {"nexa_ep_sale": "name: Sales\n"})
    with pytest.raises(AddonError, match="'ep-sale' is not a valid technical name"):
        discover_addons([])
