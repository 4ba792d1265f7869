"""``/web/action/load``: an action's description for the client, by id or external id."""

import json

import pytest
from werkzeug.test import Client

from nexa.http.app import Application

pytestmark = pytest.mark.addons("base", "test_web_widgets")


@pytest.fixture
def client(admin_client):
    return admin_client


def load(client, action_id):
    body = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {"action_id": action_id}}
    return client.post("/web/action/load", data=json.dumps(body), content_type="application/json").get_json()


def test_window_action_by_external_id_has_its_views_in_view_mode_order(client):
    action = load(client, "test_web_widgets.action_gadget")["result"]
    assert action["type"] == "ir.actions.act_window" and action["res_model"] == "test.web.gadget"
    assert [view[1] for view in action["views"]] == ["list", "kanban", "form"]
    assert action["limit"] == 10


def test_action_by_id_and_by_xmlid_reference_are_the_same(client):
    action = load(client, "test_web_widgets.action_gadget")["result"]
    assert load(client, action["id"])["result"]["id"] == action["id"]
    assert load(client, "%(test_web_widgets.action_gadget)d")["result"]["id"] == action["id"]


def test_domain_and_context_come_evaluated(client):
    action = load(client, "test_web_widgets.action_gadget")["result"]
    assert action["domain"] == [] and isinstance(action["context"], dict)


def test_unknown_external_id_is_an_error_naming_it(client):
    error = load(client, "test_web_widgets.no_such_action")["error"]
    assert "test_web_widgets.no_such_action" in error["data"]["message"]


def test_without_session_the_client_is_told_the_session_expired(nexa_runtime):
    error = load(Client(Application(nexa_runtime)), "test_web_widgets.action_gadget")["error"]
    assert error["code"] == 100
