"""``/web/action/boot``: the action of a first load with its views and fields, in one call."""

import json

import pytest
from werkzeug.test import Client

from addons.web.controllers.boot import view_requests
from nexa.http.app import Application

pytestmark = pytest.mark.addons("base", "test_web_widgets")


def call(client, path, **params):
    body = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
    return client.post(path, data=json.dumps(body), content_type="application/json").get_json()


def test_window_action_comes_with_the_views_and_fields_the_client_asks_for(admin_client):
    result = call(admin_client, "/web/action/boot", action_id="test_web_widgets.action_gadget")["result"]
    action = call(admin_client, "/web/action/load", action_id="test_web_widgets.action_gadget")["result"]
    assert result["action"] == action
    assert result["views"] == view_requests(action)
    assert set(result["get_views"]["views"]) == {"list", "kanban", "form", "search"}
    assert result["fields"]["name"]["type"] == "char" and "help" not in result["fields"]["name"]


def test_unknown_action_is_the_same_error_as_with_action_load(admin_client):
    booted = call(admin_client, "/web/action/boot", action_id="test_web_widgets.no_such_action")["error"]
    loaded = call(admin_client, "/web/action/load", action_id="test_web_widgets.no_such_action")["error"]
    assert booted["data"]["message"] == loaded["data"]["message"]


def test_without_session_the_client_is_told_the_session_expired(nexa_runtime):
    error = call(Client(Application(nexa_runtime)), "/web/action/boot", action_id="test_web_widgets.action_gadget")
    assert error["error"]["code"] == 100


@pytest.mark.parametrize(("action", "expected"), [
    ({"views": [[False, "list"], [7, "kanban"], [False, "calendar"]]},
     [[False, "list"], [7, "kanban"], [False, "form"], [False, "search"]]),
    ({"views": [[3, "tree"], [4, "form"]], "search_view_id": [9, "x.search"]},
     [[3, "list"], [4, "form"], [9, "search"]]),
    ({}, [[False, "list"], [False, "form"], [False, "search"]]),
])
def test_view_requests_are_the_client_views_a_form_and_the_search(action, expected):
    assert view_requests(action) == expected
