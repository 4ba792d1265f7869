"""jsonrpc: Odoo 17.0's JSON-RPC envelope, as the three client libraries read it."""

from __future__ import annotations

import json
import re
import traceback
from datetime import date, datetime

import erppeek
import pytest
from werkzeug.exceptions import NotFound

from nexa.exceptions import AccessDenied, AccessError, UserError
from nexa.rpc import jsonrpc
from nexa.rpc.errors import RpcTransportError, SessionExpired
from nexa.rpc.version import SERVER_VERSION, version_info

CALL = (
    b'{"jsonrpc": "2.0", "method": "call", "id": 42,'
    b' "params": {"service": "common", "method": "version", "args": []}}'
)


def _raised(exc: BaseException) -> BaseException:
    try:
        raise exc
    except BaseException as caught:
        return caught


def _error(exc: BaseException, *, debug: bool = False, request_id=1) -> dict:
    return json.loads(jsonrpc.encode_error(request_id, _raised(exc), debug=debug))


# --- decoding -----------------------------------------------------------------------------------


def test_request_params_id_and_method_are_decoded():
    request = jsonrpc.decode_request(CALL, "application/json")
    assert request == jsonrpc.JsonRpcRequest(
        id=42, method="call", params={"service": "common", "method": "version", "args": []}
    )


@pytest.mark.parametrize(
    "content_type", ["application/json", "application/json-rpc", "application/json; charset=utf-8"]
)
def test_json_content_types_are_accepted(content_type):
    assert jsonrpc.decode_request(CALL, content_type).id == 42


def test_content_type_is_compared_case_insensitively():
    assert jsonrpc.decode_request(CALL, "Application/JSON").id == 42


@pytest.mark.parametrize("content_type", [None, "", "text/plain", "application/x-www-form-urlencoded"])
def test_other_content_types_are_refused_with_odoo_400_text(content_type):
    with pytest.raises(RpcTransportError) as caught:
        jsonrpc.decode_request(CALL, content_type)
    assert caught.value.status == 400
    assert caught.value.text == (
        "Request inferred type is compatible with ['http'] but '/jsonrpc' is type='json'."
    )


def test_content_type_refusal_names_the_route_called():
    with pytest.raises(RpcTransportError, match="'/web/dataset/call_kw' is type='json'"):
        jsonrpc.decode_request(CALL, "text/plain", route="/web/dataset/call_kw")


def test_content_type_is_checked_before_the_body():
    with pytest.raises(RpcTransportError, match="inferred type"):
        jsonrpc.decode_request(b"not json", "text/plain")


@pytest.mark.parametrize("body", [b"some non json garbage", b"", b'{"id": 1', b"\xff\xfe{}"])
def test_body_that_is_not_json_is_refused_as_invalid_json_data(body):
    with pytest.raises(RpcTransportError) as caught:
        jsonrpc.decode_request(body, "application/json")
    assert (caught.value.status, caught.value.text) == (400, "Invalid JSON data")


def test_absurdly_nested_body_is_refused_not_crashing():
    with pytest.raises(RpcTransportError, match="Invalid JSON data"):
        jsonrpc.decode_request(b"[" * 100_000 + b"]" * 100_000, "application/json")


@pytest.mark.parametrize("body", [b'"I am a json string"', b"[1, 2]", b"null", b"3"])
def test_json_that_is_not_an_object_is_refused_as_invalid_jsonrpc_data(body):
    with pytest.raises(RpcTransportError) as caught:
        jsonrpc.decode_request(body, "application/json")
    assert (caught.value.status, caught.value.text) == (400, "Invalid JSON-RPC data")


@pytest.mark.parametrize("params", ["[1, 2]", "null", '"x"'])
def test_params_that_are_not_an_object_are_refused_as_invalid_jsonrpc_data(params):
    body = f'{{"jsonrpc": "2.0", "id": 1, "params": {params}}}'.encode()
    with pytest.raises(RpcTransportError, match="Invalid JSON-RPC data"):
        jsonrpc.decode_request(body, "application/json")


def test_missing_params_means_no_arguments():
    assert jsonrpc.decode_request(b'{"id": 3}', "application/json").params == {}


@pytest.mark.parametrize("request_id", ["1a2b00000f4240", None, 7, 1.5])
def test_request_id_of_any_json_type_is_kept(request_id):
    body = json.dumps({"id": request_id, "params": {}}).encode()
    assert jsonrpc.decode_request(body, "application/json").id == request_id


def test_utf8_text_in_params_is_decoded():
    body = '{"params": {"name": "Société Générale"}}'.encode()
    assert jsonrpc.decode_request(body, "application/json").params["name"] == "Société Générale"


# --- success ------------------------------------------------------------------------------------


def test_result_is_wrapped_in_the_jsonrpc_envelope():
    assert json.loads(jsonrpc.encode_result(42, [1, 2])) == {"jsonrpc": "2.0", "id": 42, "result": [1, 2]}


def test_none_result_is_sent_as_false_so_erppeek_finds_result():
    response = json.loads(jsonrpc.encode_result("1a2b", None))
    assert response["result"] is False  # erppeek does resp['result']


def test_null_request_id_is_echoed_as_null_not_false():
    assert json.loads(jsonrpc.encode_result(None, True))["id"] is None


def test_string_request_id_is_echoed_verbatim():
    assert json.loads(jsonrpc.encode_result("1a2b00000f4240", True))["id"] == "1a2b00000f4240"


def test_result_values_are_converted_with_odoo_date_formats():
    result = {"date": date(2024, 3, 1), "write_date": datetime(2024, 3, 1, 10, 5, 0, 123), "x": None}
    body = json.loads(jsonrpc.encode_result(1, [result]))
    assert body["result"] == [{"date": "2024-03-01", "write_date": "2024-03-01 10:05:00", "x": False}]


def test_non_ascii_text_is_sent_as_utf8_not_escaped():
    body = jsonrpc.encode_result(1, "Zürich")
    assert "Zürich".encode() in body and b"\\u" not in body


def test_lone_surrogate_is_sent_as_a_valid_json_escape():
    body = jsonrpc.encode_result(1, "a\ud800b")
    assert json.loads(body.decode("utf-8"))["result"] == "a\ud800b"


def test_unsendable_result_raises_type_error_for_the_caller():
    with pytest.raises(TypeError, match="object over RPC"):
        jsonrpc.encode_result(1, object())


def test_version_info_is_sent_as_odoo_17_reports_it():
    result = json.loads(jsonrpc.encode_result(1, version_info()))["result"]
    assert {key: result[key] for key in result if key != "nexa_version"} == {
        "server_version": "17.0",
        "server_version_info": [17, 0, 0, "final", 0, ""],
        "server_serie": "17.0",
        "protocol_version": 1,
    }


def test_version_info_carries_nexa_version_on_the_side():
    assert re.fullmatch(r"\d+\.\d+.*", version_info()["nexa_version"])


def test_server_version_starts_with_digits_as_erppeek_requires():
    assert float(re.match(r"\d+\.?\d*", SERVER_VERSION).group()) >= 11  # odoorpc needs >= 11 too


def test_version_info_returns_a_fresh_dict_each_time():
    first = version_info()
    first["server_version"] = "changed"
    assert version_info()["server_version"] == "17.0"


# --- errors -------------------------------------------------------------------------------------


def test_error_object_has_odoo_shape_and_no_result():
    response = _error(AccessError("You are not allowed to create 'User' (res.users) records."), request_id=9)
    assert response == {
        "jsonrpc": "2.0",
        "id": 9,
        "error": {
            "code": 200,
            "message": "Odoo Server Error",
            "data": {
                "name": "odoo.exceptions.AccessError",
                "message": "You are not allowed to create 'User' (res.users) records.",
                "arguments": ["You are not allowed to create 'User' (res.users) records."],
                "context": {},
                "debug": "",
                "exception_type": "access_error",
            },
        },
    }


def test_error_message_is_where_odoorpc_reads_it():
    response = _error(UserError("Object foo.bar doesn't exist"))
    assert response["error"]["data"]["message"] == "Object foo.bar doesn't exist"


def test_builtin_exception_is_named_builtins_dot_class():
    data = _error(AttributeError("The method 'x' does not exist on the model 'res.partner'"))["error"]["data"]
    assert (data["name"], data["exception_type"]) == ("builtins.AttributeError", "internal_error")


def test_traceback_is_sent_only_in_debug_mode():
    assert _error(KeyError("k"))["error"]["data"]["debug"] == ""
    assert "Traceback (most recent call last)" in _error(KeyError("k"), debug=True)["error"]["data"]["debug"]


def test_access_denied_traceback_stays_hidden_even_in_debug_mode():
    data = _error(AccessDenied(), debug=True)["error"]["data"]
    assert (data["name"], data["message"], data["debug"]) == (
        "odoo.exceptions.AccessDenied",
        "Access Denied",
        "",
    )


def test_not_found_uses_code_404():
    error = _error(NotFound())["error"]
    assert (error["code"], error["message"], error["data"]["name"]) == (
        404,
        "404: Not Found",
        "werkzeug.exceptions.NotFound",
    )


def test_session_expired_uses_code_100():
    error = _error(SessionExpired())["error"]
    assert (error["code"], error["message"], error["data"]["name"]) == (
        100,
        "Odoo Session Expired",
        "odoo.http.SessionExpiredException",
    )


def test_not_found_is_sent_with_http_404_like_odoo_17():
    assert (jsonrpc.error_status(NotFound()), jsonrpc.error_status(UserError("x"))) == (404, 200)


def test_exception_context_attribute_is_sent():
    exc = UserError("x")
    exc.context = {"lang": "fr_FR"}
    assert _error(exc)["error"]["data"]["context"] == {"lang": "fr_FR"}


def test_unsendable_exception_arguments_are_sent_as_text():
    marker = object()
    data = _error(ValueError("bad", marker))["error"]["data"]
    assert data["arguments"] == ["bad", str(marker)]


def test_erppeek_prints_a_user_error_as_one_line():
    response = _error(UserError("Partner has open invoices"))
    server_error = erppeek.ServerError(response["error"])
    lines = erppeek.format_exception(erppeek.ServerError, server_error, None, chain=False)
    assert lines == ["odoo.exceptions.UserError: Partner has open invoices"]


def test_erppeek_prints_the_server_traceback_of_an_internal_error_in_debug_mode():
    response = _error(KeyError("res.partnr"), debug=True)
    server_error = erppeek.ServerError(response["error"])
    lines = erppeek.format_exception(erppeek.ServerError, server_error, None, chain=False)
    assert lines[0].startswith("Traceback") and "KeyError: 'res.partnr'" in lines[0]


def test_erppeek_prints_an_error_without_arguments():
    server_error = erppeek.ServerError(_error(NotFound())["error"])
    lines = erppeek.format_exception(erppeek.ServerError, server_error, None, chain=False)
    assert lines[0].startswith("werkzeug.exceptions.NotFound")


def test_encode_error_works_outside_an_except_block():
    exc = UserError("raised long ago")
    data = json.loads(jsonrpc.encode_error(1, exc, debug=True))["error"]["data"]
    assert data["debug"] == "".join(traceback.format_exception(exc))


def test_error_data_names_the_model_and_field_but_not_the_value():
    from nexa.exceptions import ValidationError

    error = ValidationError("bad", model="res.partner", field="email", value="s3cret-input")
    data = json.loads(jsonrpc.encode_error(1, error, debug=False))["error"]["data"]
    assert data["model"] == "res.partner" and data["field"] == "email"
    assert "s3cret-input" not in json.dumps(data)
