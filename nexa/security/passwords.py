"""Password hashing: PBKDF2-HMAC-SHA512 in passlib's format, upgraded on login.

Why PBKDF2-SHA512 rather than bcrypt, scrypt or Argon2:

* it is what Odoo stores (passlib's ``pbkdf2_sha512``), so users imported from an
  Odoo database log in with their old password, and Nexa hashes stay readable by
  Odoo and passlib in turn;
* it is in the standard library (``hashlib.pbkdf2_hmac``, backed by OpenSSL), so
  there is no compiled dependency to install and audit;
* it is FIPS-approved and, with OWASP's 2023 figure of 600,000 rounds, costs an
  attacker about as much per guess as bcrypt at cost 10. Argon2 resists GPUs
  better; when the standard library gets it, ``needs_rehash`` is where the switch
  happens, one login at a time.

Stored values look like ``$pbkdf2-sha512$600000$<salt>$<hash>`` where salt and hash
use passlib's "ab64" alphabet (standard base64 with ``.`` instead of ``+``, no
padding). Older passlib schemes that Odoo databases may hold (``$pbkdf2-sha256$``
and ``$pbkdf2$``, which is SHA-1) still verify, and ``needs_rehash`` reports them so
the caller stores a fresh hash right after a successful login::

    if verify_password(password, user.password):
        if needs_rehash(user.password):
            user.password = hash_password(password)

Plain-text "hashes" (accepted by Odoo's ``plaintext`` scheme) are never verified:
a database row that can be compared in clear is a leak waiting to happen.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
import secrets
from dataclasses import dataclass

from nexa.exceptions import ValidationError

#: Rounds for new hashes (OWASP 2023 for PBKDF2-HMAC-SHA512). Read at call time, so
#: tests and slow machines may lower it; hashes with fewer rounds need a rehash.
DEFAULT_ROUNDS = 600_000

#: Environment variable overriding the rounds (the test plugin sets it: hashing cost is not
#: what tests measure). Never lower it in production.
ROUNDS_VARIABLE = "NEXA_PASSWORD_ROUNDS"


def current_rounds() -> int:
    """The rounds new hashes use: ``$NEXA_PASSWORD_ROUNDS`` if set, else :data:`DEFAULT_ROUNDS`."""
    override = os.environ.get(ROUNDS_VARIABLE)
    return int(override) if override else DEFAULT_ROUNDS

#: Bytes of random salt in new hashes (passlib's default for pbkdf2 schemes).
SALT_BYTES = 16

#: The scheme new hashes use.
SCHEME = "pbkdf2-sha512"

# scheme name -> (hashlib digest name, digest size in bytes), as passlib names them.
_SCHEMES = {
    "pbkdf2-sha512": ("sha512", 64),
    "pbkdf2-sha256": ("sha256", 32),
    "pbkdf2": ("sha1", 20),
}
_AB64 = re.compile(r"[A-Za-z0-9./]*")
_ROUNDS = re.compile(r"[1-9][0-9]*")


@dataclass(frozen=True)
class _Parsed:
    scheme: str
    rounds: int
    salt: bytes
    checksum: bytes


def hash_password(password: str) -> str:
    """Hash ``password`` with a fresh salt and :data:`DEFAULT_ROUNDS` rounds of PBKDF2-SHA512.

    An empty password is refused rather than hashed: it would never verify, so a
    user given one could not log in and would not know why.
    """
    if not password:
        raise ValidationError(
            "A password cannot be empty: choose a non-empty password "
            "(to disable a login, archive the user instead).",
            field="password",
        )
    salt = secrets.token_bytes(SALT_BYTES)
    rounds = current_rounds()
    checksum = _derive(SCHEME, password, salt, rounds)
    return f"${SCHEME}${rounds}${_ab64_encode(salt)}${_ab64_encode(checksum)}"


def verify_password(password: str, stored: str) -> bool:
    """Tell whether ``password`` matches the ``stored`` hash, comparing in constant time.

    Returns False (never raises) for an empty password, an empty or malformed
    ``stored`` value and any scheme Nexa does not know, so a login form cannot
    tell a wrong password from a broken row.
    """
    if not password or not stored:
        return False
    parsed = _parse(stored)
    if parsed is None:
        return False
    candidate = _derive(parsed.scheme, password, parsed.salt, parsed.rounds)
    return hmac.compare_digest(candidate, parsed.checksum)


def needs_rehash(stored: str) -> bool:
    """Tell whether ``stored`` should be replaced by a fresh :func:`hash_password` hash.

    True when it uses fewer rounds than :data:`DEFAULT_ROUNDS`, an older scheme that
    still verifies (``pbkdf2-sha256``, ``pbkdf2``), or is not a hash Nexa can read at
    all. Call it only after :func:`verify_password` succeeded: that is the one
    moment the clear password is at hand to hash again.
    """
    parsed = _parse(stored)
    return parsed is None or parsed.scheme != SCHEME or parsed.rounds < current_rounds()


def _derive(scheme: str, password: str, salt: bytes, rounds: int) -> bytes:
    digest, size = _SCHEMES[scheme]
    return hashlib.pbkdf2_hmac(digest, password.encode("utf-8"), salt, rounds, size)


def _parse(stored: str) -> _Parsed | None:
    """Split a passlib pbkdf2 hash into its parts, or None when it is not one."""
    parts = stored.split("$") if isinstance(stored, str) else []
    if len(parts) != 5 or parts[0] or parts[1] not in _SCHEMES:
        return None
    scheme, rounds, salt, checksum = parts[1:]
    if not _ROUNDS.fullmatch(rounds):
        return None
    try:
        parsed = _Parsed(scheme, int(rounds), _ab64_decode(salt), _ab64_decode(checksum))
    except ValueError:
        return None
    return parsed if len(parsed.checksum) == _SCHEMES[scheme][1] else None


def _ab64_encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=").replace("+", ".")


def _ab64_decode(text: str) -> bytes:
    if not _AB64.fullmatch(text) or len(text) % 4 == 1:
        raise ValueError(f"not ab64: {text!r}")
    padded = text.replace(".", "+") + "=" * (-len(text) % 4)
    try:
        return base64.b64decode(padded, validate=True)
    except binascii.Error as exc:
        raise ValueError(f"not ab64: {text!r}") from exc
