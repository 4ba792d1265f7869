"""Rate limiting for logins and other guessable endpoints: at most N hits per sliding window.

The login code asks ``blocked(key)`` before checking a password and calls
``hit(key)`` after each failure, with keys such as ``"login:alice"`` and
``"ip:203.0.113.7"`` (limit both: one stops guessing one account, the other
stops spraying many). A successful login may ``reset(key)``.

Two backends share the :class:`RateLimiter` protocol: :class:`MemoryRateLimiter`
for one process (tests, development, a single worker) and
:class:`RedisRateLimiter`, which every worker of a deployment shares, so an
attacker cannot multiply the limit by the number of processes.

The window slides: a key is blocked while ``limit`` hits fall within the last
``window_seconds``, and unblocks as soon as the oldest of them ages out; there is
no fixed boundary at which an attacker gets a fresh allowance. Only the newest
``limit`` hits of a key are kept, so hammering a key costs no memory.
"""

from __future__ import annotations

import math
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from nexa.exceptions import ConfigError


@runtime_checkable
class RateLimiter(Protocol):
    """Counts hits per key and says when a key went over its limit."""

    def hit(self, key: str) -> None:
        """Record one attempt for ``key`` (typically a failed login)."""

    def blocked(self, key: str) -> bool:
        """Tell whether ``key`` has had ``limit`` hits within the window."""

    def reset(self, key: str) -> None:
        """Forget every hit of ``key`` (after a successful login, or by an administrator)."""


def _check_limits(limit: int, window_seconds: float) -> None:
    if not isinstance(limit, int) or limit < 1:
        raise ConfigError(f"Rate limit must be a whole number of hits of at least 1, not {limit!r}.")
    if not window_seconds > 0:
        raise ConfigError(f"Rate limit window must be a positive number of seconds, not {window_seconds!r}.")


class MemoryRateLimiter:
    """A sliding-window limiter for one process; thread-safe.

    ``clock`` returns seconds (monotonic by default, so changes of the system
    time neither block nor free anyone); tests pass a fake clock.
    """

    def __init__(
        self, limit: int, window_seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        _check_limits(limit, window_seconds)
        self.limit = limit
        self.window_seconds = window_seconds
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._next_sweep = clock() + window_seconds

    def hit(self, key: str) -> None:
        """Record one attempt for ``key`` now."""
        now = self._clock()
        with self._lock:
            if now >= self._next_sweep:
                self._sweep(now)
            self._hits.setdefault(key, deque(maxlen=self.limit)).append(now)

    def blocked(self, key: str) -> bool:
        """Tell whether ``key`` has ``limit`` hits within the last ``window_seconds``."""
        now = self._clock()
        with self._lock:
            hits = self._hits.get(key)
            if hits is None:
                return False
            self._expire(hits, now)
            if not hits:
                del self._hits[key]
            return len(hits) >= self.limit

    def reset(self, key: str) -> None:
        """Forget the hits of ``key``."""
        with self._lock:
            self._hits.pop(key, None)

    def _expire(self, hits: deque[float], now: float) -> None:
        while hits and hits[0] <= now - self.window_seconds:
            hits.popleft()

    def _sweep(self, now: float) -> None:
        """Drop keys whose hits all aged out, so many one-off keys do not pile up."""
        for key in list(self._hits):
            self._expire(self._hits[key], now)
            if not self._hits[key]:
                del self._hits[key]
        self._next_sweep = now + self.window_seconds


class RedisRateLimiter:
    """A sliding-window limiter shared by every process through Redis.

    Each key is a sorted set of hit timestamps (one member per hit, scored by its
    time), trimmed to the window and to the newest ``limit`` members in the same
    MULTI/EXEC as the new hit, and set to expire one window after its last hit so
    idle keys vanish. ``clock`` must be wall-clock time (``time.time``): the
    timestamps are compared across machines.
    """

    def __init__(
        self,
        client: Any,
        limit: int,
        window_seconds: float,
        prefix: str = "nexa:ratelimit:",
        clock: Callable[[], float] = time.time,
    ) -> None:
        _check_limits(limit, window_seconds)
        self.client = client
        self.limit = limit
        self.window_seconds = window_seconds
        self.prefix = prefix
        self._clock = clock

    def hit(self, key: str) -> None:
        """Record one attempt for ``key`` now."""
        now = self._clock()
        name = self.prefix + key
        pipe = self.client.pipeline(transaction=True)
        pipe.zremrangebyscore(name, "-inf", now - self.window_seconds)
        pipe.zadd(name, {f"{now!r}:{secrets.token_hex(6)}": now})
        pipe.zremrangebyrank(name, 0, -(self.limit + 1))
        pipe.pexpire(name, math.ceil(self.window_seconds * 1000))
        pipe.execute()

    def blocked(self, key: str) -> bool:
        """Tell whether ``key`` has ``limit`` hits within the last ``window_seconds``."""
        since = self._clock() - self.window_seconds
        return self.client.zcount(self.prefix + key, f"({since!r}", "+inf") >= self.limit

    def reset(self, key: str) -> None:
        """Forget the hits of ``key``."""
        self.client.delete(self.prefix + key)
