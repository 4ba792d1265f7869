"""Import installed addons and collect the model definitions they declare.

Each addon folder is imported as the package ``nexa.addons.<name>`` (addons
installed with pip keep their own package name). Its ``__init__.py`` imports
its modules; the loader then collects, from every loaded module of the package
(tests excepted), the model definitions found there, in the order they were
written. Nothing is registered globally: the caller passes the definitions to
:func:`nexa.orm.registry.build_registry`.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Mapping, Sequence
from types import ModuleType

from nexa.exceptions import AddonError
from nexa.modules.discovery import AddonInfo
from nexa.orm.models import is_definition


def package_name(info: AddonInfo) -> str:
    """The importable name of an addon's Python package."""
    return info.package or f"nexa.addons.{info.name}"


def import_addon(info: AddonInfo) -> ModuleType | None:
    """Import an addon's package (None for an addon without Python code)."""
    name = package_name(info)
    if name in sys.modules:
        return sys.modules[name]
    if info.package:
        return importlib.import_module(info.package)
    init = info.path / "__init__.py"
    if not init.exists():
        return None
    spec = importlib.util.spec_from_file_location(name, init, submodule_search_locations=[str(info.path)])
    if spec is None or spec.loader is None:
        raise AddonError(f"Cannot import addon {info.name!r} from {info.path}", addon=info.name)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as error:
        for loaded in [key for key in sys.modules if key == name or key.startswith(name + ".")]:
            del sys.modules[loaded]
        raise AddonError(f"Addon {info.name!r} failed to import: {type(error).__name__}: {error}",
                         addon=info.name) from error
    return module


def definitions_of(package: ModuleType) -> list[type]:
    """The model definitions declared in the loaded modules of ``package``."""
    prefix = package.__name__
    found = []
    for module_name, module in list(sys.modules.items()):
        if module is None or not (module_name == prefix or module_name.startswith(prefix + ".")):
            continue
        if "tests" in module_name[len(prefix):].split("."):
            continue
        for value in vars(module).values():
            if is_definition(value) and value.__module__ == module_name:
                found.append(value)
    return sorted(set(found), key=lambda definition: definition._definition_order)


def load_addons(order: Sequence[str], addons: Mapping[str, AddonInfo]) -> tuple[dict[str, list[type]],
                                                                                dict[str, ModuleType]]:
    """Import the addons of ``order``; return their definitions and packages by addon name."""
    definitions: dict[str, list[type]] = {}
    packages: dict[str, ModuleType] = {}
    for name in order:
        module = import_addon(addons[name])
        if module is None:
            definitions[name] = []
            continue
        packages[name] = module
        definitions[name] = definitions_of(module)
    return definitions, packages
