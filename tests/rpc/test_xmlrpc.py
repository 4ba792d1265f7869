"""xmlrpc: Odoo 17.0's XML-RPC codec, checked through Python's own xmlrpc.client."""

from __future__ import annotations

from datetime import date, datetime
from xmlrpc import client  # the stdlib client that Python scripts, odoolib and erppeek use

import erppeek
import pytest

from nexa.exceptions import AccessDenied, AccessError, MissingError, UserError, ValidationError
from nexa.rpc import xmlrpc
from nexa.rpc.errors import MalformedRequest


def _raised(exc: BaseException) -> BaseException:
    try:
        raise exc
    except BaseException as caught:
        return caught


def _client_reads(body: bytes):
    """What a client's ServerProxy returns for ``body`` (the single result value)."""
    params, _method = client.loads(body)
    return params[0]


def _client_fault(exc: BaseException, *, legacy: bool, debug: bool = False) -> client.Fault:
    """The Fault a client's ServerProxy raises for the fault response of ``exc``."""
    body = xmlrpc.encode_fault(_raised(exc), legacy=legacy, debug=debug)
    with pytest.raises(client.Fault) as caught:
        client.loads(body)
    return caught.value


# --- decoding -----------------------------------------------------------------------------------


def test_method_name_and_params_are_decoded():
    body = client.dumps(("db", 2, "pwd", "res.partner", "search", [[["name", "=", "x"]]]), "execute_kw")
    assert xmlrpc.decode_request(body.encode()) == (
        "execute_kw",
        ("db", 2, "pwd", "res.partner", "search", [[["name", "=", "x"]]]),
    )


def test_nil_sent_by_erppeek_is_read_as_none():
    body = client.dumps(("db", 2, "pwd", "res.partner", "read", [1], None), "execute", allow_none=True)
    assert xmlrpc.decode_request(body.encode())[1][-1] is None


def test_datetime_parameter_is_read_as_datetime():
    body = client.dumps((datetime(2024, 5, 1, 12, 0, 0),), "execute")
    assert xmlrpc.decode_request(body.encode())[1] == (datetime(2024, 5, 1, 12, 0, 0),)


def test_base64_parameter_is_read_as_bytes():
    body = client.dumps((b"\x00\x01binary",), "execute")
    assert xmlrpc.decode_request(body.encode())[1] == (b"\x00\x01binary",)


def test_utf8_body_with_declared_encoding_is_decoded():
    body = client.dumps(("Société",), "login", encoding="utf-8")
    assert xmlrpc.decode_request(body.encode("utf-8"))[1] == ("Société",)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not xml at all",
        b"<?xml version='1.0'?><methodCall><methodName>x</methodName><params>",
        b"<methodCall><methodName>x</methodName><params><param><value><int>abc</int></value></param>"
        b"</params></methodCall>",
        b"<methodCall><methodName>x</methodName><params><param><value><bogus/></value></param>"
        b"</params></methodCall>",
    ],
)
def test_malformed_body_raises_malformed_request(body):
    with pytest.raises(MalformedRequest, match="Malformed XML-RPC request"):
        xmlrpc.decode_request(body)


def test_method_response_sent_as_a_request_is_malformed():
    body = client.dumps((1,), methodresponse=True).encode()
    with pytest.raises(MalformedRequest, match="expected a <methodCall>"):
        xmlrpc.decode_request(body)


def test_malformed_body_becomes_fault_1_like_odoo():
    try:
        xmlrpc.decode_request(b"garbage")
    except MalformedRequest as exc:
        body = xmlrpc.encode_fault(exc, legacy=False, debug=False)
    with pytest.raises(client.Fault) as caught:
        client.loads(body)
    assert caught.value.faultCode == 1 and "Malformed XML-RPC request" in caught.value.faultString


# --- results ------------------------------------------------------------------------------------


def test_response_uses_odoo_envelope():
    assert xmlrpc.encode_result(True).startswith(b'<?xml version="1.0"?>\n<methodResponse>\n<params>')


def test_read_result_round_trips_through_the_stdlib_client():
    rows = [{"id": 1, "name": "Acme", "country_id": [21, "Belgium"], "child_ids": (2, 3), "active": True}]
    assert _client_reads(xmlrpc.encode_result(rows)) == [
        {"id": 1, "name": "Acme", "country_id": [21, "Belgium"], "child_ids": [2, 3], "active": True}
    ]


def test_dates_are_sent_as_strings_not_iso8601_values():
    body = xmlrpc.encode_result({"d": date(2024, 1, 2), "dt": datetime(2024, 1, 2, 3, 4, 5, 6)})
    assert b"dateTime.iso8601" not in body
    assert _client_reads(body) == {"d": "2024-01-02", "dt": "2024-01-02 03:04:05"}


def test_bytes_are_sent_as_text_not_base64_values():
    body = xmlrpc.encode_result(b"aGVsbG8=")
    assert b"<base64>" not in body and _client_reads(body) == "aGVsbG8="


def test_none_is_sent_as_false_at_any_depth():
    body = xmlrpc.encode_result({"partner_id": None, "list": [None]})
    assert b"<nil/>" not in body
    assert _client_reads(body) == {"partner_id": False, "list": [False]}


def test_top_level_none_is_sent_as_false():
    assert _client_reads(xmlrpc.encode_result(None)) is False


def test_control_characters_are_removed_but_tab_newline_return_kept():
    body = xmlrpc.encode_result("a\x00b\x1fc\td\ne\rf\x0b")
    assert b"<string>abc\td\ne\rf</string>" in body
    assert _client_reads(body) == "abc\td\ne\nf"  # XML parsers read a lone CR as LF


def test_control_characters_are_removed_from_struct_keys():
    assert _client_reads(xmlrpc.encode_result({"na\x07me": 1})) == {"name": 1}


def test_xml_special_characters_are_escaped():
    assert _client_reads(xmlrpc.encode_result("<b> & </b>")) == "<b> & </b>"


def test_non_ascii_text_is_sent_as_utf8():
    body = xmlrpc.encode_result("Zürich")
    assert "Zürich".encode() in body and _client_reads(body) == "Zürich"


def test_32_bit_integers_are_sent():
    assert _client_reads(xmlrpc.encode_result([2**31 - 1, -(2**31)])) == [2**31 - 1, -(2**31)]


def test_integer_beyond_32_bits_raises_overflow_error_naming_it():
    with pytest.raises(OverflowError, match=r"integer 2147483648 over XML-RPC.*JSON-RPC"):
        xmlrpc.encode_result({"size": 2**31})


def test_integer_overflow_becomes_fault_1_like_odoo():
    try:
        xmlrpc.encode_result(2**40)
    except OverflowError as exc:
        fault_body = xmlrpc.encode_fault(exc, legacy=False, debug=False)
    with pytest.raises(client.Fault) as caught:
        client.loads(fault_body)
    assert caught.value.faultCode == 1


def test_int_dict_keys_are_sent_as_strings():
    assert _client_reads(xmlrpc.encode_result({1: "a"})) == {"1": "a"}


# --- faults on /xmlrpc/2 --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "code", "string"),
    [
        (AccessError("Not allowed"), 4, "Not allowed"),
        (AccessDenied(), 3, "Access Denied"),
        (UserError("Object foo.bar doesn't exist"), 2, "Object foo.bar doesn't exist"),
        (ValidationError("Email is invalid"), 2, "Email is invalid"),
        (MissingError("Record does not exist"), 2, "Record does not exist"),
        (AttributeError("The method 'x' does not exist"), 1, "The method 'x' does not exist"),
    ],
)
def test_int_fault_codes_and_strings_reach_the_client(exc, code, string):
    fault = _client_fault(exc, legacy=False)
    assert (fault.faultCode, fault.faultString) == (code, string)


def test_unexpected_error_fault_string_is_the_traceback_only_in_debug_mode():
    fault = _client_fault(KeyError("res.partnr"), legacy=False, debug=True)
    assert fault.faultString.startswith("Traceback (most recent call last):")
    assert "KeyError: 'res.partnr'" in fault.faultString


def test_user_error_fault_string_is_the_message_even_in_debug_mode():
    assert _client_fault(UserError("Nope"), legacy=False, debug=True).faultString == "Nope"


def test_fault_strings_lose_control_characters():
    assert _client_fault(UserError("bad\x00value"), legacy=False).faultString == "badvalue"


# --- faults on legacy /xmlrpc -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "code", "string"),
    [
        (MissingError("Record 5 is gone"), "warning -- MissingError\n\nRecord 5 is gone", ""),
        (AccessError("No access"), "warning -- AccessError\n\nNo access", ""),
        (AccessDenied(), "AccessDenied", "Access Denied"),
        (ValidationError("Bad email"), "warning -- UserError\n\nBad email", ""),
        (UserError("Nope"), "warning -- UserError\n\nNope", ""),
        (KeyError("res.partnr"), "res.partnr", "res.partnr"),
    ],
)
def test_legacy_string_fault_codes_reach_the_client(exc, code, string):
    fault = _client_fault(exc, legacy=True)
    assert (fault.faultCode, fault.faultString) == (code, string)


def test_legacy_unexpected_error_carries_the_traceback_only_in_debug_mode():
    fault = _client_fault(KeyError("res.partnr"), legacy=True, debug=True)
    assert fault.faultCode == "res.partnr" and fault.faultString.startswith("Traceback")


def test_erppeek_prints_a_legacy_user_error_fault_as_one_line():
    fault = _client_fault(UserError("Partner has open invoices"), legacy=True)
    lines = erppeek.format_exception(client.Fault, fault, None, chain=False)
    assert lines == ["Fault: UserError\n\nPartner has open invoices"]


def test_erppeek_prints_a_legacy_access_denied_fault():
    fault = _client_fault(AccessDenied(), legacy=True)
    lines = erppeek.format_exception(client.Fault, fault, None, chain=False)
    assert lines == ["Access Denied"]
