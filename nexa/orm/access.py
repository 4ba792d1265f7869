"""Access control as recordsets see it: rights, record rules, field groups, companies, audit.

The checks live in :mod:`nexa.security`; this mixin is where the ORM calls them,
so that ``search``, ``read``, ``write``, ``create``, ``unlink`` and every fetch of
a field go through the same gate. Superuser environments (``sudo()``) skip the
rights and rules; company consistency and the audit log apply to every change.

``crud.py`` calls the ``_security_*`` hooks around each change:

====================================  ==========================================================
``_security_after_create(names)``     create rules, company consistency, audit, visibility memo
``_security_before_write(names)``     the audit snapshot of the old values (a token)
``_security_after_write(names, tok)``  company consistency, audit, visibility memo
``_security_before_unlink()``         the audit snapshot, company-dependent values dropped
``_security_after_unlink(token)``     audit, visibility memo
====================================  ==========================================================
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from nexa.exceptions import AccessError
from nexa.orm import domain as domains


class AccessMixin:
    """Model access rights, record rules and field groups for recordsets."""

    env: Any
    _ids: tuple[int, ...]
    _name: str
    _description: str | None
    _check_company_auto: bool
    _company_dependent_fields: list[Any] = []

    def _check_access(self, operation: str) -> None:
        """Raise AccessError unless the user's groups allow ``operation`` on this model."""
        if self.env.su:
            return
        from nexa.security.access import check_model_access

        check_model_access(self.env, self._name, operation, self._description)

    def check_access_rights(self, operation: str, raise_exception: bool = True) -> bool:
        """Odoo's public name for the model access check."""
        try:
            self._check_access(operation)
        except AccessError:
            if raise_exception:
                raise
            return False
        return True

    def _rule_domain(self, operation: str) -> list | None:
        if self.env.su:
            return None
        from nexa.security.rules import rule_domains

        return rule_domains(self.env, self._name, operation)

    def _rule_condition(self, table: Any, operation: str) -> Any:
        """The SQL condition of the user's record rules on ``table``, or None."""
        domain = self._rule_domain(operation)
        if domain is None:
            return None
        from nexa.orm.query import DomainCompiler

        return DomainCompiler(self.sudo(), table).compile(domains.parse(domain))

    def _rule_allowed_ids(self, ids: Any, operation: str) -> set[int] | None:
        """Which of ``ids`` the user's rules for ``operation`` allow (None: no rule applies)."""
        condition = self._rule_condition(self._table_obj, operation)
        if condition is None:
            return None
        table = self._table_obj
        return {row[0] for row in self.env.transaction.execute(
            select(table.c.id).where(table.c.id.in_(list(ids)), condition))}

    def _check_record_rules(self, ids: tuple[int, ...], operation: str) -> None:
        """Raise AccessError if a record rule hides any of ``ids`` for ``operation``."""
        allowed = self._rule_allowed_ids(ids, operation)
        if allowed is not None and len(allowed) < len(set(ids)):
            self._raise_rule_error(set(ids) - allowed, operation)

    def _raise_rule_error(self, ids: set[int], operation: str) -> None:
        from nexa.orm.fetch import existing_ids

        denied = existing_ids(self.env, self._name, ids)
        if denied:
            verbs = {"read": "read", "write": "modify", "create": "create", "unlink": "delete"}
            raise AccessError(
                f"Due to security restrictions, you are not allowed to {verbs[operation]} "
                f"'{self._description or self._name}' ({self._name}) records {sorted(denied)}.",
                model=self._name, record_ids=sorted(denied))

    def _readable_batch(self, required: int) -> Any:
        """These records minus those the read rules hide; AccessError if ``required`` is hidden."""
        allowed = self._rule_allowed_ids(self._ids, "read")
        if allowed is None:
            return self
        if required not in allowed:
            self._raise_rule_error({required}, "read")
        return self.browse([i for i in self._ids if i in allowed])

    def _filter_readable(self) -> Any:
        """The subset of these records the user may read (rights and rules)."""
        if self.env.su or not self._ids:
            return self
        if not self.check_access_rights("read", raise_exception=False):
            return self.browse()
        allowed = self._rule_allowed_ids(self._ids, "read")
        return self if allowed is None else self.browse([i for i in self._ids if i in allowed])

    def _field_readable(self, field: Any) -> bool:
        if self.env.su:
            return True
        if field.internal:
            return False
        if not field.groups:
            return True
        from nexa.security.access import has_groups

        return has_groups(self.env, field.groups)

    def _check_field_access(self, field: Any, mode: str) -> None:
        if not self._field_readable(field):
            raise AccessError(
                f"You do not have the rights to {'read' if mode == 'read' else 'modify'} field "
                f"{self._name}.{field.name}: it is restricted to the groups {field.groups}",
                model=self._name, field=field.name)

    # -- hooks of create / write / unlink (see the module docstring) ------------------------------
    def _security_after_create(self, names: set[str]) -> None:
        from nexa.security import audit, visibility
        from nexa.security.access import COMPANY_MODEL, invalidate_access_cache

        if self._name == COMPANY_MODEL:
            invalidate_access_cache(self.env)  # the companies users work in are cached with their rights
        visibility.forget(self.env)
        if not self.env.su:
            self._check_record_rules(self._ids, "create")
        self._check_company_links(names)
        if audit.is_audited(self):
            audit.log_create(self, names)

    def _security_before_write(self, names: set[str]) -> Any:
        from nexa.security import audit
        from nexa.security.access import COMPANY_MODEL, invalidate_access_cache

        if self._name == COMPANY_MODEL:
            invalidate_access_cache(self.env)

        return audit.snapshot(self, names) if audit.is_audited(self) else None

    def _security_after_write(self, names: set[str], before: Any) -> None:
        from nexa.security import audit, visibility

        visibility.forget(self.env)
        self._check_company_links(names)
        if before is not None:
            audit.log_write(self, before, names)

    def _security_before_unlink(self) -> Any:
        from nexa.security import audit, company_values
        from nexa.security.access import COMPANY_MODEL, invalidate_access_cache

        if self._name == COMPANY_MODEL:
            invalidate_access_cache(self.env)

        if self._company_dependent_fields:
            company_values.forget_records(self)
        if not audit.is_audited(self):
            return None
        return audit.snapshot(self, [f.name for f in self._fields.values() if f.store])

    def _security_after_unlink(self, before: Any) -> None:
        from nexa.security import audit, visibility

        visibility.forget(self.env)
        if before is not None:
            audit.log_unlink(self, before)

    def _check_company_links(self, names: set[str]) -> None:
        """Refuse links to records of another company (models with ``_check_company_auto``)."""
        if self._check_company_auto:
            from nexa.security.company import check_company

            check_company(self, names)

    def _check_company(self, names: list[str] | None = None) -> None:
        """Odoo's name: check the company consistency of ``names`` (None: every checked field)."""
        from nexa.security.company import check_company

        check_company(self, names)
