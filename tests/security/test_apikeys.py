"""API keys: 40 hex characters, an 8-character clear index, a salted fast hash."""

from __future__ import annotations

import re

import pytest

from nexa.security import apikeys, passwords
from nexa.security.apikeys import generate_key, hash_secret, key_index, verify_key, verify_secret


def test_generate_key_returns_a_40_hex_key_its_index_and_a_hash() -> None:
    key, index, stored = generate_key()
    assert (bool(re.fullmatch(r"[0-9a-f]{40}", key)), index, stored.startswith("$hmac-sha256$")) == (
        True,
        key[:8],
        True,
    )


def test_key_index_is_the_first_eight_characters() -> None:
    assert key_index("0123456789abcdef0123456789abcdef01234567") == "01234567"


def test_generated_key_verifies_against_its_hash() -> None:
    key, _, stored = generate_key()
    assert verify_key(key, stored)


def test_another_key_does_not_verify() -> None:
    _, _, stored = generate_key()
    other, _, _ = generate_key()
    assert not verify_key(other, stored)


def test_generated_keys_are_unique() -> None:
    assert len({generate_key()[0] for _ in range(200)}) == 200


def test_stored_hash_does_not_reveal_the_key() -> None:
    key, _, stored = generate_key()
    assert key not in stored and key[8:] not in stored


def test_same_key_hashes_differently_each_time() -> None:
    key = generate_key()[0]
    assert hash_secret(key) != hash_secret(key)


@pytest.mark.parametrize(
    "key",
    [
        "",
        "0123456789abcdef",  # too short
        "0123456789ABCDEF0123456789ABCDEF01234567",  # upper case: not a key we issue
        "0123456789abcdef0123456789abcdef01234567 ",  # trailing space
        None,
    ],
)
def test_malformed_keys_are_refused_without_hashing(key, monkeypatch: pytest.MonkeyPatch) -> None:
    hashed = []
    monkeypatch.setattr(apikeys, "_digest", lambda *args: hashed.append(args) or b"")
    assert (verify_key(key, "$hmac-sha256$" + "0" * 32 + "$" + "0" * 64), hashed) == (False, [])


@pytest.mark.parametrize("stored", ["", "$hmac-sha256$zz$00", "$hmac-sha256$" + "0" * 32, "plain"])
def test_malformed_stored_hashes_do_not_verify(stored: str) -> None:
    assert not verify_key(generate_key()[0], stored)


def test_key_hashed_by_odoo_with_pbkdf2_verifies(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "DEFAULT_ROUNDS", 6000)  # Odoo's KEY_CRYPT_CONTEXT rounds
    key = generate_key()[0]
    assert verify_key(key, passwords.hash_password(key))


def test_verify_secret_refuses_an_empty_secret() -> None:
    assert not verify_secret("", hash_secret("x"))


def test_hash_secret_round_trips_any_high_entropy_secret() -> None:
    assert verify_secret("7k2m-q9xd-3hrt-b0cz", hash_secret("7k2m-q9xd-3hrt-b0cz"))
