"""``python -m tools.bench.cpu``: Nexa's W1–W4 in CPU time, in process, on a SQLite file.

The machines we share move wall-clock figures by 2× from one minute to the next; the CPU
time of an in-process loop barely moves. This is the figure to compare two versions of
Nexa with (run it against each, one after the other); the full benchmark
(``python -m tools.bench``) stays the one that compares Nexa with Tryton and raw SQL.
The loops and their answer checks are the benchmark's own (:func:`timing.run_inprocess`),
timed with ``time.process_time``; the rates are medians over the runs.

    python -m tools.bench.cpu --records 10000 --runs 3
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from tools.bench import common, timing
from tools.bench.drivers import nexa_orm


def measure(sizes: common.Sizes) -> dict[str, float]:
    """``{workload: median operations per CPU second}`` of W1..W4."""
    rates: dict[str, list[float]] = defaultdict(list)

    def keep(record: dict[str, Any]) -> None:
        rates[record["workload"]].append(record["rate"])

    with tempfile.TemporaryDirectory(prefix="nexa-cpu-bench-") as folder:
        path = Path(folder) / f"{nexa_orm.DATABASE}.sqlite"
        sqlite3.connect(path).close()
        driver = nexa_orm.NexaDriver(nexa_orm.open_nexa_env("sqlite", f"sqlite:///{path}"))
        try:
            timing.run_inprocess(driver, "sqlite", sizes, keep, log=lambda _line: None, clock=time.process_time)
        finally:
            driver.close()
    return {workload: statistics.median(values) for workload, values in rates.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench.cpu", description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=common.FULL.records)
    parser.add_argument("--runs", type=int, default=common.FULL.runs)
    options = parser.parse_args(argv)
    sizes = common.Sizes(records=options.records, runs=options.runs)
    for workload, rate in measure(sizes).items():
        print(f"{workload} {timing.UNITS[workload].replace('/s', '')} per CPU second: {rate:,.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
