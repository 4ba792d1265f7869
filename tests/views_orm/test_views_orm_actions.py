"""Actions: shared ids, the action dict clients read, window views, server actions, reports."""

from __future__ import annotations

import pytest

from nexa.data import safe_eval
from nexa.data.safe_eval import SafeEvalError
from nexa.exceptions import AccessError, MissingError, UserError, ValidationError

ORDER = "test.views.order"


def window(env, **values):
    return env["ir.actions.act_window"].create({"name": "Partners", "res_model": "res.partner", **values})


def server(env, **values):
    model = env["ir.model"].search([("model", "=", "res.partner")])
    return env["ir.actions.server"].create({"name": "Run", "model_id": model.id, **values})


def test_action_ids_are_shared_by_every_action_type(env):
    first, second = window(env), server(env, code="action = 1")
    index = env["ir.actions.actions"].browse([first.id, second.id])
    assert first.id != second.id
    assert index.mapped("type") == ["ir.actions.act_window", "ir.actions.server"]


def test_renaming_an_action_renames_its_index_entry(env):
    action = window(env)
    action.write({"name": "People"})
    assert env["ir.actions.actions"].browse(action.id).name == "People"


def test_deleting_an_action_deletes_its_index_entry(env):
    action = window(env)
    action_id = action.id
    action.unlink()
    assert not env["ir.actions.actions"].browse(action_id).exists()


def test_deleting_through_the_index_deletes_the_action(env):
    action = window(env)
    env["ir.actions.actions"].browse(action.id).unlink()
    assert not action.exists()


def test_creating_through_the_index_is_refused(env):
    with pytest.raises(UserError, match=r"ir\.actions\.act_window"):
        env["ir.actions.actions"].create({"name": "x", "type": "ir.actions.act_window"})


def test_for_xml_id_returns_the_action_dict(env):
    action = env["ir.actions.actions"]._for_xml_id("base.action_partner_form")
    assert (action["type"], action["res_model"], action["xml_id"]) == ("ir.actions.act_window", "res.partner",
                                                                      "base.action_partner_form")
    assert action["views"] == [[False, "kanban"], [False, "list"], [False, "form"]]
    assert action["search_view_id"][0] == env.ref("base.view_res_partner_filter").id


def test_for_xml_id_of_an_unknown_action_names_it(env):
    with pytest.raises(MissingError, match=r"base\.action_nothing"):
        env["ir.actions.actions"]._for_xml_id("base.action_nothing")


@pytest.mark.addons("test_views_c")
def test_window_views_put_view_id_on_its_type_and_read_tree_as_list(env):
    action = env["ir.actions.act_window"]._for_xml_id("test_views_a.action_order")
    assert action["views"] == [[env.ref("test_views_a.order_tree").id, "list"], [False, "form"]]
    assert action["view_mode"] == "list,form"


def test_window_view_lines_come_first(env):
    form = env.ref("base.view_partner_form")
    action = window(env, view_mode="list,form", view_ids=[(0, 0, {"view_mode": "form", "view_id": form.id})])
    assert action.views == [[form.id, "form"], [False, "list"]]


def test_window_action_on_unknown_model_is_refused_with_a_suggestion(env):
    with pytest.raises(ValidationError, match=r"did you mean 'res\.partner'"):
        window(env, res_model="res.partnr")


def test_window_action_with_unknown_view_mode_is_refused(env):
    with pytest.raises(ValidationError, match=r"'lsit'.*did you mean 'list'"):
        window(env, view_mode="lsit,form")


def test_window_action_restricted_to_groups_is_refused_to_others(env, user_env):
    action = window(env, groups_id=[(6, 0, [env.ref("base.group_system").id])])
    env["ir.model.data"].create({"module": "test", "name": "restricted", "model": action._name,
                                 "res_id": action.id})
    with pytest.raises(AccessError, match="restricted to groups"):
        user_env("base.group_user")["ir.actions.actions"]._for_xml_id("test.restricted")


def test_server_code_sees_the_active_records_and_returns_an_action(env):
    partners = env["res.partner"].create([{"name": "A"}, {"name": "B"}])
    action = server(env, code="for record in records:\n    record.write({'ref': 'seen'})\n"
                              "action = {'type': 'ir.actions.act_window_close', 'count': len(records)}")
    result = action.with_context(active_model="res.partner", active_ids=partners.ids).run()
    assert result == {"type": "ir.actions.act_window_close", "count": 2}
    assert partners.mapped("ref") == ["seen", "seen"]


def test_server_code_without_action_returns_false(env):
    assert server(env, code="x = 1").run() is False


def test_server_code_reaching_private_attributes_is_refused_when_saved(env):
    with pytest.raises(SafeEvalError, match="__class__"):
        server(env, code="action = env.__class__")


def test_server_code_with_an_import_is_refused_when_saved(env):
    with pytest.raises(SafeEvalError, match="import"):
        server(env, code="import os")


def test_server_code_is_guarded_while_it_runs(env, monkeypatch):
    monkeypatch.setattr(safe_eval, "MAX_ITERATIONS", 100)
    action = server(env, code="while True:\n    x = 1")
    with pytest.raises(SafeEvalError, match="loop"):
        action.run()


def test_server_code_runs_with_the_users_rights(env, user_env):
    action = server(env, code="env['ir.config_parameter'].search([])")
    with pytest.raises(AccessError, match=r"ir\.config_parameter"):
        action.with_env(user_env("base.group_user")).run()


@pytest.mark.addons("test_views_c")
def test_server_method_is_called_on_the_active_records(env):
    order = env[ORDER].create({"name": "O1"})
    model = env["ir.model"].search([("model", "=", ORDER)])
    action = env["ir.actions.server"].create({"name": "Confirm", "model_id": model.id, "state": "object_method",
                                              "method_name": "action_confirm"})
    action.with_context(active_model=ORDER, active_id=order.id).run()
    assert order.state == "done"


@pytest.mark.addons("test_views_c")
def test_server_method_must_be_public(env):
    model = env["ir.model"].search([("model", "=", ORDER)])
    with pytest.raises(ValidationError, match="_private_helper"):
        env["ir.actions.server"].create({"name": "Bad", "model_id": model.id, "state": "object_method",
                                         "method_name": "_private_helper"})


def test_server_action_restricted_to_groups_refuses_others(env, user_env):
    action = server(env, code="x = 1", groups_id=[(6, 0, [env.ref("base.group_system").id])])
    with pytest.raises(AccessError):
        action.with_env(user_env("base.group_user")).run()


@pytest.mark.addons("test_views_c")
def test_report_action_is_what_the_client_runs(env):
    report = env.ref("test_views_a.report_order")
    result = report.report_action([3, 4])
    assert (result["type"], result["report_name"], result["context"]["active_ids"]) == (
        "ir.actions.report", "test_views_a.report_order", [3, 4])


def test_report_on_unknown_model_is_refused(env):
    with pytest.raises(ValidationError, match=r"res\.nothing"):
        env["ir.actions.report"].create({"name": "R", "model": "res.nothing", "report_name": "x"})


@pytest.mark.addons("test_views_c")
def test_window_action_read_gives_the_views_the_client_opens(env):
    action = env.ref("test_views_a.action_order")
    row = action.read(["res_model", "views", "search_view_id"])[0]
    assert row["views"][0] == [env.ref("test_views_a.order_tree").id, "list"]
    assert row["search_view_id"][0] == env.ref("test_views_a.order_search").id
