"""errors: the names, messages and fault codes clients see for an exception."""

from __future__ import annotations

import pytest
from werkzeug.exceptions import NotFound

from nexa.exceptions import (
    AccessDenied,
    AccessError,
    ConfigError,
    ConflictError,
    DomainError,
    MissingError,
    UserError,
    ValidationError,
)
from nexa.rpc.errors import (
    MalformedRequest,
    RpcTransportError,
    SessionExpired,
    exception_arguments,
    exception_message,
    exception_traceback,
    exception_type,
    odoo_exception_name,
    xmlrpc_fault_code,
)


def _raised(exc: BaseException) -> BaseException:
    """Return ``exc`` after raising it, so it carries a traceback like a real one."""
    try:
        raise exc
    except BaseException as caught:
        return caught


@pytest.mark.parametrize(
    ("exc", "name"),
    [
        (UserError("x"), "odoo.exceptions.UserError"),
        (ValidationError("x"), "odoo.exceptions.ValidationError"),
        (AccessError("x"), "odoo.exceptions.AccessError"),
        (AccessDenied(), "odoo.exceptions.AccessDenied"),
        (MissingError("x"), "odoo.exceptions.MissingError"),
    ],
)
def test_nexa_user_errors_are_named_like_odoo(exc, name):
    assert odoo_exception_name(exc) == name


def test_subclass_without_its_own_name_inherits_the_parent_odoo_name():
    assert odoo_exception_name(DomainError("bad domain")) == "odoo.exceptions.ValidationError"


@pytest.mark.parametrize("cls", [KeyError, TypeError, AttributeError, ValueError])
def test_builtin_exceptions_are_named_builtins_dot_class(cls):
    assert odoo_exception_name(cls("x")) == f"builtins.{cls.__name__}"


def test_other_exceptions_are_named_by_module_and_class_like_odoo():
    assert odoo_exception_name(NotFound()) == "werkzeug.exceptions.NotFound"


def test_nexa_error_without_odoo_name_is_named_by_its_module():
    assert odoo_exception_name(ConfigError("bad")) == "nexa.exceptions.ConfigError"


def test_session_expired_is_named_like_odoo_session_expired_exception():
    assert odoo_exception_name(SessionExpired()) == "odoo.http.SessionExpiredException"


def test_message_of_nexa_error_is_its_message():
    assert exception_message(UserError("Partner 'Acme' has open invoices")) == (
        "Partner 'Acme' has open invoices"
    )


def test_message_of_key_error_has_no_quotes_like_odoo():
    assert exception_message(KeyError("res.partnr")) == "res.partnr"


def test_message_joins_several_arguments_with_newlines():
    assert exception_message(ValueError("first", 2)) == "first\n2"


def test_message_of_exception_without_arguments_is_its_str():
    assert exception_message(NotFound()).startswith("404 Not Found")


def test_message_never_raises_even_when_str_fails():
    class Broken(Exception):
        def __str__(self):
            raise RuntimeError("boom")

    assert exception_message(Broken()) == "Unknown message"


def test_arguments_are_the_exception_args_as_a_list():
    assert exception_arguments(ValueError("a", 1)) == ["a", 1]


def test_arguments_fall_back_to_the_message_so_erppeek_can_read_the_first():
    assert exception_arguments(NotFound()) == [exception_message(NotFound())]


def test_traceback_names_the_raising_line():
    text = exception_traceback(_raised(KeyError("missing")))
    assert text.startswith("Traceback (most recent call last):") and "KeyError: 'missing'" in text


def test_traceback_of_access_denied_is_hidden_like_odoo():
    assert exception_traceback(_raised(AccessDenied())) == ""


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (AccessDenied(), "access_denied"),
        (AccessError("x"), "access_error"),
        (MissingError("x"), "missing_error"),
        (ValidationError("x"), "validation_error"),
        (UserError("x"), "user_error"),
        (ConflictError("x", model="m", record_ids=[1], conflicts={}), "user_error"),
        (KeyError("x"), "internal_error"),
    ],
)
def test_exception_type_tells_erppeek_whether_to_print_a_traceback(exc, kind):
    assert exception_type(exc) == kind


@pytest.mark.parametrize(
    ("exc", "code"),
    [
        (AccessError("x"), 4),
        (AccessDenied(), 3),
        (UserError("x"), 2),
        (ValidationError("x"), 2),
        (MissingError("x"), 2),
        (KeyError("x"), 1),
        (ConfigError("x"), 1),
        (MalformedRequest("x"), 1),
    ],
)
def test_xmlrpc2_fault_codes_follow_odoo_int_table(exc, code):
    assert xmlrpc_fault_code(exc, legacy=False) == code


@pytest.mark.parametrize(
    ("exc", "code"),
    [
        (MissingError("Record 5 is gone"), "warning -- MissingError\n\nRecord 5 is gone"),
        (AccessError("No access"), "warning -- AccessError\n\nNo access"),
        (AccessDenied(), "AccessDenied"),
        (ValidationError("Bad email"), "warning -- UserError\n\nBad email"),
        (UserError("Nope"), "warning -- UserError\n\nNope"),
        (AttributeError("The method 'x' does not exist"), "The method 'x' does not exist"),
    ],
)
def test_legacy_xmlrpc_fault_codes_follow_odoo_string_table(exc, code):
    assert xmlrpc_fault_code(exc, legacy=True) == code


def test_transport_error_carries_status_and_text():
    error = RpcTransportError(400, "Invalid JSON data")
    assert (error.status, error.text, str(error)) == (400, "Invalid JSON data", "Invalid JSON data")


def test_malformed_request_is_a_value_error():
    assert isinstance(MalformedRequest("bad body"), ValueError)
