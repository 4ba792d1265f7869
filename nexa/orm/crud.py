"""Creating, writing, deleting and copying records.

Each operation validates every value first (unknown field, wrong type,
required field missing: a ValidationError naming the model, the field and the
value), then issues as few statements as it can: the rows of a ``create`` batch
run on one cursor with their ids read back (``lastrowid`` on SQLite, one pipelined
``executemany(..., returning=True)`` on PostgreSQL), one ``UPDATE ... WHERE id IN``
per ``write``. Database integrity errors are turned into ValidationErrors that
name the field or the constraint.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import UniqueConstraint, delete
from sqlalchemy.exc import IntegrityError

from nexa.db.naming import constraint_name
from nexa.exceptions import ValidationError, did_you_mean
from nexa.orm import api
from nexa.orm.compute import collect_before, recompute
from nexa.orm.concurrency import CONTEXT_KEY as VERSIONS_KEY
from nexa.orm.concurrency import check_write_versions
from nexa.orm.fields.base import Field
from nexa.orm.fields.temporal import Datetime
from nexa.orm.hierarchy import check_no_cycle, check_parent_move, store_parent_paths
from nexa.orm.plans import insert_rows, update_rows
from nexa.orm.translation import all_translations, split_translations, store_translations
from nexa.security.inputs import check_storable_column, check_storable_rows

LOG_ACCESS_FIELDS = ("create_uid", "create_date", "write_uid", "write_date")


class CrudMixin:
    """create / write / unlink / copy."""

    env: Any
    _ids: tuple[int, ...]
    _name: str
    _fields: dict
    _table_obj: Any
    _inherits: dict
    _log_access: bool

    # -- validation ------------------------------------------------------------------
    def _field_for_write(self, name: str) -> Any:
        field = self._fields.get(name)
        if field is None:
            hint = did_you_mean(name, self._fields)
            raise ValidationError(f"Invalid field {name!r} on model {self._name}{hint}",
                                  model=self._name, field=str(name))
        if name == "id" or (name in LOG_ACCESS_FIELDS and not self.env.su):
            raise ValidationError(f"Field {self._name}.{name} is set by the system and cannot be written",
                                  model=self._name, field=name)
        if not self.env.su:
            self._check_field_access(field, "write")
        return field

    def _split_values(self, values: Mapping[str, Any], checked: dict | None = None) -> tuple[dict, dict, dict, dict]:
        """Sort ``values`` into (columns, x2many commands, inverse-computed values, parent values).

        ``checked`` remembers, across the rows of one create, each name's field and kind
        once it passed :meth:`_field_for_write` (the same checks would give the same answer).
        """
        if not isinstance(values, Mapping):
            raise ValidationError(f"Values for {self._name} must be a dict of field values, got {values!r}",
                                  model=self._name, value=values)
        columns: dict[str, Any] = {}
        relations: dict[str, Any] = {}
        inverses: dict[str, Any] = {}
        parents: dict[str, dict[str, Any]] = {}
        env = self.env
        for name, value in values.items():
            known = checked.get(name) if checked is not None else None
            if known is None:
                known = self._kind_of(name)
                if checked is not None:
                    checked[name] = known
            field, kind = known
            if kind == "column":
                columns[name] = field.to_cache(value, env)
            elif kind == "parent":
                parents.setdefault(self._delegated_fields[name], {})[name] = value
            elif kind == "inverse":
                inverses[name] = value
            else:
                relations[name] = field.commands(value)
        return columns, relations, inverses, parents

    def _kind_of(self, name: str) -> tuple[Any, str]:
        """``(field, how it is written)`` for a field name given to create or write (checked)."""
        field = self._field_for_write(name)
        if name in self._delegated_fields:
            return field, "parent"
        if field.related:
            return field, "inverse"
        if field.column_stored:
            return field, "column"
        if field.store and field.type in ("one2many", "many2many"):
            return field, "relation"
        if field.inverse:
            return field, "inverse"
        raise ValidationError(f"Field {self._name}.{name} is computed and cannot be written",
                              model=self._name, field=name)

    def _check_required(self, columns: dict[str, Any], *, creating: bool) -> None:
        for field in self._required_fields:
            if creating and field.name not in columns:
                value = None
            elif field.name in columns:
                value = columns[field.name]
            else:
                continue
            if value is None or (value == () and field.type != "boolean"):
                raise ValidationError(f"The field '{field.string}' ({self._name}.{field.name}) is required",
                                      model=self._name, field=field.name)

    # -- create ----------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list: dict | list[dict]) -> Any:
        """Create records from one dict or a list of dicts; return them as a recordset."""
        if isinstance(vals_list, Mapping):
            vals_list = [vals_list]
        if not isinstance(vals_list, (list, tuple)):
            raise ValidationError(f"create() on {self._name} expects a dict or a list of dicts, got {vals_list!r}",
                                  model=self._name, value=vals_list)
        self._check_access("create")
        if not vals_list:
            return self.browse()
        env = self.env
        now = Datetime.now()
        rows, posts, parents_list = [], [], []
        translations: list[dict] = []
        translatable = any(getattr(field, "translations_field", None) is not None for field in self._fields.values())
        checked: dict[str, tuple[Any, str]] = {}
        given_names: set[str] = set()
        for values in vals_list:
            if isinstance(values, Mapping):
                given_names.update(values)
            values = {**self._defaults_for_create(values), **dict(values)}
            if translatable:
                values, translated = split_translations(self, values, creating=True)
                translations.append(translated)
            columns, relations, inverses, parents = self._split_values(values, checked)
            if self._log_access:
                columns.update(create_uid=env.uid, create_date=now, write_uid=env.uid, write_date=now)
            links_to_create = {link: -1 for link in self._inherits.values() if not columns.get(link)}
            self._check_required({**columns, **links_to_create} if links_to_create else columns, creating=True)
            rows.append(columns)
            posts.append((relations, inverses))
            parents_list.append(parents)
        self._create_parents(rows, parents_list)
        ids = self._insert_rows(rows)
        records = self._browse(env, tuple(ids), tuple(ids))
        cache = env.cache
        for field in self._column_fields:
            name, empty = field.name, field.to_cache(None, env)
            cache.update(field, {record_id: columns.get(name, empty) for record_id, columns in zip(ids, rows)})
        records._forget_inverse_lists({name for row in rows for name in row})
        if self._parent_store:
            store_parent_paths(records, created=True)
        for name in dict.fromkeys(name for relations, _inverses in posts for name in relations):
            having = [(record, relations[name]) for record, (relations, _i) in zip(records, posts) if name in relations]
            targets = self._browse(env, tuple(record.id for record, _c in having), records._ids)
            self._fields[name].apply_each(targets, [commands for _r, commands in having], created=True)
        if any(inverses for _relations, inverses in posts):
            for record, (_relations, inverses) in zip(records, posts):
                if inverses:
                    record._write_inverses(inverses)
        if any(translations):
            for record, translated in zip(records, translations):
                store_translations(record, translated)
        cache.invalidate_computed()
        given = set(self._fields) & given_names
        records._after_change(given, created=True)
        records._security_after_create(given)
        return records

    def _create_parents(self, rows: list[dict[str, Any]], parents_list: list[dict[str, dict]]) -> None:
        """Create (one batch per parent model) or update the records ``_inherits`` delegates to.

        Runs once every row is validated, so a bad value in any row creates no parent at all.
        """
        for parent_model, link in self._inherits.items():
            parents = self.env[parent_model]
            missing = [index for index, columns in enumerate(rows) if not columns.get(link)]
            for index, columns in enumerate(rows):
                if index not in missing and parents_list[index].get(link):
                    parents.browse(columns[link]).write(parents_list[index][link])
            if missing:
                created = parents.create([parents_list[index].get(link, {}) for index in missing])
                for index, parent_id in zip(missing, created._ids):
                    rows[index][link] = parent_id

    def _insert_rows(self, rows: list[dict[str, Any]]) -> list[int]:
        """Insert rows of cache values (converted and checked column by column); their new ids, in order."""
        names = tuple(sorted({name for row in rows for name in row}))
        columns = []
        for name in names:
            field = self._fields[name]
            values = [row.get(name) for row in rows]
            if type(field).to_column is not Field.to_column:  # the base one is the identity
                values = [field.to_column(value) for value in values]
            check_storable_column(self._name, field, values)
            columns.append(values)
        try:
            return insert_rows(self, names, list(zip(*columns)) if names else [() for _row in rows])
        except IntegrityError as error:
            raise self._integrity_error(error) from None

    def _defaults_for_create(self, values: Mapping[str, Any]) -> dict[str, Any]:
        missing = [name for name in self._default_fields if name not in values]
        return self._default_values(missing) if missing else {}

    # -- write -----------------------------------------------------------------------
    def write(self, values: dict) -> bool:
        """Write ``values`` on every record of the set; returns True."""
        self._check_access("write")
        if not self._ids:
            return True
        self._check_record_rules(self._ids, "write")
        audit_before = self._security_before_write(set(values))
        env = self.env
        if env.context.get(VERSIONS_KEY):
            check_write_versions(self, values)
        names = set(values)
        values, translated = split_translations(self, values, creating=False)
        columns, relations, inverses, parents = self._split_values(values)
        self._check_required(columns, creating=False)
        collect_before(self, {name for name in (*columns, *relations) if self._fields[name].relational})
        if self._parent_name in columns and not self._parent_store:
            check_no_cycle(self, columns[self._parent_name])
        for link, parent_values in parents.items():
            parent_model = next(model for model, field in self._inherits.items() if field == link)
            env[parent_model].browse(self.mapped(link)._ids).write(parent_values)
        if self._log_access and (columns or relations or parents):
            columns.update(write_uid=env.uid, write_date=Datetime.now())
        moving = self._parent_store and self._parent_name in columns
        if moving:
            check_parent_move(self, columns[self._parent_name])
        if columns:
            self._update_rows(columns)
            if moving:
                store_parent_paths(self, created=False)
        for name, commands in relations.items():
            self._fields[name].apply(self, commands)
        self._write_inverses(inverses)
        store_translations(self, translated)
        env.cache.invalidate_computed()
        self._after_change(names, created=False)
        self._security_after_write(names, audit_before)
        return True

    def _update_rows(self, columns: dict[str, Any]) -> None:
        bound = {name: self._fields[name].to_column(value) for name, value in columns.items()}
        check_storable_rows(self._name, [self._fields[name] for name in bound], [bound])
        chunk = self.env.dialect.max_bound_parameters - len(bound)
        ids = list(dict.fromkeys(self._ids))
        try:
            updated = update_rows(self, ids, bound, chunk)
        except IntegrityError as error:
            raise self._integrity_error(error) from None
        if updated < len(ids):
            self.ensure_exists()
        cache = self.env.cache
        for name, value in columns.items():
            field = self._fields[name]
            for record_id in ids:
                cache.set(field, record_id, value)
        self._forget_inverse_lists(set(columns))

    def _forget_inverse_lists(self, names: set[str]) -> None:
        """Drop the cached one2many values that the many2one fields ``names`` of these records feed."""
        for field in self.env.registry.fields_pointing_to(self._name):
            if field.type == "one2many" and field.inverse_name in names:
                self.env.cache.invalidate_field(field)

    def _write_inverses(self, inverses: dict[str, Any]) -> None:
        for name, value in inverses.items():
            field = self._fields[name]
            if field.related and not field.inverse:
                *path, last = field.related.split(".")
                targets = self.mapped(".".join(path)) if path else self
                targets.write({last: value})
                continue
            cache = self.env.cache
            cached = field.to_cache(value, self.env)
            for record_id in self._ids:
                cache.set(field, record_id, cached)
            computing = self.env.transaction.computing.setdefault(field, set())
            computing.update(self._ids)
            try:
                getattr(self, field.inverse)()
            finally:
                computing.difference_update(self._ids)

    def _after_change(self, names: set[str], *, created: bool) -> None:
        """Hook run after create/write: constraints, recomputations (see nexa.orm.compute)."""
        from nexa.orm.compute import after_change

        after_change(self, names, created=created)

    # -- unlink ----------------------------------------------------------------------
    def unlink(self) -> bool:
        """Delete the records; returns True. Links from other records follow their ``ondelete``."""
        self._check_access("unlink")
        if not self._ids:
            return True
        self._check_record_rules(self._ids, "unlink")
        audit_before = self._security_before_unlink()
        self._before_unlink()
        collect_before(self, None)
        table = self._table_obj
        ids = list(self._ids)
        chunk = self.env.dialect.max_bound_parameters
        try:
            for start in range(0, len(ids), chunk):
                self.env.transaction.execute(delete(table).where(table.c.id.in_(ids[start:start + chunk])))
        except IntegrityError as error:
            raise self._integrity_error(error, deleting=True) from None
        self._forget_records(ids)
        recompute(self.env)
        self._security_after_unlink(audit_before)
        return True

    def _before_unlink(self) -> None:
        """Remove external ids and other bookkeeping of records about to be deleted."""
        if "ir.model.data" in self.env and self._name != "ir.model.data":
            data = self.env["ir.model.data"].sudo()
            data._search([("model", "=", self._name), ("res_id", "in", list(self._ids))]).unlink()

    def _forget_records(self, ids: list[int]) -> None:
        cache = self.env.cache
        cache.invalidate_records(self._fields.values(), ids)
        for field in self.env.registry.fields_pointing_to(self._name):
            cache.invalidate_field(field)
        cache.invalidate_computed()

    # -- copy ------------------------------------------------------------------------
    def copy_data(self, default: dict | None = None) -> list[dict]:
        """The values ``copy`` would create, one dict per record."""
        default = dict(default or {})
        result = []
        for record in self:
            values = {}
            for name, field in self._fields.items():
                if name in default or not field.copy or not field.store or name in LOG_ACCESS_FIELDS:
                    continue
                if name == "id" or (field.compute and not field.inverse) or name in self._delegated_fields:
                    continue
                value = getattr(record, name)
                if getattr(field, "translations_field", None) is not None:
                    values[name] = all_translations(record, field)
                elif field.type == "many2one":
                    values[name] = value.id or False
                elif field.type == "many2many":
                    values[name] = [(6, 0, list(value._ids))]
                elif field.type == "one2many":
                    values[name] = [(0, 0, line) for line in value.copy_data(
                        {field.inverse_name: False})]
                    for line in values[name]:
                        line[2].pop(field.inverse_name, None)
                else:
                    values[name] = field.to_read(record.env.cache.get(field, record.id), record) \
                        if field.type in ("binary", "image") else value
            values.update(default)
            result.append(values)
        return result

    def copy(self, default: dict | None = None) -> Any:
        """Duplicate the record(s) with ``default`` overriding copied values."""
        return self.create(self.copy_data(default))

    # -- errors ----------------------------------------------------------------------
    def _constraint_columns(self, key: str) -> list[str]:
        """``table.column`` names of the UNIQUE constraint ``key`` of ``_sql_constraints``."""
        name = constraint_name(self._table, key)
        for constraint in self._table_obj.constraints:
            if constraint.name == name and isinstance(constraint, UniqueConstraint):
                return [f"{self._table}.{column.name}" for column in constraint.columns]
        return []

    def _constraint_error(self, message: str, definition: str) -> ValidationError:
        """The user message of an ``_sql_constraints`` entry, naming the model, fields and records."""
        words = set(re.findall(r"[a-z_][a-z0-9_]*", definition.lower()))
        names = [name for name in self._fields if name in words and name != "id"]
        where = f"{self._name}.{names[0]}" if len(names) == 1 else \
            f"{self._name} ({', '.join(names)})" if names else self._name
        if self._ids:
            where += f", records {list(self._ids)[:10]}"
        return ValidationError(f"{message} ({where})", model=self._name, field=names[0] if names else None,
                               record_ids=list(self._ids) or None)

    def _integrity_error(self, error: IntegrityError, *, deleting: bool = False) -> ValidationError:
        dialect = self.env.dialect
        text = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        unique_columns = dialect.unique_violation_columns(error)
        for key, definition, message in self._sql_constraints:
            if key in str(error.orig) or (unique_columns and unique_columns == self._constraint_columns(key)):
                return self._constraint_error(message, definition)
        if dialect.is_foreign_key_violation(error):
            if deleting:
                return ValidationError(
                    f"Cannot delete these {self._description or self._name} records: other records still refer "
                    f"to them ({text})", model=self._name, record_ids=list(self._ids))
            return ValidationError(f"A linked record of {self._name} does not exist ({text})", model=self._name)
        if dialect.is_not_null_violation(error):
            return ValidationError(f"A required field of {self._name} is empty ({text})", model=self._name)
        if dialect.is_unique_violation(error):
            return ValidationError(f"A {self._name} record with the same value already exists ({text})",
                                   model=self._name)
        return ValidationError(f"The database refused the change on {self._name}: {text}", model=self._name)
