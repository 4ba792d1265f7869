"""One2many and Many2many: links to several records, written with commands.

Neither has a column in the model's table: a one2many is the reverse of a
many2one on the comodel, a many2many lives in a relation table. Each type knows
how to fetch its values for a batch of records and how to apply commands.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import delete, insert, select

from nexa.exceptions import ModelDefinitionError
from nexa.orm.commands import Command, normalize_commands
from nexa.orm.fields.relational import RelationalField


class X2many(RelationalField):
    """What one2many and many2many share: list-of-ids values, commands on write."""

    operators = frozenset({"=", "!=", "<>", "in", "not in", "like", "not like", "ilike", "not ilike",
                           "=like", "=ilike", "any", "not any", "child_of", "parent_of"})

    @property
    def column_stored(self) -> bool:
        return False

    def column_type(self) -> Any:
        return None

    def to_cache(self, value: Any, env: Any) -> tuple[int, ...]:
        """Only used for values computed or read; writes go through commands."""
        if value is None or value is False:
            return ()
        if hasattr(value, "_ids"):
            return tuple(value._ids)
        if isinstance(value, (list, tuple)) and all(isinstance(v, int) for v in value):
            return tuple(value)
        raise self.invalid(value, f"records of {self.comodel_name}")

    def to_record(self, value: Any, record: Any) -> Any:
        from nexa.orm.fetch import related_prefetch

        return record.env[self.comodel_name]._browse(record.env, tuple(value or ()),
                                                      related_prefetch(record, self))

    def empty_record_value(self, record: Any) -> Any:
        return record.env[self.comodel_name]

    def to_read(self, value: Any, record: Any) -> list[int]:
        return list(value or ())

    def commands(self, value: Any) -> list[tuple]:
        return normalize_commands(value, f"{self.model_name}.{self.name}")

    def apply(self, records: Any, value: Any) -> None:
        """Apply the same commands (a write's value) to every record of ``records``."""
        commands = self.commands(value)
        self.apply_each(records, [commands] * len(records))

    def apply_each(self, records: Any, commands_per_record: list[list[tuple]], *, created: bool = False) -> None:
        raise NotImplementedError

    def comodel_order_ids(self, env: Any, ids: set[int]) -> list[int]:
        """``ids`` sorted in the comodel's order, active ones only when active_test applies."""
        if not ids:
            return []
        comodel = env[self.comodel_name].with_context(active_test=env.context.get("active_test", True))
        return list(comodel.sudo()._search([("id", "in", sorted(ids))])._ids)


class One2many(X2many):
    """The records of ``comodel_name`` whose many2one ``inverse_name`` points here."""

    type = "one2many"
    positional = ("comodel_name", "inverse_name", "string")
    type_options = {**RelationalField.type_options, "inverse_name": None}

    def bind(self, model_name: str, name: str, addon: str) -> None:
        super().bind(model_name, name, addon)
        self.copy = self.args.get("copy", False)
        if not self.inverse_name and not self.compute and not self.related:
            raise ModelDefinitionError(f"One2many {model_name}.{name} needs an inverse_name",
                                       addon=addon, model=model_name, field=name)

    def fetch(self, env: Any, ids: list[int]) -> dict[int, tuple[int, ...]]:
        comodel = env[self.comodel_name]
        inverse = comodel._fields[self.inverse_name]
        lines = comodel.with_context(active_test=env.context.get("active_test", True)).sudo() \
            ._search([(self.inverse_name, "in", ids)])
        result: dict[int, list[int]] = defaultdict(list)
        from nexa.orm.fetch import fetch_columns

        fetch_columns(lines, [inverse])
        cache = env.cache
        for line_id in lines._ids:
            result[cache.get(inverse, line_id)].append(line_id)
        return {record_id: tuple(result.get(record_id, ())) for record_id in ids}

    def apply_each(self, records: Any, commands_per_record: list[list[tuple]], *, created: bool = False) -> None:
        """Apply each record's commands; the lines created for all records are created in one batch."""
        comodel = records.env[self.comodel_name]
        inverse = comodel._fields[self.inverse_name]
        delete_on_unlink = inverse.required or inverse.ondelete == "cascade"
        to_create: list[dict] = []
        for record, commands in zip(records, commands_per_record):
            for code, line_id, values in commands:
                if code == Command.CREATE:
                    to_create.append({**values, self.inverse_name: record.id})
                elif code == Command.UPDATE:
                    comodel.browse(line_id).write(values)
                elif code == Command.DELETE:
                    comodel.browse(line_id).unlink()
                elif code == Command.LINK:
                    comodel.browse(line_id).write({self.inverse_name: record.id})
                elif created and code in (Command.UNLINK, Command.CLEAR):
                    continue  # a new record has no lines to remove
                elif code in (Command.UNLINK, Command.CLEAR, Command.SET):
                    current = set() if created else set(getattr(record, self.name)._ids)
                    if code == Command.UNLINK:
                        removed = {line_id} & current
                    elif code == Command.CLEAR:
                        removed = current
                    else:
                        removed = current - set(values)
                    gone = comodel.browse(sorted(removed))
                    gone.unlink() if delete_on_unlink else gone.write({self.inverse_name: False})
                    if code == Command.SET and set(values) - current:
                        comodel.browse(sorted(set(values) - current)).write({self.inverse_name: record.id})
        if to_create:
            comodel.create(to_create)
        records.env.cache.invalidate_field(self, records._ids)


class Many2many(X2many):
    """Links stored in a relation table ``relation(column1 -> this, column2 -> comodel)``."""

    type = "many2many"
    positional = ("comodel_name", "relation", "column1", "column2", "string")
    type_options = {**RelationalField.type_options, "relation": None, "column1": None, "column2": None}

    def bind(self, model_name: str, name: str, addon: str) -> None:
        from nexa.db.naming import relation_table, table_name

        super().bind(model_name, name, addon)
        if self.store and not self.compute and not self.related:
            self.relation = self.relation or relation_table(model_name, self.comodel_name)
            self.column1 = self.column1 or f"{table_name(model_name)}_id"
            self.column2 = self.column2 or f"{table_name(self.comodel_name)}_id"
            if self.column1 == self.column2:
                raise ModelDefinitionError(
                    f"Many2many {model_name}.{name} links a model to itself: give column1 and column2",
                    addon=addon, model=model_name, field=name)

    @property
    def has_relation_table(self) -> bool:
        return bool(self.store and self.relation)

    def table(self, env: Any) -> Any:
        return env.registry.relation_tables[self.relation]

    def fetch(self, env: Any, ids: list[int]) -> dict[int, tuple[int, ...]]:
        table = self.table(env)
        left, right = table.c[self.column1], table.c[self.column2]
        rows = env.transaction.execute(select(left, right).where(left.in_(ids))).all()
        ordered = self.comodel_order_ids(env, {row[1] for row in rows})
        order = {comodel_id: position for position, comodel_id in enumerate(ordered)}
        result: dict[int, list[int]] = defaultdict(list)
        for record_id, comodel_id in rows:
            if comodel_id in order:
                result[record_id].append(comodel_id)
        return {record_id: tuple(sorted(result.get(record_id, ()), key=order.__getitem__)) for record_id in ids}

    def apply_each(self, records: Any, commands_per_record: list[list[tuple]], *, created: bool = False) -> None:
        """Apply each record's commands with one DELETE per record that loses links and one INSERT in all."""
        env = records.env
        comodel = env[self.comodel_name]
        table = self.table(env)
        left, right = table.c[self.column1], table.c[self.column2]
        current = {} if created else dict(self.fetch(env.sudo(), list(records._ids)))
        links: dict[int, set[int]] = {}
        for record, commands in zip(records, commands_per_record):
            linked = set(current.get(record.id, ()))
            for code, target_id, values in commands:
                if code == Command.CREATE:
                    linked.add(comodel.create(values).id)
                elif code == Command.UPDATE:
                    comodel.browse(target_id).write(values)
                    linked.add(target_id)
                elif code == Command.DELETE:
                    comodel.browse(target_id).unlink()
                    linked.discard(target_id)
                elif code == Command.UNLINK:
                    linked.discard(target_id)
                elif code == Command.LINK:
                    linked.add(target_id)
                elif code == Command.CLEAR:
                    linked = set()
                elif code == Command.SET:
                    linked = set(values)
            if not env.su:  # links the user cannot see are neither shown nor removed
                linked |= _hidden_links(record, self, current.get(record.id, ()))
            links[record.id] = linked
        tx = env.transaction
        rows = []
        for record_id, linked in links.items():
            before = set(current.get(record_id, ()))
            if before - linked:
                tx.execute(delete(table).where(left == record_id, right.in_(sorted(before - linked))))
            rows.extend({self.column1: record_id, self.column2: target} for target in sorted(linked - before))
        if rows:
            _insert_links(self, tx, table, rows)
        env.cache.invalidate_field(self, records._ids)
        for other in env.registry.fields_pointing_to(self.model_name):  # the other side of the relation
            if other.type == "many2many" and other.relation == self.relation and other is not self:
                env.cache.invalidate_field(other)


def _hidden_links(record: Any, field: Any, linked: tuple[int, ...]) -> set[int]:
    """The ids of ``linked`` that the user's record rules hide (kept by SET and CLEAR)."""
    from nexa.security.visibility import readable_subset

    return set(linked) - set(readable_subset(record, field, tuple(linked)))


def _insert_links(field: Any, tx: Any, table: Any, rows: list[dict[str, int]]) -> None:
    """Insert relation rows; an id that is out of range or names no record is a ValidationError."""
    from sqlalchemy.exc import IntegrityError

    from nexa.exceptions import ValidationError
    from nexa.security.inputs import check_record_ids

    where = f"{field.model_name}.{field.name}"
    check_record_ids([row[field.column2] for row in rows], where)
    try:
        tx.execute(insert(table), rows)
    except IntegrityError:
        raise ValidationError(f"{where} links to {field.comodel_name} records that do not exist: "
                              f"{sorted({row[field.column2] for row in rows})[:10]}",
                              model=field.model_name, field=field.name) from None
