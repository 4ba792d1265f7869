"""TOTP (RFC 6238) codes, their verification window, provisioning URIs and recovery codes."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from nexa.exceptions import ValidationError
from nexa.security.totp import (
    hash_recovery_code,
    match_totp,
    new_recovery_codes,
    new_secret,
    provisioning_uri,
    totp,
    verify_recovery_code,
    verify_totp,
)

# RFC 6238 appendix B: the seed is ASCII "1234567890" repeated to the hash's size.
SEEDS = {
    "sha1": b"12345678901234567890",
    "sha256": b"12345678901234567890123456789012",
    "sha512": b"1234567890123456789012345678901234567890123456789012345678901234",
}
RFC_6238_VECTORS = [
    (59, "94287082", "46119246", "90693936"),
    (1111111109, "07081804", "68084774", "25091201"),
    (1111111111, "14050471", "67062674", "99943326"),
    (1234567890, "89005924", "91819424", "93441116"),
    (2000000000, "69279037", "90698825", "38618901"),
    (20000000000, "65353130", "77737706", "47863826"),
]
SECRET = base64.b32encode(SEEDS["sha1"]).decode()
NOW = 1_700_000_000


def b32(seed: bytes) -> str:
    return base64.b32encode(seed).decode()


@pytest.mark.parametrize(
    ("for_time", "algorithm", "expected"),
    [
        (row[0], algorithm, row[1 + index])
        for row in RFC_6238_VECTORS
        for index, algorithm in enumerate(("sha1", "sha256", "sha512"))
    ],
)
def test_rfc_6238_test_vectors(for_time: int, algorithm: str, expected: str) -> None:
    assert totp(b32(SEEDS[algorithm]), for_time, digits=8, algorithm=algorithm) == expected


def test_naive_datetime_is_read_as_utc() -> None:
    assert totp(SECRET, datetime(2005, 3, 18, 1, 58, 29), digits=8) == "07081804"


def test_aware_datetime_is_converted_to_unix_time() -> None:
    assert totp(SECRET, datetime(2005, 3, 18, 1, 58, 29, tzinfo=UTC), digits=8) == "07081804"


def test_current_code_verifies() -> None:
    assert verify_totp(SECRET, totp(SECRET, NOW), at=NOW)


@pytest.mark.parametrize("offset", [-30, 30])
def test_codes_of_adjacent_steps_verify_within_the_window(offset: int) -> None:
    assert verify_totp(SECRET, totp(SECRET, NOW + offset), at=NOW)


@pytest.mark.parametrize("offset", [-60, 60])
def test_codes_outside_the_window_are_refused(offset: int) -> None:
    assert not verify_totp(SECRET, totp(SECRET, NOW + offset), at=NOW)


def test_window_zero_accepts_only_the_current_step() -> None:
    assert not verify_totp(SECRET, totp(SECRET, NOW + 30), at=NOW, window=0)


def test_spaces_in_the_code_are_ignored() -> None:
    code = totp(SECRET, NOW)
    assert verify_totp(SECRET, f"{code[:3]} {code[3:]}", at=NOW)


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef", "12345a"])
def test_malformed_codes_are_refused(code: str) -> None:
    assert not verify_totp(SECRET, code, at=NOW)


def test_match_totp_returns_the_matching_step_for_replay_checks() -> None:
    assert match_totp(SECRET, totp(SECRET, NOW - 30), at=NOW) == NOW // 30 - 1


def test_new_secret_is_160_bits_of_base32() -> None:
    secret = new_secret()
    assert (len(secret), len(base64.b32decode(secret))) == (32, 20)


def test_new_secrets_differ() -> None:
    assert new_secret() != new_secret()


def test_secret_accepts_lower_case_spaces_and_missing_padding() -> None:
    spaced = " ".join(SECRET.lower()[i : i + 4] for i in range(0, len(SECRET), 4))
    assert totp(spaced, NOW) == totp(SECRET, NOW)


@pytest.mark.parametrize("secret", ["", "not base32!", "1111"])
def test_invalid_secret_is_a_validation_error(secret: str) -> None:
    with pytest.raises(ValidationError, match="base32"):
        totp(secret, NOW)


def test_unknown_algorithm_suggests_the_closest_one() -> None:
    with pytest.raises(ValidationError, match="did you mean 'sha256'"):
        totp(SECRET, NOW, algorithm="sha-256")


@pytest.mark.parametrize("digits", [5, 11])
def test_digits_outside_rfc_range_are_refused(digits: int) -> None:
    with pytest.raises(ValidationError, match="6 to 10 digits"):
        totp(SECRET, NOW, digits=digits)


def test_provisioning_uri_follows_the_key_uri_format() -> None:
    uri = urlsplit(provisioning_uri(SECRET, account="alice@example.com", issuer="Nexa Corp"))
    query = {key: values[0] for key, values in parse_qs(uri.query).items()}
    assert (uri.scheme, uri.netloc, unquote(uri.path), query) == (
        "otpauth",
        "totp",
        "/Nexa Corp:alice@example.com",
        {"secret": SECRET, "issuer": "Nexa Corp", "algorithm": "SHA1", "digits": "6", "period": "30"},
    )


@pytest.mark.parametrize(("account", "issuer"), [("a:b", "Nexa"), ("alice", "Ne:xa"), ("", "Nexa")])
def test_provisioning_uri_refuses_colons_and_empty_labels(account: str, issuer: str) -> None:
    with pytest.raises(ValidationError, match="must be non-empty and contain no ':'"):
        provisioning_uri(SECRET, account=account, issuer=issuer)


def test_new_recovery_codes_are_ten_distinct_grouped_codes() -> None:
    codes = new_recovery_codes()
    shape = r"[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}"
    assert (len(set(codes)), all(re.fullmatch(shape, code) for code in codes)) == (10, True)


def test_recovery_code_verifies_against_its_hash() -> None:
    code = new_recovery_codes(1)[0]
    assert verify_recovery_code(code, hash_recovery_code(code))


def test_recovery_code_check_ignores_case_dashes_spaces_and_lookalikes() -> None:
    stored = hash_recovery_code("0000-1111-abcd-efgh")
    assert verify_recovery_code(" OoOo IlIl ABCD EFGH ", stored)


def test_another_recovery_code_does_not_verify() -> None:
    first, second = new_recovery_codes(2)
    assert not verify_recovery_code(second, hash_recovery_code(first))


@pytest.mark.parametrize("code", ["", "abcd-efgh", "uuuu-uuuu-uuuu-uuuu"])
def test_hash_recovery_code_refuses_malformed_codes(code: str) -> None:
    with pytest.raises(ValidationError, match="not a recovery code"):
        hash_recovery_code(code)
