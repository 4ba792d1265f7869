"""External dependencies: Python packages and programs an addon needs, checked before install."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from types import MappingProxyType

import pytest

from nexa.exceptions import DependencyError
from nexa.modules.discovery import AddonInfo
from nexa.modules.external import check_external_dependencies
from nexa.modules.manifest import Manifest


def addon(python: tuple[str, ...] = (), programs: tuple[str, ...] = ()) -> AddonInfo:
    external = MappingProxyType({"python": python, "bin": programs})
    manifest = Manifest("Reports", external_dependencies=external)
    return AddonInfo("report_pdf", Path("/srv/addons/report_pdf"), manifest, "path")


@pytest.fixture
def path_with_tool(tmp_path, monkeypatch) -> str:
    """PATH holding only one executable, ``nexa-test-tool``."""
    tool = tmp_path / "nexa-test-tool"
    tool.write_text("#!/bin/sh\n")
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(tmp_path))
    return os.fspath(tmp_path)


def test_an_addon_without_external_dependencies_passes():
    base = AddonInfo("base", Path("/srv/addons/base"), Manifest("Base"), "path")
    assert check_external_dependencies(base) is None


def test_an_importable_module_name_is_present():
    assert check_external_dependencies(addon(python=("yaml", "xml.etree"))) is None


def test_an_installed_distribution_name_is_present_even_if_not_a_module_name():
    assert check_external_dependencies(addon(python=("PyYAML",))) is None


def test_a_program_on_path_is_present(path_with_tool):
    assert check_external_dependencies(addon(programs=("nexa-test-tool",))) is None


def test_a_missing_python_package_names_the_addon_and_says_how_to_install_it():
    with pytest.raises(DependencyError) as caught:
        check_external_dependencies(addon(python=("yaml", "nexa_no_such_package")))
    assert (caught.value.addon, caught.value.key) == ("report_pdf", "external_dependencies")
    assert str(caught.value) == (
        "addon 'report_pdf' (/srv/addons/report_pdf) needs external dependencies that are missing:\n"
        "  - Python package 'nexa_no_such_package': pip install nexa_no_such_package"
    )


def test_a_missing_submodule_of_a_missing_package_is_missing():
    with pytest.raises(DependencyError, match=r"Python package 'nexa_no_such_package\.sub'"):
        check_external_dependencies(addon(python=("nexa_no_such_package.sub",)))


def test_every_missing_item_is_listed(path_with_tool):
    with pytest.raises(DependencyError) as caught:
        check_external_dependencies(
            addon(python=("nexa_missing_a",), programs=("nexa-test-tool", "wkhtmltopdf"))
        )
    assert "Python package 'nexa_missing_a': pip install nexa_missing_a" in str(caught.value)
    assert "program 'wkhtmltopdf': install it with the system's package manager and put it on PATH" in str(
        caught.value
    )
    assert "nexa-test-tool" not in str(caught.value)
