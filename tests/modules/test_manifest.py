"""manifest.yaml is a schema: defaults, types, files and auto_install are checked with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from nexa.exceptions import ManifestError
from nexa.modules.manifest import Manifest, load_manifest
from nexa.problems import Problem


def make_addon(root: Path, text: str, name: str = "sale", files: tuple[str, ...] = ()) -> Path:
    """An addon folder ``root/name`` with ``text`` as manifest.yaml and empty ``files``."""
    folder = root / name
    folder.mkdir()
    (folder / "manifest.yaml").write_text(text, encoding="utf-8")
    for file in files:
        (folder / file).parent.mkdir(parents=True, exist_ok=True)
        (folder / file).write_text("", encoding="utf-8")
    return folder


def manifest_error(root: Path, text: str, **kwargs) -> ManifestError:
    with pytest.raises(ManifestError) as caught:
        load_manifest(make_addon(root, text, **kwargs))
    return caught.value


def test_a_manifest_with_only_a_name_gets_the_documented_defaults(tmp_path):
    manifest = load_manifest(make_addon(tmp_path, "name: Sales\n"))
    assert manifest == Manifest(
        name="Sales",
        version="1.0",
        summary="",
        description="",
        author="",
        website="",
        license="LGPL-3",
        category="Uncategorized",
        depends=(),
        data=(),
        demo=(),
        auto_install=False,
        application=False,
        installable=True,
        sequence=100,
        external_dependencies={},
        assets={},
    )


def test_every_key_is_read_into_its_python_type(tmp_path):
    text = """
name: Sales
version: "17.0.1.2"
summary: Quotations and orders
description: Long text
author: Nexa
website: https://example.com
license: AGPL-3
category: Sales
depends: [base, stock]
data: [views/sale.xml, security/ir.model.access.csv]
demo: [demo/orders.xml]
auto_install: [stock]
application: true
installable: true
sequence: 5
external_dependencies: {python: [yaml], bin: [sh]}
assets: {web.assets_backend: ["static/src/**/*.js"]}
"""
    files = ("views/sale.xml", "security/ir.model.access.csv", "demo/orders.xml")
    manifest = load_manifest(make_addon(tmp_path, text, files=files))
    assert (manifest.version, manifest.depends, manifest.data, manifest.demo) == (
        "17.0.1.2",
        ("base", "stock"),
        ("views/sale.xml", "security/ir.model.access.csv"),
        ("demo/orders.xml",),
    )
    assert (manifest.auto_install, manifest.application, manifest.sequence) == (("stock",), True, 5)
    assert dict(manifest.external_dependencies) == {"python": ("yaml",), "bin": ("sh",)}
    assert dict(manifest.assets) == {"web.assets_backend": ("static/src/**/*.js",)}


def test_the_manifest_cannot_be_changed_after_loading(tmp_path):
    manifest = load_manifest(make_addon(tmp_path, "name: Sales\nexternal_dependencies: {python: [yaml]}\n"))
    with pytest.raises(TypeError):
        manifest.external_dependencies["bin"] = ("sh",)  # type: ignore[index]


def test_name_is_the_human_title_and_may_differ_from_the_folder(tmp_path):
    assert (
        load_manifest(make_addon(tmp_path, "name: Sales Management\n", name="sale")).name
        == "Sales Management"
    )


def test_a_missing_manifest_names_the_folder(tmp_path):
    folder = tmp_path / "sale"
    folder.mkdir()
    with pytest.raises(ManifestError) as caught:
        load_manifest(folder)
    assert caught.value.addon == "sale"
    assert f"no manifest.yaml in {folder}" in str(caught.value)


def test_invalid_yaml_shows_the_line_number_and_its_text(tmp_path):
    error = manifest_error(tmp_path, "name: Sales\ndepends: [base\ndata: []\n")
    assert error.addon == "sale"
    assert "not valid YAML at line" in str(error)
    assert "'data: []'" in str(error)


def test_a_manifest_that_is_not_a_mapping_is_refused(tmp_path):
    error = manifest_error(tmp_path, "- name: Sales\n")
    assert "must be a mapping of keys to values, got list [{'name': 'Sales'}]" in str(error)


def test_an_empty_manifest_is_refused_as_not_a_mapping(tmp_path):
    assert "got null (no value) None" in str(manifest_error(tmp_path, ""))


def test_an_unknown_key_is_refused_with_the_closest_known_key(tmp_path):
    error = manifest_error(tmp_path, "name: Sales\ndepnds: [base]\n")
    assert (error.addon, error.key) == ("sale", "depnds")
    assert "unknown key 'depnds' (hint: did you mean 'depends'?)" in str(error)


def test_a_wrong_type_says_what_was_expected_and_what_was_given(tmp_path):
    error = manifest_error(tmp_path, "name: Sales\napplication: 'yes'\n")
    assert error.key == "application"
    assert "expects a boolean (true or false), got string 'yes'" in str(error)


def test_a_single_string_where_a_list_is_expected_suggests_the_list_form(tmp_path):
    error = manifest_error(tmp_path, "name: Sales\ndepends: base\n")
    assert "expects a list of strings, got string 'base' (hint: write a YAML list: depends: [base])" in str(
        error
    )


def test_an_unquoted_version_is_refused_with_a_hint_to_quote_it(tmp_path):
    error = manifest_error(tmp_path, "name: Sales\nversion: 1.10\n")
    assert "key 'version': expects a string, got number 1.1" in str(error)
    assert 'quote it, for example version: "1.0"' in str(error)


def test_a_boolean_is_not_accepted_as_the_sequence(tmp_path):
    assert "expects an integer, got boolean True" in str(
        manifest_error(tmp_path, "name: S\nsequence: true\n")
    )


def test_an_unknown_kind_of_external_dependency_is_named(tmp_path):
    error = manifest_error(tmp_path, "name: S\nexternal_dependencies: {pyhton: [yaml]}\n")
    assert error.key == "external_dependencies"
    assert "'pyhton' is not one of python, bin" in str(error)


def test_assets_must_map_bundles_to_lists_of_paths(tmp_path):
    error = manifest_error(tmp_path, "name: S\nassets: {web.assets_backend: static/src/app.js}\n")
    assert "expects a mapping of names to lists of strings" in str(error)


def test_the_name_key_is_required(tmp_path):
    error = manifest_error(tmp_path, "summary: Sales\n")
    assert error.key == "name"
    assert "the required key 'name' is missing" in str(error)


def test_a_data_file_that_does_not_exist_is_named_with_the_closest_file(tmp_path):
    error = manifest_error(
        tmp_path, "name: S\ndata: [views/sale_view.xml]\n", files=("views/sale_views.xml",)
    )
    assert error.key == "data"
    assert "data file 'views/sale_view.xml' does not exist in the addon folder" in str(error)
    assert "did you mean 'views/sale_views.xml'?" in str(error)


def test_a_demo_file_that_does_not_exist_is_named(tmp_path):
    error = manifest_error(tmp_path, "name: S\ndemo: [demo/orders.xml]\n")
    assert error.key == "demo"
    assert "demo file 'demo/orders.xml' does not exist" in str(error)


def test_a_data_file_outside_the_addon_folder_is_refused(tmp_path):
    (tmp_path / "secret.xml").write_text("", encoding="utf-8")
    error = manifest_error(tmp_path, "name: S\ndata: [../secret.xml]\n")
    assert "data file '../secret.xml'" in str(error)
    assert "must be inside the addon folder" in str(error)


def test_auto_install_naming_an_addon_outside_depends_is_refused(tmp_path):
    error = manifest_error(tmp_path, "name: S\ndepends: [base]\nauto_install: [stock]\n")
    assert error.key == "auto_install"
    assert "auto_install names 'stock', which is not in depends" in str(error)


def test_an_empty_auto_install_list_is_refused(tmp_path):
    error = manifest_error(tmp_path, "name: S\ndepends: [base]\nauto_install: []\n")
    assert "an empty list would install the addon into every database" in str(error)


def test_every_problem_of_a_manifest_is_reported_at_once(tmp_path):
    error = manifest_error(tmp_path, "name: S\ndepnds: [base]\nsequence: first\ndata: [missing.xml]\n")
    assert error.key is None
    assert "the manifest of addon 'sale' has 3 problems" in str(error)
    assert [problem.id for problem in error.details["problems"]] == [
        "manifest.E004",
        "manifest.E005",
        "manifest.E007",
    ]
    assert all(isinstance(problem, Problem) for problem in error.details["problems"])
