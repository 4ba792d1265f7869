"""Translated fields (``translate=True``): one value per language, read in the context language.

How the values are stored (the same on SQLite and PostgreSQL)::

    res_country.name                      'Germany'                  the source text (en_US)
    res_country.name__translations        {"fr_FR": "Allemagne",     the other languages, JSON
                                           "de_DE": "Deutschland"}

The field's own column keeps the English (source) text, so everything that works on
plain columns keeps working unchanged in English: ``ORDER BY``, unique constraints,
indexes, grouping, and every query other code builds. The registry adds the companion
JSON field ``<field>__translations`` (internal: never shown to users, never writable
by them) holding the other languages.

* **Reading** follows ``env.lang`` (the context's ``lang``): the translation when
  there is one, else the English text.
* **Writing** with a ``lang`` other than ``en_US`` in the context changes that
  language only; in English (or without ``lang``) it changes the source. A record
  created in French gets the French text as its source too, so it is never empty
  in English. A dict ``{"en_US": ..., "fr_FR": ...}`` sets several languages at
  once; ``False`` clears every language.
* **Searching** compares ``COALESCE(translations->lang, source)``: a French user
  finds "Allemagne", an English one "Germany". Ordering stays on the source text.

``update_field_translations`` and ``get_field_translations`` are the methods
Odoo 17's translation dialog calls.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import bindparam, func, update
from sqlalchemy.sql import ColumnElement

from nexa.exceptions import ValidationError
from nexa.orm.cache import MISSING

SOURCE_LANG = "en_US"
SUFFIX = "__translations"


def companion_name(name: str) -> str:
    """The name of the JSON field holding the translations of field ``name``."""
    return f"{name}{SUFFIX}"


def wants_companion(field: Any) -> bool:
    """True for a declared field whose translations need storage (stored text fields)."""
    args = field.args
    return (bool(args.get("translate")) and field.type in ("char", "text", "html") and not args.get("compute")
            and not args.get("related") and args.get("store", True) is not False)


def companion_field(field: Any) -> Any:
    """The declaration of the companion field of translated field ``field``."""
    from nexa.orm.fields.json import Json

    return Json(string=f"{field.args.get('string') or 'Value'} (translations)", internal=True, copy=False,
                prefetch=False, readonly=True)


def translations_of(record: Any, field: Any) -> dict[str, str]:
    """``{lang: text}`` of the other languages of ``field`` on one record."""
    from nexa.orm.fetch import get

    companion = field.translations_field
    value = record.env.cache.get(companion, record._ids[0], MISSING)
    if value is MISSING:
        value = get(record.sudo(), companion)
    return dict(value or {})


def translate(field: Any, source: Any, record: Any) -> Any:
    """The value of ``field`` for ``record`` in its environment's language (the source as fallback)."""
    lang = record.env.lang
    if lang == SOURCE_LANG or not record._ids:
        return source
    return translations_of(record, field).get(lang) or source


def search_expression(field: Any, column: ColumnElement, env: Any) -> ColumnElement:
    """The SQL value of ``field`` in ``env``'s language: ``COALESCE(translations->lang, source)``."""
    lang = env.lang
    if lang == SOURCE_LANG:
        return column
    companion = column.table.c[companion_name(field.name)]
    return func.coalesce(companion[lang].as_string(), column)


def split_translations(model: Any, values: Mapping[str, Any], *, creating: bool) -> tuple[dict, dict]:
    """``(values, pending)``: what the ordinary create/write stores, and ``{field: {lang: text}}`` left
    for :func:`store_translations` (``{field: None}`` clears every translation)."""
    if not isinstance(values, Mapping):
        return values, {}  # refused with a clear message by the caller's validation
    lang = model.env.lang
    plain = dict(values)
    pending: dict[str, dict[str, Any] | None] = {}
    for name, value in values.items():
        field = model._fields.get(name)
        if field is None or getattr(field, "translations_field", None) is None:
            continue
        if isinstance(value, Mapping):
            texts = {str(code): text for code, text in value.items()}
            if SOURCE_LANG in texts:
                plain[name] = texts.pop(SOURCE_LANG)
            elif creating and texts:
                plain[name] = next(iter(texts.values()))
            else:
                del plain[name]
            if texts:
                pending[name] = texts
        elif value is None or value is False:
            if not creating:
                pending[name] = None
        elif lang != SOURCE_LANG:
            if not creating:
                del plain[name]
            pending[name] = {lang: value}
    return plain, pending


def store_translations(records: Any, pending: Mapping[str, Mapping[str, Any] | None]) -> None:
    """Merge ``pending`` (``{field: {lang: text or False}}``) into the stored translations of ``records``.

    One read of the current values (when not cached) and one ``executemany`` per field. A
    record whose source text is empty gets the new text as its source as well.
    """
    from nexa.orm.fetch import fetch_columns

    if not pending or not records._ids:
        return
    records = records.sudo()
    env = records.env
    cache = env.cache
    table = records._table_obj
    fields = [records._fields[name] for name in pending]
    wanted = [f for field in fields for f in (field, field.translations_field)]
    stale = [f for f in wanted if cache.missing_ids(f, records._ids)]
    if stale:
        fetch_columns(records, stale)
    for field in fields:
        texts = pending[field.name]
        companion = field.translations_field
        checked = None if texts is None else {code: field.to_cache(text, env) if text else None
                                              for code, text in texts.items()}
        rows, sources = [], []
        for record_id in records._ids:
            if checked is None:
                merged = None
            else:
                merged = {**(cache.get(companion, record_id) or {}), **checked}
                merged = {code: text for code, text in merged.items() if text} or None
                fallback = next((text for text in checked.values() if text), None)
                if cache.get(field, record_id) is None and fallback is not None:
                    sources.append({"_id": record_id, "_value": fallback})
                    cache.set(field, record_id, fallback)
            rows.append({"_id": record_id, "_value": merged})
            cache.set(companion, record_id, merged)
        target = table.c.id == bindparam("_id")
        env.transaction.execute(update(table).where(target).values({companion.name: bindparam("_value")}), rows)
        if sources:
            env.transaction.execute(update(table).where(target).values({field.name: bindparam("_value")}),
                                    sources)


def all_translations(record: Any, field: Any) -> dict[str, Any] | bool:
    """Every language of ``field`` on ``record`` as ``{lang: text}`` (what ``copy`` duplicates)."""
    source = record.env.cache.get(field, record._ids[0], None)
    if source is None:
        from nexa.orm.fetch import get

        source = get(record.sudo(), field)
    if source is None:
        return False
    return {SOURCE_LANG: source, **translations_of(record, field)}


class TranslationMixin:
    """The methods Odoo 17's translation dialog calls on records."""

    env: Any
    _ids: tuple[int, ...]
    _name: str
    _fields: dict

    def _translated_field(self, field_name: str) -> Any:
        field = self._fields.get(field_name)
        if field is None or getattr(field, "translations_field", None) is None:
            raise ValidationError(f"Field {self._name}.{field_name} is not a stored translated field "
                                  "(declare it with translate=True)", model=self._name, field=field_name)
        return field

    def update_field_translations(self, field_name: str, translations: Mapping[str, Any]) -> bool:
        """Set ``{lang: text}`` on the records; ``False`` for a language removes its translation."""
        field = self._translated_field(field_name)
        if not isinstance(translations, Mapping):
            raise ValidationError(f"Translations of {self._name}.{field_name} must be a dict "
                                  f"{{lang: text}}, got {translations!r}", model=self._name, field=field_name)
        texts = dict(translations)
        source = texts.pop(SOURCE_LANG, None)
        if source:
            self.with_context(lang=SOURCE_LANG).write({field_name: source})
        elif texts:
            self._check_access("write")
            self._check_record_rules(self._ids, "write")
            if not self.env.su:
                self._check_field_access(field, "write")
        if texts:
            store_translations(self, {field_name: texts})
            self._after_change({field_name}, created=False)
        return True

    def get_field_translations(self, field_name: str, langs: list[str] | None = None) -> tuple[list, dict]:
        """``([{"lang", "source", "value"}], {"translation_type", "translation_show_source"})`` of one record."""
        self.ensure_one()  # type: ignore[attr-defined]
        field = self._translated_field(field_name)
        self._check_access("read")
        if not self.env.su:
            self._check_field_access(field, "read")
        if not langs:
            langs = [code for code, _name in self.env["res.lang"].get_installed()] \
                if "res.lang" in self.env else [SOURCE_LANG]
        values = all_translations(self, field) or {}
        source = values.get(SOURCE_LANG) or ""
        result = [{"lang": lang, "source": source, "value": values.get(lang) or ""} for lang in langs]
        kind = "text" if field.type in ("text", "html") else "char"
        return result, {"translation_type": kind, "translation_show_source": False}
