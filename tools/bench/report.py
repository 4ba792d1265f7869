"""The summary of one benchmark invocation: medians with min-max, memory, and the ratios.

A claim about Nexa must compare it with Tryton and the raw limit measured on the same machine
in the same invocation (PEERS.md: the machines are noisy), so ratios are only ever computed
between records of one results file, never against the figures in PEERS.md. The output is
Markdown, to paste into notes; ``python -m tools.bench.report FILE.jsonl`` re-renders a file.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

INPROCESS_WORKLOADS = ("W1", "W2a", "W2b", "W3", "W4")
INPROCESS_SUITES = ("limit-dbapi", "limit-core", "tryton-flat", "tryton-party", "nexa")
TITLES = {
    "W1": "W1 create, records/s",
    "W2a": "W2a name ilike, searches/s",
    "W2b": "W2b indexed equality, searches/s",
    "W3": "W3 read pages of 500, records/s",
    "W4": "W4 single-record write, writes/s",
}
# (column title, numerator suite, denominator suite); W5 pairs suites of the same server kind.
INPROCESS_RATIOS = (("nexa/tryton", "nexa", "tryton-flat"), ("nexa/core", "nexa", "limit-core"),
                    ("nexa/raw", "nexa", "limit-dbapi"), ("raw/tryton", "limit-dbapi", "tryton-flat"))


def load(path: Path) -> list[dict[str, Any]]:
    """The records of a JSON-lines results file."""
    with open(path) as handle:
        return [json.loads(line) for line in handle if line.strip()]


def number(value: float) -> str:
    """A rate or size as the tables show it: thousands separated, 3 significant digits when small."""
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def spread(values: Sequence[float]) -> str:
    """``median (min–max)``, or the value alone for a single run."""
    middle = number(statistics.median(values))
    if len(values) == 1:
        return middle
    return f"{middle} ({number(min(values))}–{number(max(values))})"


def ratio(numerator: Sequence[float] | None, denominator: Sequence[float] | None) -> str:
    """The ratio of two medians (``0.52×``), or ``–`` when a side was not measured."""
    if not numerator or not denominator:
        return "–"
    bottom = statistics.median(denominator)
    if not bottom:
        return "–"
    value = statistics.median(numerator) / bottom
    return f"{value:,.0f}×" if value >= 10 else f"{value:.2g}×"


def _rates(records: Iterable[dict[str, Any]]) -> dict[tuple[str, str, str], list[float]]:
    rates: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    for record in records:
        if record.get("kind") == "workload":
            rates[(record["workload"], record["backend"], record["suite"])].append(record["rate"])
    return rates


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def inprocess_table(records: Sequence[dict[str, Any]]) -> list[str]:
    """W1..W4: one row per workload and backend, one column per suite, then the ratios."""
    rates = _rates(records)
    suites = [s for s in INPROCESS_SUITES if any(key[2] == s for key in rates)]
    if not suites:
        return []
    backends = list(dict.fromkeys(key[1] for key in rates))  # in the order they were measured
    rows = []
    for workload in INPROCESS_WORKLOADS:
        for backend in backends:
            if not any((workload, backend, suite) in rates for suite in suites):
                continue
            cells = [spread(rates[(workload, backend, s)]) if (workload, backend, s) in rates else "–"
                     for s in suites]
            ratios = [ratio(rates.get((workload, backend, a)), rates.get((workload, backend, b)))
                      for _title, a, b in INPROCESS_RATIOS]
            rows.append([TITLES[workload], backend, *cells, *ratios])
    header = ["workload", "backend", *suites, *(title for title, _a, _b in INPROCESS_RATIOS)]
    return ["## W1–W4 (in-process), median (min–max)", "", *_table(header, rows), ""]


def w5_table(records: Sequence[dict[str, Any]]) -> list[str]:
    """W5: one row per backend and server, with latencies and ratios to the same server kind."""
    runs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        if record.get("kind") == "workload" and record["workload"] == "W5":
            runs[(record["backend"], record["suite"])].append(record)
    if not runs:
        return []

    def flat_rates(backend: str, system: str, server: str) -> list[float] | None:
        for (b, _suite), group in runs.items():
            first = group[0]
            if b == backend and first["system"] == system and first["server"] == server \
                    and first["model"] != "party.party":
                return [r["rate"] for r in group]
        return None

    rows = []
    for (backend, _suite), group in runs.items():
        first = group[0]
        rates = [r["rate"] for r in group]
        ratios = ["–", "–"]
        if first["system"] == "nexa":
            ratios = [ratio(rates, flat_rates(backend, "tryton", first["server"])),
                      ratio(rates, flat_rates(backend, "raw", first["server"]))]
        rows.append([backend, first["label"], first["model"], spread(rates),
                     number(statistics.median(r["p50_ms"] for r in group)),
                     number(statistics.median(r["p99_ms"] for r in group)),
                     str(sum(r["errors"] for r in group)), str(len(group)), *ratios])
    header = ["backend", "server", "model", "calls/s", "p50 ms", "p99 ms", "errors", "runs",
              "nexa/tryton", "nexa/raw"]
    return ["## W5 JSON-RPC search_read (limit 80), median (min–max)", "", *_table(header, rows), ""]


def server_table(records: Sequence[dict[str, Any]]) -> list[str]:
    """Start-up time and RSS (summed over the process tree) of every W5 server."""
    rows = [[r["label"], r["backend"], str(r["processes"]), f"{r['startup_s']:.2f}",
             f"{r['rss_start_mb']:.1f}", f"{r['rss_idle_mb']:.1f}", f"{r['rss_peak_mb']:.1f}"]
            for r in records if r.get("kind") == "server"]
    if not rows:
        return []
    header = ["server", "backend", "processes", "start-up s", "after start MB", "idle MB", "peak MB"]
    return ["## Servers: start-up and memory", "", *_table(header, rows), ""]


def extras_table(records: Sequence[dict[str, Any]]) -> list[str]:
    """Nexa's install time of every addon and SQL statements per list page (must not grow with the page)."""
    rows = []
    for record in records:
        if record.get("kind") != "extra":
            continue
        if record["measure"] == "install_s":
            rows.append([record["backend"], f"install {', '.join(record.get('addons', []))}",
                         f"{record['value']:.2f} s"])
        elif record["measure"] == "list_statements":
            rows.append([record["backend"], f"list page of {record['page']} partners (search_read + search_count)",
                         f"{record['value']} SQL statements"])
    if not rows:
        return []
    return ["## Nexa: install and list pages", "", *_table(["backend", "what", "figure"], rows), ""]


def missing_lines(records: Sequence[dict[str, Any]]) -> list[str]:
    """``nexa: not available (reason)`` lines: what this invocation could not measure, and why."""
    lines = [f"- {r['suite']} on {r['backend']}: {r['status']} ({r['reason']})"
             for r in records if r.get("kind") == "unavailable"]
    return ["## Not measured", "", *lines, ""] if lines else []


def render(records: Sequence[dict[str, Any]]) -> str:
    """The whole summary as Markdown."""
    parts = [*inprocess_table(records), *w5_table(records), *server_table(records), *extras_table(records),
             *missing_lines(records)]
    return "\n".join(parts) if parts else "No measurements.\n"


def main(argv: list[str] | None = None) -> None:
    """Print the summary of a results file: ``python -m tools.bench.report FILE.jsonl``."""
    paths = sys.argv[1:] if argv is None else argv
    if len(paths) != 1:
        raise SystemExit("usage: python -m tools.bench.report RESULTS.jsonl")
    print(render(load(Path(paths[0]))))


if __name__ == "__main__":
    main()
