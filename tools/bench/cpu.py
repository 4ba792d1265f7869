"""``python -m tools.bench.cpu``: Nexa's W1–W4 in CPU time, in process, on a SQLite file.

The machines we share move wall-clock figures by 2× from one minute to the next; the CPU
time of an in-process loop barely moves. This is the figure to compare two versions of
Nexa with (run it in each checkout, one after the other); the full benchmark
(``python -m tools.bench``) stays the one that compares Nexa with Tryton and raw SQL.

    python -m tools.bench.cpu --records 10000
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tools.bench.drivers import nexa_orm


def cpu_rate(count: int, work: Callable[[], Any]) -> float:
    """``count`` divided by the CPU seconds ``work`` takes."""
    started = time.process_time()
    work()
    return count / (time.process_time() - started)


def measure(records: int) -> dict[str, float]:
    """Records (W1, W3), searches (W2b) or writes (W4) per CPU second."""
    with tempfile.TemporaryDirectory(prefix="nexa-cpu-bench-") as folder:
        path = Path(folder) / f"{nexa_orm.DATABASE}.sqlite"
        sqlite3.connect(path).close()
        driver = nexa_orm.NexaDriver(nexa_orm.open_nexa_env("sqlite", f"sqlite:///{path}"))
        driver.reset()
        rates = {}
        with driver.transaction(readonly=False):
            batch = driver.prepare_batch(range(records))
            rates["W1 create, records"] = cpu_rate(records, lambda: driver.create_batch(batch))
        ids = driver.all_ids()
        keys = [driver.key_of(index) for index in range(0, records, 10)]
        with driver.transaction(readonly=True):
            rates["W2b indexed equality, searches"] = cpu_rate(len(keys), lambda: [driver.search_key(k) for k in keys])
            rates["W3 read pages of 500, records"] = cpu_rate(
                records, lambda: [driver.read_page(offset, 500) for offset in range(0, records, 500)])
        writes = ids[: min(1000, records)]
        with driver.transaction(readonly=False):
            rates["W4 single-record write, writes"] = cpu_rate(
                len(writes), lambda: [driver.write_name(record_id, f"renamed {record_id}") for record_id in writes])
        driver.close()
        return rates


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench.cpu", description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10000)
    options = parser.parse_args(argv)
    for label, rate in measure(options.records).items():
        print(f"{label} per CPU second: {rate:,.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
