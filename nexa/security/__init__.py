"""Security primitives: password and API-key hashing, two-factor codes, rate limiting.

These are the pure parts of authentication, with no database: the ``res.users``
model and the login route combine them. A login checks, in order, the rate
limiter, the password (or an API key used as the RPC password), then the TOTP
code, and upgrades an old password hash on success::

    >>> from nexa.security import hash_password, verify_password, needs_rehash
    >>> stored = hash_password("correct horse")
    >>> verify_password("correct horse", stored), verify_password("wrong", stored)
    (True, False)
    >>> needs_rehash(stored)
    False

The modules that need the ORM (the ORM calls them from ``nexa/orm/access.py``):

==========================  ================================================================
``access.py``               groups (implied, cached per transaction), model access rights
``rules.py``                record rules: global rules intersected, group rules united
``visibility.py``           which x2many lines a user sees, whatever the shared cache holds
``company.py``              company consistency of links (``check_company``)
``company_values.py``       company-dependent fields, stored in ``ir.property``
``audit.py``                the audit log of changes and logins
``credentials.py``          password / API key checks of logins and RPC calls, two-factor aware
``inputs.py``               values no database can bind, refused before they reach SQL
==========================  ================================================================

See ``docs/security.md`` for the model as a whole.
"""

from __future__ import annotations

from nexa.security.apikeys import generate_key, hash_secret, key_index, verify_key, verify_secret
from nexa.security.passwords import hash_password, needs_rehash, verify_password
from nexa.security.ratelimit import MemoryRateLimiter, RateLimiter, RedisRateLimiter
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

__all__ = [
    "MemoryRateLimiter",
    "RateLimiter",
    "RedisRateLimiter",
    "generate_key",
    "hash_password",
    "hash_recovery_code",
    "hash_secret",
    "key_index",
    "match_totp",
    "needs_rehash",
    "new_recovery_codes",
    "new_secret",
    "provisioning_uri",
    "totp",
    "verify_key",
    "verify_password",
    "verify_recovery_code",
    "verify_secret",
    "verify_totp",
]
