"""Load XML data files: ``<record>``, ``<function>``, ``<delete>`` and ``<menuitem>``.

The format is Odoo's, so existing knowledge carries over::

    <odoo>
      <data noupdate="1">
        <record id="main_company" model="res.company">
          <field name="name">My Company</field>
          <field name="currency_id" ref="EUR"/>
          <field name="user_ids" eval="[Command.link(ref('user_admin'))]"/>
        </record>
      </data>
      <function model="res.partner" name="_install_defaults" eval="[]"/>
    </odoo>

``<function>`` calls a model method as Odoo's RPC does: a method working on records
takes the ids as first argument (``eval`` or ``<value model=... search=.../>``).

Every error names the addon, the file, the line, the model and the field.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from lxml import etree

from nexa.data.values import eval_context, text_value
from nexa.data.xmlids import LoadContext, load_record
from nexa.exceptions import DataFileError, NexaError, did_you_mean
from nexa.orm.api import method_kind

ROOTS = ("odoo", "nexa", "openerp")


def _flag(node: Any, name: str, default: bool) -> bool:
    value = node.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes")


def _eval(ctx: LoadContext, text: str, line: int, extra: dict[str, Any] | None = None, *,
          model: str | None = None, field: str | None = None) -> Any:
    from nexa.data.safe_eval import safe_eval

    def ref(xmlid: str) -> int:
        return ctx.ref(xmlid, line=line, model=model, field=field)

    try:
        return safe_eval(text, {**eval_context(ctx), "ref": ref, **(extra or {})})
    except DataFileError:
        raise
    except NexaError as error:
        raise ctx.error(f"Cannot evaluate {text!r}: {error}", line=line) from error


def load_xml(ctx: LoadContext, path: Path) -> None:
    """Load one XML data file."""
    try:
        tree = etree.parse(str(path), etree.XMLParser(remove_comments=True, remove_blank_text=False))
    except etree.XMLSyntaxError as error:
        raise ctx.error(f"Malformed XML: {error.msg}", line=error.lineno) from error
    root = tree.getroot()
    if root.tag not in ROOTS:
        raise ctx.error(f"The root element must be <odoo> (or <nexa>), got <{root.tag}>", line=root.sourceline)
    _load_children(ctx, root, _flag(root, "noupdate", ctx.noupdate))


def _load_children(ctx: LoadContext, parent: Any, noupdate: bool) -> None:
    handlers = {"record": _record, "function": _function, "delete": _delete, "menuitem": _menuitem}
    for node in parent:
        if not isinstance(node.tag, str):
            continue
        if node.tag == "data":
            _load_children(ctx, node, _flag(node, "noupdate", noupdate))
            continue
        handler = handlers.get(node.tag)
        if handler is None:
            raise ctx.error(f"Unknown element <{node.tag}>: expected record, function, delete, menuitem or "
                            "data", line=node.sourceline)
        handler(ctx, node, noupdate)


def _model(ctx: LoadContext, node: Any) -> Any:
    """The model a ``<record>``, ``<function>`` or ``<delete>`` names, or an error with the closest name."""
    model_name = node.get("model")
    line = node.sourceline
    if not model_name:
        raise ctx.error(f"<{node.tag}> needs a model attribute", line=line)
    if model_name not in ctx.env.registry:
        hint = did_you_mean(model_name, ctx.env.registry.models)
        raise ctx.error(f"Unknown model {model_name!r}{hint}", line=line, model=model_name)
    return ctx.env[model_name]


def _record(ctx: LoadContext, node: Any, noupdate: bool) -> Any:
    model = _model(ctx, node)
    model_name = model._name
    line = node.sourceline
    values: dict[str, Any] = {}
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if child.tag != "field":
            raise ctx.error(f"Unexpected <{child.tag}> inside <record>", line=child.sourceline, model=model_name)
        name = child.get("name")
        field = model._fields.get(name or "")
        if field is None:
            hint = did_you_mean(name or "", model._fields)
            raise ctx.error(f"Model {model_name} has no field {name!r}{hint}", line=child.sourceline,
                            model=model_name, field=name)
        values[name] = _field_value(ctx, model, field, child)
    return load_record(ctx, node.get("id"), model_name, values, noupdate=noupdate,
                       forcecreate=_flag(node, "forcecreate", True), line=line)


def _field_value(ctx: LoadContext, model: Any, field: Any, node: Any) -> Any:
    line = node.sourceline
    where = {"line": line, "model": model._name, "field": field.name}
    if node.get("ref"):
        target = ctx.ref(node.get("ref"), **where)
        if field.type == "reference":
            found_model, found_id = ctx.resolve(node.get("ref"), **where)
            return f"{found_model},{found_id}"
        return [(6, 0, [target])] if field.type in ("one2many", "many2many") else target
    if node.get("eval") is not None:
        return _eval(ctx, node.get("eval"), line, model=model._name, field=field.name)
    if node.get("search") is not None:
        domain = _eval(ctx, node.get("search"), line, model=model._name, field=field.name)
        found = ctx.env[field.comodel_name].search(domain)
        return [(6, 0, list(found._ids))] if field.type in ("one2many", "many2many") else (found[:1].id or False)
    kind = node.get("type")
    if node.get("file"):
        path = ctx.addon_path / node.get("file")
        if not path.exists():
            raise ctx.error(f"File {node.get('file')!r} does not exist", line=line, field=field.name)
        content = path.read_bytes()
        return base64.b64encode(content).decode() if kind == "base64" or field.type in ("binary", "image") \
            else content.decode()
    if kind in ("xml", "html") or field.name == "arch":
        inner = "".join(etree.tostring(child, encoding="unicode") for child in node)
        return ((node.text or "") + inner).strip() if kind == "html" else inner.strip() or (node.text or "")
    if kind == "int":
        return int((node.text or "0").strip())
    if kind == "float":
        return float((node.text or "0").strip())
    return text_value(ctx, field, node.text or "", line=line)


def _function(ctx: LoadContext, node: Any, noupdate: bool) -> None:
    method = node.get("name")
    line = node.sourceline
    model = _model(ctx, node)
    model_name = model._name
    if not method:
        raise ctx.error("<function> needs model and name attributes", line=line, model=model_name)
    if ctx.mode == "update" and noupdate:
        return
    args = _eval(ctx, node.get("eval"), line) if node.get("eval") else []
    args = list(args) if isinstance(args, (list, tuple)) else [args]
    for child in node:
        if isinstance(child.tag, str) and child.tag == "value":
            args.append(_value(ctx, child))
    if not hasattr(model, method):
        raise ctx.error(f"Model {model_name} has no method {method!r}", line=line, model=model_name)
    if args and method_kind(getattr(type(model), method)) == "records":
        ids = args.pop(0)  # as Odoo's call_kw: a record method gets the ids first
        model = model.browse([ids] if isinstance(ids, int) else ids or [])
    try:
        getattr(model, method)(*args)
    except NexaError as error:
        raise ctx.error(f"Call of {model_name}.{method} failed: {error}", line=line, model=model_name) from error


def _value(ctx: LoadContext, node: Any) -> Any:
    """A ``<value>`` argument of ``<function>``: ``eval``, ``model`` + ``search`` (ids), or text."""
    if node.get("eval") is not None:
        return _eval(ctx, node.get("eval"), node.sourceline)
    if node.get("search") is not None:
        model = _model(ctx, node)
        return list(model.search(_eval(ctx, node.get("search"), node.sourceline))._ids)
    return node.text


def _delete(ctx: LoadContext, node: Any, noupdate: bool) -> None:
    model = _model(ctx, node).with_context(active_test=False)
    model_name = model._name
    line = node.sourceline
    if node.get("id"):
        found = ctx.env["ir.model.data"]._xmlid_lookup(ctx.qualify(node.get("id")))
        if found:
            model.browse(found[1]).exists().unlink()
    elif node.get("search"):
        model.search(_eval(ctx, node.get("search"), line)).unlink()
    else:
        raise ctx.error("<delete> needs an id or a search attribute", line=line, model=model_name)


def _menuitem(ctx: LoadContext, node: Any, noupdate: bool) -> Any:
    if "ir.ui.menu" not in ctx.env.registry:
        raise ctx.error("<menuitem> needs the ir.ui.menu model (addon base)", line=node.sourceline)
    values: dict[str, Any] = {}
    if node.get("name"):
        values["name"] = node.get("name")
    if node.get("parent"):
        values["parent_id"] = ctx.ref(node.get("parent"), line=node.sourceline)
    if node.get("action"):
        model, action_id = ctx.resolve(node.get("action"), line=node.sourceline)
        values["action"] = f"{model},{action_id}"
        if "name" not in values:
            values["name"] = ctx.env[model].browse(action_id).name
    if node.get("sequence"):
        values["sequence"] = int(node.get("sequence"))
    if node.get("web_icon"):
        values["web_icon"] = node.get("web_icon")
    if node.get("groups"):
        values["groups_id"] = [(6, 0, [ctx.ref(g.strip(), line=node.sourceline)
                                      for g in node.get("groups").split(",") if g.strip()])]
    menu = load_record(ctx, node.get("id"), "ir.ui.menu", values, noupdate=noupdate, line=node.sourceline)
    for child in node:
        if isinstance(child.tag, str) and child.tag == "menuitem":
            if not child.get("parent") and menu is not None:
                child.set("parent", ctx.env["ir.model.data"]._xmlid_of(menu) or "")
            _menuitem(ctx, child, noupdate)
    return menu
