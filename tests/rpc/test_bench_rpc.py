"""tools/bench/rpc.py measures a live server correctly (shape and answers only: no timing assertions)."""

from __future__ import annotations

import pytest

from tools.bench import rpc as bench

pytestmark = pytest.mark.addons("test_rpc_api")


@pytest.mark.parametrize("values, fraction, expected", [
    ([], 0.5, 0.0),
    ([7.0], 0.99, 7.0),
    ([1.0, 2.0, 3.0, 4.0], 0.5, 2.0),
    ([float(n) for n in range(1, 101)], 0.99, 99.0),
    ([float(n) for n in range(1, 101)], 1.0, 100.0),
])
def test_percentile_is_nearest_rank(values, fraction, expected):
    assert bench.percentile(values, fraction) == expected


def test_measure_counts_checked_search_read_calls(live_server, rpc_database, nexa_runtime):
    with nexa_runtime.environment(rpc_database) as env:  # every digit term must fill a page of 20
        env["res.partner"].create([{"name": f"bench 0123456789 {n}"} for n in range(bench.PAGE)])
    result = bench.measure(live_server, rpc_database, clients=2, seconds=0.3, warmup=1, password="admin",
                           server="threaded", backend="test")
    assert result.calls > 0 and result.errors == 0, result.first_error
    assert result.p50_ms <= result.p99_ms
    assert result.clients == 2
