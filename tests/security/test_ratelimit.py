"""Rate limiters: a sliding window of hits per key, in memory or shared through Redis.

The behaviour tests run against Redis when NEXA_TEST_REDIS_URL is set (e.g.
redis://127.0.0.1:6379/15), and against the in-memory limiter otherwise. When the
variable is set but Redis cannot be reached, they fail: they never skip.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Callable, Iterator

import pytest

from nexa.exceptions import ConfigError
from nexa.security.ratelimit import MemoryRateLimiter, RateLimiter, RedisRateLimiter

REDIS_URL = os.environ.get("NEXA_TEST_REDIS_URL")


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_limiter(clock: FakeClock) -> Iterator[Callable[[int, float], RateLimiter]]:
    """Build the limiter under test: Redis when NEXA_TEST_REDIS_URL is set, else memory."""
    used: list[tuple[object, str]] = []

    def make(limit: int, window_seconds: float) -> RateLimiter:
        if not REDIS_URL:
            return MemoryRateLimiter(limit, window_seconds, clock=clock)
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        client.ping()  # an unreachable Redis raises here, inside the test: a failure, not a skip
        prefix = f"nexa:test:{uuid.uuid4().hex}:"
        used.append((client, prefix))
        return RedisRateLimiter(client, limit, window_seconds, prefix=prefix, clock=clock)

    yield make
    for client, prefix in used:
        keys = list(client.scan_iter(match=prefix + "*"))
        if keys:
            client.delete(*keys)


def hit(limiter: RateLimiter, key: str, times: int) -> None:
    for _ in range(times):
        limiter.hit(key)


def test_limiter_implements_the_protocol(make_limiter) -> None:
    assert isinstance(make_limiter(3, 60), RateLimiter)


def test_key_below_the_limit_is_not_blocked(make_limiter) -> None:
    limiter = make_limiter(3, 60)
    hit(limiter, "login:alice", 2)
    assert not limiter.blocked("login:alice")


def test_key_reaching_the_limit_is_blocked(make_limiter) -> None:
    limiter = make_limiter(3, 60)
    hit(limiter, "login:alice", 3)
    assert limiter.blocked("login:alice")


def test_unknown_key_is_not_blocked(make_limiter) -> None:
    assert not make_limiter(1, 60).blocked("login:nobody")


def test_keys_are_counted_separately(make_limiter) -> None:
    limiter = make_limiter(3, 60)
    hit(limiter, "login:alice", 3)
    assert not limiter.blocked("login:bob")


def test_key_unblocks_when_its_oldest_hit_leaves_the_window(make_limiter, clock: FakeClock) -> None:
    limiter = make_limiter(3, 60)
    for _ in range(3):
        limiter.hit("ip:203.0.113.7")
        clock.now += 10
    clock.now += 30.5  # 60.5 s after the first hit, 40.5 s after the last
    assert not limiter.blocked("ip:203.0.113.7")


def test_window_slides_instead_of_resetting_at_fixed_boundaries(make_limiter, clock: FakeClock) -> None:
    limiter = make_limiter(3, 60)
    clock.now = 1_000_050.0
    hit(limiter, "ip:203.0.113.7", 3)
    clock.now = 1_000_061.0  # a fixed window starting every minute would have reset at 1_000_060
    assert limiter.blocked("ip:203.0.113.7")


def test_hammering_a_key_keeps_it_blocked_until_the_window_passes(make_limiter, clock: FakeClock) -> None:
    limiter = make_limiter(5, 60)
    hit(limiter, "login:alice", 200)
    clock.now += 59
    blocked_inside = limiter.blocked("login:alice")
    clock.now += 1.5
    assert (blocked_inside, limiter.blocked("login:alice")) == (True, False)


def test_reset_forgets_the_hits_of_a_key(make_limiter) -> None:
    limiter = make_limiter(3, 60)
    hit(limiter, "login:alice", 3)
    limiter.reset("login:alice")
    assert not limiter.blocked("login:alice")


def test_reset_leaves_other_keys_alone(make_limiter) -> None:
    limiter = make_limiter(3, 60)
    hit(limiter, "login:alice", 3)
    hit(limiter, "login:bob", 3)
    limiter.reset("login:alice")
    assert limiter.blocked("login:bob")


@pytest.mark.parametrize("backend", [MemoryRateLimiter, RedisRateLimiter])
@pytest.mark.parametrize(("limit", "window"), [(0, 60), (-1, 60), (3, 0), (3, -5)])
def test_invalid_limits_are_configuration_errors(backend, limit: int, window: float) -> None:
    args = (limit, window) if backend is MemoryRateLimiter else (None, limit, window)
    with pytest.raises(ConfigError):
        backend(*args)


def test_memory_limiter_loses_no_hit_under_concurrent_threads(clock: FakeClock) -> None:
    limiters = [MemoryRateLimiter(2000, 60, clock=clock), MemoryRateLimiter(2001, 60, clock=clock)]

    def worker() -> None:
        for _ in range(250):
            for limiter in limiters:
                limiter.hit("shared")

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [limiter.blocked("shared") for limiter in limiters] == [True, False]


def test_memory_limiter_forgets_keys_whose_hits_aged_out(clock: FakeClock) -> None:
    limiter = MemoryRateLimiter(3, 60, clock=clock)
    for number in range(100):
        limiter.hit(f"ip:{number}")
    clock.now += 61
    limiter.hit("ip:new")
    assert list(limiter._hits) == ["ip:new"]
