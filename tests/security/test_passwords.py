"""Password hashes: passlib-compatible PBKDF2, constant-time checks, transparent upgrades."""

from __future__ import annotations

import hashlib
import re

import pytest

from nexa.exceptions import ValidationError
from nexa.security import passwords
from nexa.security.passwords import hash_password, needs_rehash, verify_password

OWASP_2023_ROUNDS = 600_000
UPASS_WAV = "\u0399\u03c9\u03b1\u03bd\u03bd\u03b7\u03c2"  # the non-ASCII password of passlib's suite

# Known-good hashes from passlib's own test suite (passlib/tests/test_handlers_pbkdf2.py).
PASSLIB_SHA512 = [
    (
        "password",
        "$pbkdf2-sha512$1212$RHY0Fr3IDMSVO/RSZyb5ow$eNLfBK.eVozomMr.1gYa17k9B7KIK25NOEshvhrSX"
        ".esqY3s.FvWZViXz4KoLlQI.BzY/YTNJOiKc5gBYFYGww",
    ),
    (
        UPASS_WAV,
        "$pbkdf2-sha512$1212$KkbvoKGsAIcF8IslDR6skQ$8be/PRmd88Ps8fmPowCJttH9G3vgxpG.Krjt3KT.NP6cK"
        "J0V4Prarqf.HBwz0dCkJ6xgWnSj2ynXSV7MlvMa8Q",
    ),
]
PASSLIB_OLDER = [
    ("password", "$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ"),
    ("password", "$pbkdf2$1212$OB.dtnSEXZK8U5cgxU/GYQ$y5LKPOplRmok7CZp/aqVDVg8zGI"),
    (UPASS_WAV, "$pbkdf2$1212$THDqatpidANpadlLeTeOEg$HV3oi1k5C5LQCgG1BMOL.BX4YZc"),
]


@pytest.fixture
def fast_rounds(monkeypatch: pytest.MonkeyPatch) -> int:
    """Lower the rounds so tests hash in milliseconds (through the constant, not the variable)."""
    monkeypatch.delenv(passwords.ROUNDS_VARIABLE, raising=False)
    monkeypatch.setattr(passwords, "DEFAULT_ROUNDS", 1000)
    return 1000


def test_default_rounds_follow_owasp_2023() -> None:
    assert passwords.DEFAULT_ROUNDS == OWASP_2023_ROUNDS


def test_hash_uses_passlib_pbkdf2_sha512_format(fast_rounds: int) -> None:
    stored = hash_password("s3cret")
    # 16-byte salt -> 22 ab64 characters, 64-byte digest -> 86.
    assert re.fullmatch(rf"\$pbkdf2-sha512\${fast_rounds}\$[A-Za-z0-9./]{{22}}\$[A-Za-z0-9./]{{86}}", stored)


def test_hash_then_verify_round_trips(fast_rounds: int) -> None:
    assert verify_password("s3cret", hash_password("s3cret"))


def test_non_ascii_password_round_trips(fast_rounds: int) -> None:
    assert verify_password(UPASS_WAV, hash_password(UPASS_WAV))


def test_wrong_password_does_not_verify(fast_rounds: int) -> None:
    assert not verify_password("s3cret!", hash_password("s3cret"))


def test_same_password_gets_a_different_salt_each_time(fast_rounds: int) -> None:
    assert hash_password("s3cret") != hash_password("s3cret")


def test_hash_password_refuses_an_empty_password() -> None:
    with pytest.raises(ValidationError, match="cannot be empty"):
        hash_password("")


def test_empty_password_never_verifies_even_against_a_hash_of_empty() -> None:
    salt = b"0123456789abcdef"
    digest = hashlib.pbkdf2_hmac("sha512", b"", salt, 1000, 64)
    stored = f"$pbkdf2-sha512$1000${passwords._ab64_encode(salt)}${passwords._ab64_encode(digest)}"
    assert not verify_password("", stored)


@pytest.mark.parametrize(("password", "stored"), PASSLIB_SHA512)
def test_passlib_pbkdf2_sha512_hashes_verify(password: str, stored: str) -> None:
    assert verify_password(password, stored)


@pytest.mark.parametrize(("password", "stored"), PASSLIB_OLDER)
def test_older_passlib_schemes_still_verify(password: str, stored: str) -> None:
    assert verify_password(password, stored)


def test_verify_compares_digests_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def recording_compare(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return a == b

    monkeypatch.setattr(passwords.hmac, "compare_digest", recording_compare)
    verify_password(*PASSLIB_SHA512[0])
    assert len(calls) == 1


def test_current_hash_does_not_need_rehash(fast_rounds: int) -> None:
    assert not needs_rehash(hash_password("s3cret"))


def test_hash_with_fewer_rounds_than_default_needs_rehash(fast_rounds: int, monkeypatch) -> None:
    stored = hash_password("s3cret")
    monkeypatch.setattr(passwords, "DEFAULT_ROUNDS", fast_rounds + 1)
    assert needs_rehash(stored)


@pytest.mark.parametrize("stored", [stored for _, stored in PASSLIB_OLDER])
def test_older_verifiable_schemes_need_rehash(stored: str) -> None:
    assert needs_rehash(stored)


@pytest.mark.parametrize(
    "stored",
    [
        "$pbkdf2-sha512$01212$RHY0Fr3IDMSVO/RSZyb5ow$eNLfBK",  # zero-padded rounds
        "$pbkdf2-sha512$$RHY0Fr3IDMSVO/RSZyb5ow$eNLfBK",  # empty rounds
        PASSLIB_SHA512[0][1] + "$",  # too many fields
        PASSLIB_SHA512[0][1][:-4],  # checksum too short
        PASSLIB_SHA512[0][1].replace("RHY0", "RH!0"),  # not ab64
        PASSLIB_SHA512[0][1].replace("pbkdf2-sha512", "pbkdf2-sha384"),  # unknown scheme
        "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",  # bcrypt
        "password",  # plain text, as Odoo's "plaintext" scheme would accept
        "",
    ],
)
def test_unreadable_hashes_never_verify_and_need_rehash(stored: str) -> None:
    assert (verify_password("password", stored), needs_rehash(stored)) == (False, True)
