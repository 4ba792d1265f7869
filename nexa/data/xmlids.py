"""External ids (``module.name``) and loading records by them.

Data files name records by external id so that loading the same file again
updates the records instead of duplicating them. :class:`LoadContext` carries
what one file load needs: the environment, the addon, the file, the mode
(``init`` or ``update``) and the set of external ids touched, which the upgrade
uses to remove records that disappeared from the data files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nexa.exceptions import DataFileError, NexaError


@dataclass
class LoadContext:
    """One data file being loaded."""

    env: Any
    addon: str
    file: str
    mode: str = "init"  # "init": first install; "update": upgrade
    noupdate: bool = False
    addon_path: Path = Path(".")
    touched: set[str] = field(default_factory=set)

    def error(self, message: str, *, line: int | None = None, model: str | None = None,
              field: str | None = None) -> DataFileError:
        return DataFileError(message, addon=self.addon, file=self.file, line=line, model=model, field=field)

    def qualify(self, xmlid: str) -> str:
        """``name`` -> ``addon.name``; ``other.name`` stays as it is."""
        return xmlid if "." in xmlid else f"{self.addon}.{xmlid}"

    def resolve(self, xmlid: str, *, line: int | None = None, model: str | None = None,
                field: str | None = None) -> tuple[str, int]:
        """``(model, id)`` of an external id, or a DataFileError naming it (and the field it is for)."""
        found = self.env["ir.model.data"]._xmlid_lookup(self.qualify(xmlid))
        if found is None:
            where = f" for field {model}.{field}" if model and field else ""
            raise self.error(f"External id {self.qualify(xmlid)!r} does not exist{where} (a ref to a record "
                             "defined in a file loaded later, or in an addon not in 'depends'?)", line=line,
                             model=model, field=field)
        return found

    def ref(self, xmlid: str, *, line: int | None = None, model: str | None = None, field: str | None = None) -> int:
        return self.resolve(xmlid, line=line, model=model, field=field)[1]


def load_record(ctx: LoadContext, xmlid: str | None, model: str, values: dict[str, Any], *,
                noupdate: bool, forcecreate: bool = True, line: int | None = None) -> Any:
    """Create or update the record ``xmlid`` of ``model`` with ``values``; returns it (or None)."""
    env = ctx.env
    if model not in env.registry:
        raise ctx.error(f"Unknown model {model!r}", line=line, model=model)
    records = env[model].with_context(active_test=False)
    data = env["ir.model.data"]
    full = ctx.qualify(xmlid) if xmlid else None
    if full:
        ctx.touched.add(full)
    try:
        entry = data._xmlid_entry(full) if full else None
        if entry is not None:
            record = records.browse(entry.res_id).exists()
            if ctx.mode == "update" and entry.noupdate:
                return record or None
            if record:
                record.write(values)
                if entry.noupdate != noupdate:
                    entry.write({"noupdate": noupdate})
                return record
            if not forcecreate:
                return None
            record = records.create(values)
            entry.write({"res_id": record.id, "model": model})
            return record
        if not forcecreate and ctx.mode == "update":
            return None
        record = records.create(values)
        if full:
            module, _dot, name = full.partition(".")
            data.create({"module": module, "name": name, "model": model, "res_id": record.id,
                         "noupdate": noupdate})
        return record
    except DataFileError:
        raise
    except NexaError as error:
        raise ctx.error(f"Cannot load record {full or '(no id)'} of {model}: {error}", line=line,
                        model=model, field=getattr(error, "field", None)) from error
