"""API keys: random 40-hex-character secrets, stored as a clear index plus a hash.

A key is shown to its owner once, when it is created; the database keeps only
its first 8 characters (the *index*, to find the row without scanning every
key) and a hash of the whole key. This is Odoo's layout (``res.users.apikeys``:
20 random bytes as hex, ``INDEX_SIZE = 8``), so keys imported from Odoo keep
working: their hashes are passlib ``pbkdf2-sha512`` and :func:`verify_key`
hands those to :mod:`nexa.security.passwords`.

Why a fast hash is enough for keys Nexa issues: a slow KDF protects *guessable*
secrets (passwords people choose) against offline guessing. A key is 160 random
bits; even at 10^12 SHA-256 guesses a second, finding one takes ~10^28 years.
Meanwhile API keys are sent as the RPC password on every call, so a 0.5 s KDF
would cost that much on every request. The per-key salt, used as the HMAC key,
keeps two rows with the same key from having the same hash and defeats any
precomputed table.

:func:`hash_secret` / :func:`verify_secret` serve every high-entropy secret the
same way (TOTP recovery codes use them too).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from nexa.security.passwords import verify_password

#: Random bytes in a key; shown as twice as many hex characters.
KEY_BYTES = 20

#: Characters of the key stored in clear to find its row.
INDEX_SIZE = 8

_SCHEME = "hmac-sha256"
_SALT_BYTES = 16
_KEY_SHAPE = re.compile(rf"[0-9a-f]{{{KEY_BYTES * 2}}}")
_STORED_SHAPE = re.compile(rf"\${_SCHEME}\$([0-9a-f]{{{_SALT_BYTES * 2}}})\$([0-9a-f]{{64}})")


def generate_key() -> tuple[str, str, str]:
    """Create a key; return ``(key, index, hash)``.

    Show ``key`` to the user once and forget it; store ``index`` (its first
    :data:`INDEX_SIZE` characters) and ``hash``.
    """
    key = secrets.token_hex(KEY_BYTES)
    return key, key_index(key), hash_secret(key)


def key_index(key: str) -> str:
    """The part of ``key`` stored in clear, to look up the candidate rows of a login."""
    return key[:INDEX_SIZE]


def verify_key(key: str, stored_hash: str) -> bool:
    """Tell whether ``key`` matches ``stored_hash``, comparing in constant time.

    Anything that is not 40 lowercase hex characters is refused without hashing:
    it cannot be a key Nexa (or Odoo) issued. Hashes imported from Odoo
    (``$pbkdf2-sha512$...``) verify through the password scheme.
    """
    if not isinstance(key, str) or not _KEY_SHAPE.fullmatch(key):
        return False
    if isinstance(stored_hash, str) and stored_hash.startswith("$pbkdf2"):
        return verify_password(key, stored_hash)
    return verify_secret(key, stored_hash)


def hash_secret(secret: str) -> str:
    """Hash a high-entropy ``secret`` as ``$hmac-sha256$<salt hex>$<digest hex>``.

    Only for machine-generated secrets of 80 bits or more; user passwords go
    through :func:`nexa.security.passwords.hash_password`.
    """
    salt = secrets.token_bytes(_SALT_BYTES)
    return f"${_SCHEME}${salt.hex()}${_digest(salt, secret).hex()}"


def verify_secret(secret: str, stored_hash: str) -> bool:
    """Tell whether ``secret`` matches a :func:`hash_secret` hash (False when malformed)."""
    match = _STORED_SHAPE.fullmatch(stored_hash or "")
    if not secret or match is None:
        return False
    salt, expected = bytes.fromhex(match[1]), bytes.fromhex(match[2])
    return hmac.compare_digest(_digest(salt, secret), expected)


def _digest(salt: bytes, secret: str) -> bytes:
    return hmac.new(salt, secret.encode("utf-8"), hashlib.sha256).digest()
