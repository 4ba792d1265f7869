"""Company consistency: a record of company A may not link to a record of company B.

A model with ``_check_company_auto = True`` has its relational fields declared
``check_company=True`` checked after every create and write: each record they
link to must belong to the record's company or to no company. Records without
a company may link to anything; comodels without a ``company_id`` field are not
checked. A company-dependent field holds the value of the current company, so
its links are checked against ``env.company`` instead. As in Odoo, the check
runs even in superuser mode: it protects data, not just users::

    class Invoice(Model):
        _name = "account.move"
        _check_company_auto = True
        company_id = fields.Many2one("res.company", required=True)
        partner_id = fields.Many2one("res.partner", check_company=True)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from nexa.exceptions import ValidationError

#: How many inconsistencies one error message lists.
SHOWN = 5


def checked_fields(model: Any, names: Iterable[str] | None = None) -> list[Any]:
    """The ``check_company`` fields of ``model`` that a change of ``names`` (None: all) may break."""
    names = None if names is None else set(names)
    fields = [field for field in model._fields.values()
              if field.relational and getattr(field, "check_company", False) and not field.related]
    if names is None or "company_id" in names:
        return fields
    return [field for field in fields if field.name in names]


def check_company(records: Any, names: Iterable[str] | None = None) -> None:
    """Raise a ValidationError naming every link of ``records`` to a record of another company."""
    fields = checked_fields(records, names)
    if not fields or not records:
        return
    sudo = records.sudo().with_context(active_test=False)
    current = records.env.company
    found = []
    for record in sudo:
        own = record if records._name == "res.company" else (
            record.company_id if "company_id" in records._fields else None)
        for field in fields:
            company = current if field.company_dependent else own
            if not company:
                continue
            for target in record[field.name]:
                if "company_id" not in target._fields:
                    break
                if target.company_id and target.company_id.id != company.id:
                    found.append((record, field, target, company))
    if found:
        _raise(records, found)


def _raise(records: Any, found: list[tuple[Any, Any, Any, Any]]) -> None:
    lines = [f"- {record.display_name!r} ({records._name} {record.id}, company {company.name!r}) links "
             f"{field.name} to {target.display_name!r} ({target._name} {target.id}) of company "
             f"{target.company_id.name!r}" for record, field, target, company in found[:SHOWN]]
    more = f"\n... and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
    raise ValidationError(
        "Incompatible companies on records: a record may only link to records of its own company or of no "
        "company. Choose records of the same company, or change the company first.\n" + "\n".join(lines) + more,
        model=records._name, field=found[0][1].name, record_ids=sorted({record.id for record, *_ in found}))
