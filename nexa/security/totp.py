"""Two-factor login: time-based one-time passwords (RFC 6238) and recovery codes.

A user enrolls by scanning :func:`provisioning_uri` (shown as a QR code) into an
authenticator app; both sides then derive a code from the shared secret and the
current 30-second time step. The server accepts the codes of the current step
and of ``window`` steps on each side, to forgive clock drift and typing time.

A code stays valid for its whole window, so a code seen over a shoulder could be
replayed: use :func:`match_totp`, which returns the time step that matched, keep
the last accepted step per user and refuse any step that is not newer.

Recovery codes let a user who lost the device log in: :func:`new_recovery_codes`
makes ten 80-bit codes, shown once; store only :func:`hash_recovery_code` of each
and delete a hash when its code is used. 80 random bits are far beyond offline
guessing, so they are hashed like API keys (see :mod:`nexa.security.apikeys`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
import struct
import time
from datetime import UTC, datetime
from urllib.parse import quote, urlencode

from nexa.exceptions import ValidationError, did_you_mean
from nexa.security.apikeys import hash_secret, verify_secret

_ALGORITHMS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha512": hashlib.sha512}

#: Bytes of a new secret: 160 bits, the HMAC-SHA1 block RFC 4226 recommends.
SECRET_BYTES = 20

# Crockford's base32: no i, l, o, u, so codes read aloud or copied by hand survive.
_RECOVERY_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
_RECOVERY_GROUPS, _RECOVERY_GROUP_SIZE = 4, 4
_RECOVERY_SHAPE = re.compile(rf"[{_RECOVERY_ALPHABET}]{{{_RECOVERY_GROUPS * _RECOVERY_GROUP_SIZE}}}")
_RECOVERY_LOOKALIKES = str.maketrans({"o": "0", "i": "1", "l": "1", "-": None, " ": None})


def new_secret() -> str:
    """A fresh random secret of 160 bits, base32-encoded (32 characters, no padding)."""
    return base64.b32encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def totp(
    secret_b32: str,
    for_time: float | datetime,
    *,
    digits: int = 6,
    period: int = 30,
    algorithm: str = "sha1",
) -> str:
    """The code for ``for_time`` (Unix seconds, or a datetime; naive means UTC)."""
    _check_parameters(digits, period, algorithm)
    return _hotp(_decode_secret(secret_b32), _time_step(for_time, period), digits, algorithm)


def match_totp(
    secret_b32: str,
    code: str,
    *,
    at: float | datetime | None = None,
    window: int = 1,
    digits: int = 6,
    period: int = 30,
    algorithm: str = "sha1",
) -> int | None:
    """The time step whose code equals ``code`` within ``window`` steps of ``at``, or None.

    Spaces in ``code`` are ignored (apps show "123 456"). Every candidate is
    compared in constant time, so timing does not tell which step was close.
    """
    _check_parameters(digits, period, algorithm)
    if window < 0:
        raise ValidationError(f"TOTP window must be 0 or more steps, not {window}.", value=window)
    code = "".join(str(code).split())
    if len(code) != digits or not code.isdigit():
        return None
    key = _decode_secret(secret_b32)
    now = _time_step(time.time() if at is None else at, period)
    matched = None
    for step in range(now - window, now + window + 1):
        if hmac.compare_digest(_hotp(key, step, digits, algorithm), code) and matched is None:
            matched = step
    return matched


def verify_totp(
    secret_b32: str,
    code: str,
    *,
    at: float | datetime | None = None,
    window: int = 1,
    digits: int = 6,
    period: int = 30,
    algorithm: str = "sha1",
) -> bool:
    """Tell whether ``code`` is valid at ``at`` (default: now), ``window`` steps either side."""
    step = match_totp(
        secret_b32, code, at=at, window=window, digits=digits, period=period, algorithm=algorithm
    )
    return step is not None


def provisioning_uri(
    secret: str,
    *,
    account: str,
    issuer: str,
    digits: int = 6,
    period: int = 30,
    algorithm: str = "sha1",
) -> str:
    """The ``otpauth://totp/...`` URI authenticator apps read from a QR code.

    Follows the Google Authenticator key-URI format: the label is
    ``issuer:account`` and the issuer is repeated as a parameter.
    """
    _check_parameters(digits, period, algorithm)
    _decode_secret(secret)
    for name, value in (("account", account), ("issuer", issuer)):
        if not value or ":" in value:
            raise ValidationError(
                f"TOTP {name} {value!r} must be non-empty and contain no ':' "
                "(the colon separates issuer and account in the URI).",
                field=name,
                value=value,
            )
    label = f"{quote(issuer, safe='')}:{quote(account, safe='')}"
    query = urlencode(
        {
            "secret": secret.replace(" ", "").upper().rstrip("="),
            "issuer": issuer,
            "algorithm": algorithm.upper(),
            "digits": digits,
            "period": period,
        },
        quote_via=quote,
    )
    return f"otpauth://totp/{label}?{query}"


def new_recovery_codes(n: int = 10) -> list[str]:
    """``n`` fresh single-use recovery codes like ``"7k2m-q9xd-3hrt-b0cz"`` (80 bits each)."""
    size = _RECOVERY_GROUPS * _RECOVERY_GROUP_SIZE
    codes = []
    for _ in range(n):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(size))
        groups = [raw[i : i + _RECOVERY_GROUP_SIZE] for i in range(0, size, _RECOVERY_GROUP_SIZE)]
        codes.append("-".join(groups))
    return codes


def hash_recovery_code(code: str) -> str:
    """The value to store for a recovery code (case, dashes, spaces and o/i/l ignored)."""
    normalized = _normalize_recovery_code(code)
    if normalized is None:
        raise ValidationError(
            f"{code!r} is not a recovery code: expected 16 characters like 'xxxx-xxxx-xxxx-xxxx' "
            "made by new_recovery_codes().",
            value=code,
        )
    return hash_secret(normalized)


def verify_recovery_code(code: str, stored_hash: str) -> bool:
    """Tell whether ``code`` (as the user typed it) matches ``stored_hash``."""
    normalized = _normalize_recovery_code(code)
    return normalized is not None and verify_secret(normalized, stored_hash)


def _normalize_recovery_code(code: str) -> str | None:
    normalized = str(code).strip().lower().translate(_RECOVERY_LOOKALIKES)
    return normalized if _RECOVERY_SHAPE.fullmatch(normalized) else None


def _hotp(key: bytes, counter: int, digits: int, algorithm: str) -> str:
    """RFC 4226 HOTP with dynamic truncation."""
    mac = hmac.new(key, struct.pack(">Q", counter), _ALGORITHMS[algorithm]).digest()
    offset = mac[-1] & 0x0F
    value = int.from_bytes(mac[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def _time_step(moment: float | datetime, period: int) -> int:
    if isinstance(moment, datetime):
        moment = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()
    return int(moment // period)


def _decode_secret(secret_b32: str) -> bytes:
    text = "".join(str(secret_b32).split()).upper().rstrip("=")
    try:
        key = base64.b32decode(text + "=" * (-len(text) % 8))
    except binascii.Error:
        key = b""
    if not key:
        raise ValidationError(
            "TOTP secret is not valid base32 (letters A-Z and digits 2-7): "
            "use the secret made by new_secret().",
            field="totp_secret",
        )
    return key


def _check_parameters(digits: int, period: int, algorithm: str) -> None:
    if algorithm not in _ALGORITHMS:
        hint = did_you_mean(
            str(algorithm).lower(), _ALGORITHMS, bare=True, otherwise=f"use one of {sorted(_ALGORITHMS)}"
        )
        raise ValidationError(f"Unknown TOTP algorithm {algorithm!r}: {hint}", value=algorithm)
    if not 6 <= digits <= 10:
        raise ValidationError(f"TOTP codes have 6 to 10 digits (RFC 4226), not {digits}.", value=digits)
    if period <= 0:
        raise ValidationError(
            f"TOTP period must be a positive number of seconds, not {period}.", value=period
        )
