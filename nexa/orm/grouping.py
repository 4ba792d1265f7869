"""``read_group``: records grouped by fields and date granularities, with aggregates, in one query.

The signature and the result are Odoo 17's, because the web client (and Odoo scripts)
call it over RPC::

    env["sale.order"].read_group([("state", "=", "sale")], ["amount_total:sum"], ["partner_id"])
    [{"partner_id": (7, "Acme"), "partner_id_count": 3, "amount_total": 1250.0,
      "__domain": ["&", ("state", "=", "sale"), ("partner_id", "=", 7)]}, ...]

* ``groupby``: field names, ``"date_field:granularity"`` with ``day``, ``week``,
  ``month`` (the default for dates), ``quarter`` or ``year``. With ``lazy=True``
  (the default) only the first is applied and each group carries
  ``__context = {"group_by": rest}`` for the next level; the count is
  ``<field>_count``. With ``lazy=False`` all are applied and the count is ``__count``.
* ``fields``: ``"field"`` (aggregated with the field's ``aggregator``, ``sum`` for
  numbers), ``"field:agg"`` or ``"name:agg(field)"`` with ``agg`` among
  :data:`AGGREGATES`.
* a group value is ``(id, display_name)`` for relations, a label for dates
  (``"January 2024"``, ``"W2 2024"``, ``"Q1 2024"``) with the bounds in
  ``__range``, the raw value otherwise, ``False`` for "none". Datetimes are grouped
  by the days of the context's ``tz`` (as Odoo does: the web client sends the user's
  zone), their ``__range`` and ``__domain`` bounds given in UTC, as values are stored.
* ``orderby`` may name group fields and aggregates (``"amount_total desc"``);
  groups by a many2one follow the comodel's ``_order``.

The SQL is one SELECT composed with SQLAlchemy (``GROUP BY``, aggregates, joins for
many2many groups and comodel ordering); the domain goes through the same WHERE as
``search``, so the ``active`` filter and the user's record rules apply. A field with
``group_expand`` lists groups that have no record (kanban columns) in lazy mode.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import case, distinct, func, select
from sqlalchemy.sql import ColumnElement

from nexa.db.timezones import in_time_zone, time_zone, utc_of_local_midnight
from nexa.exceptions import ValidationError, did_you_mean
from nexa.orm import api
from nexa.orm.domain import AND
from nexa.orm.query import plain_order

GRANULARITIES = ("day", "week", "month", "quarter", "year")
AGGREGATES = ("sum", "avg", "min", "max", "count", "count_distinct", "bool_and", "bool_or")
FIELD_SPEC = re.compile(r"^(\w+)(?::(\w+)(?:\((\w+)\))?)?$")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


@dataclass
class Group:
    """One ``groupby`` spec compiled: its SQL value and how to order by it."""

    spec: str
    field: Any
    granularity: str | None
    value: ColumnElement
    order: list[tuple[ColumnElement, bool]] = field(default_factory=list)  # (expression, descending)
    zone: ZoneInfo | None = None  # the user's time zone, for datetime granularities


def _invalid(model: Any, name: str, what: str) -> ValidationError:
    hint = did_you_mean(name, model._fields)
    return ValidationError(f"Invalid {what} {name!r} for read_group on {model._name}: no such field{hint}",
                           model=model._name, field=name)


class _Query:
    """The SELECT of one read_group call, built step by step."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self.env = model.env
        self.table = model._table_obj
        self.source: Any = self.table

    def group(self, spec: str) -> Group:
        model, env, table = self.model, self.env, self.table
        name, _sep, granularity = spec.partition(":")
        target = model._fields.get(name)
        if target is None:
            raise _invalid(model, name, "groupby field")
        if not env.su:
            model._check_field_access(target, "read")
        if target.type in ("date", "datetime"):
            granularity = granularity or "month"
            if granularity not in GRANULARITIES:
                raise ValidationError(f"Invalid granularity {granularity!r} in groupby {spec!r} on {model._name}: "
                                      f"use one of {', '.join(GRANULARITIES)}", model=model._name, field=name)
        elif granularity:
            raise ValidationError(f"Groupby {spec!r} on {model._name}: a granularity only applies to date and "
                                  f"datetime fields, and {name} is a {target.type}", model=model._name, field=name)
        if target.type == "many2many" and target.store:
            relation = target.table(env).alias(f"{table.name}__{name}_rel")
            self.source = self.source.outerjoin(relation, relation.c[target.column1] == table.c.id)
            value = relation.c[target.column2]
        elif not target.column_stored or target.type == "binary":
            raise ValidationError(f"Cannot group {model._name} by {name!r}: only stored fields (not one2many, "
                                  "binary or computed without store=True) can be grouped", model=model._name,
                                  field=name)
        else:
            value = table.c[name]
        group = Group(spec, target, granularity or None, value)
        if target.type in ("many2one", "many2many"):
            comodel = env[target.comodel_name]
            alias = comodel._table_obj.alias(f"{table.name}__{name}_group")
            self.source = self.source.outerjoin(alias, alias.c.id == value)
            group.order = [(func.min(column), descending)
                           for column, descending in plain_order(comodel, alias)]
        elif granularity:
            if target.type == "datetime":  # days and months of the user's wall clock, not of UTC
                group.zone = time_zone(env.context.get("tz"))
                if group.zone is not None:
                    value = in_time_zone(env.dialect, value, group.zone)
            group.value = env.dialect.date_trunc(granularity, value)
            group.order = [(group.value, False)]
        else:
            if getattr(target, "translations_field", None) is not None:
                from nexa.orm.translation import search_expression

                group.value = search_expression(target, value, env)
            group.order = [(group.value, False)]
        return group

    def aggregate(self, name: str, function: str) -> ColumnElement:
        model = self.model
        target = model._fields.get(name)
        if target is None:
            raise _invalid(model, name, "aggregated field")
        if function not in AGGREGATES:
            raise ValidationError(f"Invalid aggregate {function!r} for {model._name}.{name}: use one of "
                                  f"{', '.join(AGGREGATES)}", model=model._name, field=name, value=function)
        if not target.column_stored and name != "id":
            raise ValidationError(f"Cannot aggregate {model._name}.{name}: the field is not stored",
                                  model=model._name, field=name)
        if not self.env.su:
            model._check_field_access(target, "read")
        column = self.table.c[name]
        if function == "count_distinct":
            return func.count(distinct(column))
        if function in ("bool_and", "bool_or"):
            flag = case((column.is_(True), 1), else_=0)  # portable: min/max over 0 and 1
            return func.min(flag) if function == "bool_and" else func.max(flag)
        return getattr(func, function)(column)


def _aggregate_specs(model: Any, fields: list[str], group_specs: set[str]) -> dict[str, tuple[str, str]]:
    """``{result name: (field, function)}`` from Odoo's ``fields`` argument."""
    specs: dict[str, tuple[str, str]] = {}
    for spec in fields or ():
        if spec == "__count":
            continue
        match = FIELD_SPEC.match(str(spec))
        if not match:
            raise ValidationError(f"Invalid field specification {spec!r} for read_group on {model._name}: use "
                                  "'field', 'field:agg' or 'name:agg(field)'", model=model._name, value=spec)
        name, function, source = match.groups()
        if source:
            specs[name] = (source, function)
        elif function:
            specs[name] = (name, function)
        else:
            target = model._fields.get(name)
            if target is None:
                raise _invalid(model, name, "field")
            aggregator = getattr(target, "aggregator", None)
            if target.column_stored and aggregator and spec not in group_specs:
                specs[name] = (name, aggregator)
    return specs


def _ordering(query: _Query, orderby: str, groups: list[Group], aggregates: dict[str, ColumnElement]) -> list:
    if not orderby:
        terms = [(group, False) for group in groups]
    else:
        terms = []
        for term in orderby.split(","):
            words = term.split()
            if not words:
                continue
            key = words[0]
            descending = len(words) > 1 and words[1].lower() == "desc"
            group = next((g for g in groups if g.spec.split(":")[0] == key.split(":")[0]), None)
            if group is not None:
                terms.append((group, descending))
            elif key in aggregates:
                terms.append((aggregates[key], descending))
            else:
                allowed = [g.spec for g in groups] + list(aggregates)
                raise ValidationError(f"Cannot order the groups of {query.model._name} by {key!r}: order by a "
                                      f"groupby field or an aggregate ({', '.join(allowed)})",
                                      model=query.model._name, value=orderby)
    expressions = []
    for item, descending in terms:
        pairs = item.order if isinstance(item, Group) else [(item, False)]
        for expression, reverse in pairs:
            flipped = descending != reverse
            expressions.append(expression.desc().nulls_first() if flipped else expression.asc().nulls_last())
    return expressions


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    return day.replace(year=day.year + index // 12, month=index % 12 + 1, day=1)


def _date_group(group: Group, raw: Any) -> tuple[Any, Any, list]:
    """``(label, range, domain leaves)`` of a date group whose truncated value is ``raw``."""
    name = group.field.name
    if raw is None:
        return False, False, [(name, "=", False)]
    start = raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw)[:10])
    granularity = group.granularity
    if granularity == "day":
        end, label = start + dt.timedelta(days=1), f"{start:%d} {MONTHS[start.month - 1][:3]} {start.year}"
    elif granularity == "week":
        year, week, _day = start.isocalendar()
        end, label = start + dt.timedelta(days=7), f"W{week} {year:04}"
    elif granularity == "month":
        end, label = _add_months(start, 1), f"{MONTHS[start.month - 1]} {start.year}"
    elif granularity == "quarter":
        end, label = _add_months(start, 3), f"Q{(start.month - 1) // 3 + 1} {start.year}"
    else:
        end, label = start.replace(year=start.year + 1), f"{start.year}"
    form = "%Y-%m-%d %H:%M:%S" if group.field.type == "datetime" else "%Y-%m-%d"
    if group.zone is not None:  # local days, bounded in UTC as the values are stored
        start, end = utc_of_local_midnight(start, group.zone), utc_of_local_midnight(end, group.zone)
    bounds = {"from": start.strftime(form), "to": end.strftime(form)}
    return label, bounds, ["&", (name, ">=", bounds["from"]), (name, "<", bounds["to"])]


def _result_value(model: Any, target: Any, function: str, value: Any) -> Any:
    if isinstance(value, Decimal):
        value = float(value)
    if function in ("count", "count_distinct"):
        return value or 0
    if function in ("bool_and", "bool_or"):
        return bool(value)
    if function in ("sum", "avg") and target.type in ("integer", "float", "monetary"):
        return value if value is not None else target.to_read(None, model)
    if value is None:
        return False
    return target.from_column(value) if function in ("min", "max") else value


def _expand(method: Any, groups: Any, domain: Any) -> Any:
    """Call a ``group_expand`` method as Odoo 17 does: ``(groups, domain)``, plus ``order`` if it takes one."""
    import inspect

    parameters = [p for p in inspect.signature(method).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return method(groups, domain, None) if len(parameters) >= 3 else method(groups, domain)


class GroupingMixin:
    """``read_group`` (see the module docstring)."""

    env: Any
    _name: str
    _fields: dict

    @api.model
    def read_group(self, domain: Any, fields: list[str], groupby: str | list[str], offset: int = 0,
                   limit: int | None = None, orderby: str | bool = False, lazy: bool = True) -> list[dict]:
        """Groups of the records matching ``domain`` with their counts and aggregates (Odoo 17's shape)."""
        self._check_access("read")  # type: ignore[attr-defined]
        self._check_searchable()  # type: ignore[attr-defined]
        groupby = [groupby] if isinstance(groupby, str) else list(dict.fromkeys(groupby or []))
        lazy_groupby = groupby[:1] if lazy else groupby
        query = _Query(self)
        groups = [query.group(spec) for spec in lazy_groupby]
        count_key = f"{lazy_groupby[0].split(':')[0]}_count" if lazy and len(lazy_groupby) == 1 else "__count"
        specs = _aggregate_specs(self, fields, set(lazy_groupby))
        expressions = {count_key: func.count(query.table.c.id), "__count": func.count(query.table.c.id)}
        for name, (source, function) in specs.items():
            expressions[name] = query.aggregate(source, function)
        columns = [group.value.label(f"group_{index}") for index, group in enumerate(groups)]
        columns += [expressions[count_key].label("count")]
        columns += [expressions[name].label(f"aggregate_{index}") for index, name in enumerate(specs)]
        statement = select(*columns).select_from(query.source).where(self._where(domain or [], query.table))
        if groups:
            statement = statement.group_by(*(group.value for group in groups))
        statement = statement.order_by(*_ordering(query, orderby or "", groups, expressions))
        if offset:
            statement = statement.offset(int(offset))
        if limit:
            statement = statement.limit(int(limit))
        rows = list(self.env.transaction.execute(statement))
        result = self._read_group_rows(rows, groups, specs, count_key, domain or [])
        if lazy and groups:
            result = self._read_group_expand(result, groups[0], specs, count_key, domain or [])
        for row in result:
            if len(lazy_groupby) < len(groupby):
                row["__context"] = {"group_by": groupby[len(lazy_groupby):]}
        return result

    def _read_group_rows(self, rows: list, groups: list[Group], specs: dict, count_key: str,
                         domain: Any) -> list[dict]:
        from nexa.orm.rows import display_names

        names: dict[str, dict[int, str]] = {}
        for index, group in enumerate(groups):
            if group.field.type in ("many2one", "many2many"):
                ids = {row[index] for row in rows if row[index]}
                names[group.spec] = display_names(self.env[group.field.comodel_name], ids)
        result = []
        for row in rows:
            item: dict[str, Any] = {}
            leaves: list = []
            for index, group in enumerate(groups):
                raw = row[index]
                if group.granularity:
                    label, bounds, leaf = _date_group(group, raw)
                    item[group.spec] = label
                    item.setdefault("__range", {})[group.spec] = bounds
                elif group.field.type in ("many2one", "many2many"):
                    item[group.spec] = (raw, names[group.spec].get(raw, "")) if raw else False
                    leaf = [(group.field.name, "=", raw or False)]
                else:
                    value = group.field.from_column(raw)
                    item[group.spec] = False if value is None else value
                    leaf = [(group.field.name, "=", item[group.spec])]
                leaves.append(leaf)
            item[count_key] = row[len(groups)]
            for index, (name, (source, function)) in enumerate(specs.items()):
                item[name] = _result_value(self, self._fields[source], function, row[len(groups) + 1 + index])
            item["__domain"] = AND([domain, *leaves])
            result.append(item)
        return result

    def _read_group_expand(self, result: list[dict], group: Group, specs: dict, count_key: str,
                           domain: Any) -> list[dict]:
        """Add the empty groups ``group_expand`` asks for (kanban columns), in its order."""
        expand = group.field.group_expand
        if not expand or group.granularity:
            return result
        method = getattr(self, expand) if isinstance(expand, str) else None
        present = {(item[group.spec][0] if isinstance(item[group.spec], tuple) else item[group.spec]): item
                   for item in result}
        if group.field.type == "many2one":
            comodel = self.env[group.field.comodel_name]
            found = comodel.browse([key for key in present if key])
            wanted = _expand(method, found, domain) if method else comodel.search([])
            keys = list(wanted._ids)
            labels = dict(wanted.sudo().name_get())
        elif group.field.type == "selection":
            wanted = _expand(method, [key for key in present if key], domain) if method else \
                [key for key, _label in group.field.get_values(self.env)]
            keys, labels = list(wanted), {}
        else:
            return result
        empty = {name: _result_value(self, self._fields[source], function, None)
                 for name, (source, function) in specs.items()}
        expanded = []
        for key in keys:
            if key in present:
                expanded.append(present.pop(key))
                continue
            value = (key, labels.get(key, "")) if group.field.type == "many2one" else key
            expanded.append({group.spec: value, count_key: 0, **empty,
                             "__domain": AND([domain, [(group.field.name, "=", key)]])})
        expanded.extend(present.values())
        if group.field.type == "many2one" and "fold" in self.env[group.field.comodel_name]._fields:
            folded = {record.id: bool(record.fold) for record in
                      self.env[group.field.comodel_name].sudo().browse([k for k in keys if k])}
            for item in expanded:
                value = item[group.spec]
                item["__fold"] = folded.get(value[0], False) if value else False
        return expanded
