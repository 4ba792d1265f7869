"""``nexa-bin scaffold``: a new addon that installs and passes its own tests as generated.

The skeleton is rendered from the Jinja2 templates of ``nexa/cli/templates/addon/``
(one ``.jinja`` file per file to write; ``__name__`` in a path becomes the addon
name). It holds one model ``<name>.<name>`` (Odoo's scaffold convention), its
access rights, a list and a form view, a window action, a menu, and a test::

    nexa-bin scaffold library --dest ~/my-addons
    nexa-bin --addons-path addons,~/my-addons -d shop module install library
"""

from __future__ import annotations

import argparse
import keyword
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nexa.cli.command import Command
from nexa.exceptions import AddonError, NexaError

if TYPE_CHECKING:
    from nexa.runtime import Runtime

TEMPLATES = Path(__file__).resolve().parent / "templates" / "addon"
TEMPLATE_SUFFIX = ".jinja"
NAME_PLACEHOLDER = "__name__"
ADDON_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class ScaffoldCommand(Command):
    """Create the folder DEST/NAME holding a new addon: manifest.yaml, a model with its access
    rights, list and form views with a window action and a menu, and a test.

    The addon installs as generated. Put DEST on addons_path to install it.
    """

    name = "scaffold"
    help = "Create a new addon skeleton"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("addon", metavar="NAME",
                            help="Technical name of the new addon (lower case letters, digits, '_')")
        parser.add_argument("--dest", metavar="DIR", type=Path, default=Path("."),
                            help="Folder to create the addon in (default: the current folder)")

    def run(self, args: argparse.Namespace, runtime: Runtime) -> int:
        name = check_addon_name(args.addon)
        _refuse_shadowing(runtime, name)
        target = scaffold(name, args.dest)
        print(f"Created addon {name} in {target}")
        if not _on_addons_path(runtime, args.dest):
            print(f"Add {str(args.dest.resolve())!r} to addons_path (or pass --addons-path) to install it.")
        return 0


def check_addon_name(name: str) -> str:
    """Refuse a name that cannot be an addon's technical name, suggesting one that can."""
    if ADDON_NAME.match(name) and not keyword.iskeyword(name):
        return name
    fixed = re.sub(r"\W", "_", name.strip().lower()) or "my_addon"
    fixed = f"x_{fixed}" if not fixed[0].isalpha() or keyword.iskeyword(fixed) else fixed
    raise AddonError(f"Invalid addon name {name!r}: use lower case letters, digits and '_', starting with a "
                     f"letter (a Python identifier), e.g. {fixed!r}", addon=name)


def template_values(name: str) -> dict[str, Any]:
    """What the templates may use: the addon name, its title, its model and class names."""
    model = f"{name}.{name}"
    return {"name": name, "title": name.replace("_", " ").title(), "model": model,
            "model_xmlid": model.replace(".", "_"),
            "class_name": "".join(part.capitalize() for part in name.split("_"))}


def scaffold(name: str, dest: Path) -> Path:
    """Write the addon ``name`` into ``dest/name`` (which must not exist); return its folder."""
    import jinja2

    target = Path(dest).expanduser() / check_addon_name(name)
    if target.exists():
        raise AddonError(f"Cannot scaffold addon {name!r}: {str(target)!r} already exists; choose another name "
                         "or --dest", addon=name)
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), keep_trailing_newline=True,
                                     undefined=jinja2.StrictUndefined, autoescape=False)
    values = template_values(name)
    for template_path in sorted(TEMPLATES.rglob(f"*{TEMPLATE_SUFFIX}")):
        relative = template_path.relative_to(TEMPLATES)
        output = target / str(relative)[: -len(TEMPLATE_SUFFIX)].replace(NAME_PLACEHOLDER, name)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(environment.get_template(relative.as_posix()).render(values), encoding="utf-8")
    return target


def _refuse_shadowing(runtime: Runtime, name: str) -> None:
    """An addon named like one already on the addons path would hide it, or be hidden by it."""
    try:
        known = runtime.addons
    except NexaError:  # a broken addons path is no reason not to write a new addon elsewhere
        return
    if name in known:
        raise AddonError(f"Cannot scaffold addon {name!r}: an addon of that name is already on the addons path "
                         f"({known[name].path}); choose another name", addon=name)


def _on_addons_path(runtime: Runtime, dest: Path) -> bool:
    folder = Path(dest).expanduser().resolve()
    return any(Path(path).expanduser().resolve() == folder for path in runtime.config.addons_path)
