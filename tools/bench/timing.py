"""The timing loop of W1..W4, written once for every driver, and the measurement record.

Each workload reads the clock (``time.perf_counter`` by default) around its loop only; everything a
driver needs that is not the measured work (its input rows, the id list, the answers' checks)
happens outside the two clock readings. Every answer is checked, so a driver that does less work than asked fails
loudly instead of posting a flattering number. Stdlib only: the Tryton worker imports it too.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from tools.bench import common
from tools.bench.drivers import CheckFailed, Driver

WORKLOADS = ("W1", "W2a", "W2b", "W3", "W4", "W5")
UNITS = {
    "W1": "records/s",
    "W2a": "searches/s",
    "W2b": "searches/s",
    "W3": "records/s",
    "W4": "writes/s",
    "W5": "calls/s",
}

Emit = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class Measurement:
    """One timed loop: ``n`` operations in ``seconds``; W5 adds its latencies and error count."""

    suite: str
    system: str
    backend: str
    workload: str
    run: int
    n: int
    seconds: float
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        """Operations per second."""
        return self.n / self.seconds if self.seconds > 0 else 0.0

    def to_record(self) -> dict[str, Any]:
        """The JSON line of this measurement (``kind`` = ``workload``)."""
        record = asdict(self)
        extra = record.pop("extra")
        record.update(kind="workload", rate=self.rate, unit=UNITS[self.workload], **extra)
        return record


def to_json_line(record: dict[str, Any]) -> str:
    """One output line: compact JSON with a stable key order."""
    return json.dumps(record, sort_keys=True, separators=(",", ":"))


def run_inprocess(driver: Driver, backend: str, sizes: common.Sizes, emit: Emit, *, log: Emit,
                  clock: Callable[[], float] = time.perf_counter) -> None:
    """Run W1..W4 ``sizes.runs`` times on ``driver``, each run from empty tables.

    ``clock`` reads the time around each loop: wall-clock by default, ``time.process_time``
    to count the CPU of this process only (``tools/bench/cpu.py``).
    """
    batch_ranges = common.batches(sizes)
    terms = common.w2a_terms(sizes)
    expected_hits = common.w2a_expected_hits(sizes)
    w2b_indices = common.w2b_indices(sizes)
    keys = [driver.key_of(i) for i in w2b_indices]
    offsets = common.w3_offsets(sizes)
    names = [common.edited_name(i) for i in range(sizes.records)]

    def record(workload: str, run: int, n: int, seconds: float) -> None:
        measurement = Measurement(driver.suite, driver.system, backend, workload, run, n, seconds)
        emit(measurement.to_record())
        log({"suite": driver.suite, "backend": backend, "workload": workload, "run": run,
             "rate": measurement.rate, "unit": UNITS[workload]})

    for run in range(1, sizes.runs + 1):
        driver.reset()
        prepared = [driver.prepare_batch(indices) for indices in batch_ranges]

        start = clock()
        for batch in prepared:
            with driver.transaction(readonly=False):
                driver.create_batch(batch)
        record("W1", run, sizes.records, clock() - start)
        ids = driver.all_ids()
        _check(len(ids) == sizes.records, driver, "W1", f"{len(ids)} records exist, {sizes.records} made")

        hits = 0
        start = clock()
        with driver.transaction(readonly=True):
            for term in terms:
                hits += len(driver.search_name(term))
        record("W2a", run, len(terms), clock() - start)
        _check(hits == expected_hits, driver, "W2a", f"{hits} hits in total, {expected_hits} expected")

        found = []
        start = clock()
        with driver.transaction(readonly=True):
            for key in keys:
                found.append(driver.search_key(key))
        record("W2b", run, len(keys), clock() - start)
        wrong = [k for k, (i, got) in enumerate(zip(w2b_indices, found)) if got != [ids[i]]]
        _check(not wrong, driver, "W2b", f"{len(wrong)} searches gave a wrong answer, first k={wrong[:1]}")

        pages = []
        start = clock()
        with driver.transaction(readonly=True):
            for offset in offsets:
                pages.append(driver.read_page(offset, sizes.page))
        record("W3", run, sizes.records, clock() - start)
        read_ids = [row["id"] for page in pages for row in page]
        _check(read_ids == ids, driver, "W3", f"read {len(read_ids)} rows, not the {len(ids)} ids in order")
        _check(all(len(row) > 5 for page in pages for row in page), driver, "W3", "rows miss fields")

        start = clock()
        for indices in batch_ranges:
            with driver.transaction(readonly=False):
                for i in indices:
                    driver.write_name(ids[i], names[i])
        record("W4", run, sizes.records, clock() - start)
        with driver.transaction(readonly=True):
            last = driver.read_page(sizes.records - 1, 1)
        _check(last[0]["name"] == names[-1], driver, "W4", f"last name is {last[0]['name']!r}")


def _check(ok: bool, driver: Driver, workload: str, problem: str) -> None:
    if not ok:
        raise CheckFailed(f"{driver.suite} {workload}: {problem}; its timing would be meaningless")
