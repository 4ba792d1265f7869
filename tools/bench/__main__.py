"""``python -m tools.bench``: run the workloads of WORKLOAD.md and print the summary.

One invocation measures every selected system on every selected backend, in that order, into
one results file, so the ratios compare figures taken minutes apart on the same machine. A
system that cannot run (Tryton's venv cannot be built, Nexa's ORM is not written yet) is
reported as ``<system>: not available (reason)`` and the others go on; a system that gives a
wrong answer or crashes is reported as failed, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.bench import common, report, timing
from tools.bench.drivers import Database, DriverUnavailable, nexa_orm, tryton
from tools.bench.drivers.raw_core import CoreDriver, create_schema
from tools.bench.drivers.raw_dbapi import DbapiDriver
from tools.bench.w5.client import RpcProtocol
from tools.bench.w5.servers import ServerSpec, run_w5


@dataclass
class Context:
    """What every system runner needs: sizes, places, time limits and the two outputs."""

    sizes: common.Sizes
    work_dir: Path
    results: Path
    skip_w5: bool
    timeout_s: float
    records: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    failed: bool = False

    def emit(self, record: dict[str, Any]) -> None:
        """Append one record to the results file (and keep it for the summary)."""
        self.records.append(record)
        with open(self.results, "a") as handle:
            handle.write(timing.to_json_line(record) + "\n")

    def log(self, record: dict[str, Any]) -> None:
        """One progress line on stderr."""
        errors = f", {record['errors']} errors" if record.get("errors") else ""
        print(f"[{record['backend']}] {record['suite']} {record['workload']} run {record['run']}: "
              f"{report.number(record['rate'])} {record['unit']}{errors}", file=sys.stderr, flush=True)

    def missing(self, suite: str, backend: str, status: str, reason: str) -> None:
        """Record that ``suite`` was not measured on ``backend``, and say why."""
        print(f"{suite}: {status} ({reason})", file=sys.stderr, flush=True)
        self.emit({"kind": "unavailable", "suite": suite, "backend": backend, "status": status,
                   "reason": reason})
        self.failed = self.failed or status == "failed"

    def database(self, system: str, backend: str) -> Database:
        """The database ``system`` runs on for ``backend``."""
        return Database(backend, common.database_name(system), self.work_dir / "db")

    def servers(self, specs: list[ServerSpec], backend: str) -> None:
        """W5 for each server in turn; one that fails does not stop the next."""
        if self.skip_w5:
            return
        for spec in specs:
            guarded(self, spec.suite, backend, lambda spec=spec: run_w5(
                spec, backend, self.sizes, self.emit, log_dir=self.work_dir / "logs", log=self.log,
                run_timeout_s=self.timeout_s))


def guarded(context: Context, suite: str, backend: str, work: Callable[[], None]) -> None:
    """Run ``work``; turn unavailability and failures into reported lines instead of an abort."""
    try:
        work()
    except DriverUnavailable as error:
        context.missing(suite, backend, "not available", str(error))
    except Exception as error:  # a failure of one system must not lose the others' figures
        context.missing(suite, backend, "failed", f"{type(error).__name__}: {error}")


def run_raw(context: Context, backend: str) -> None:
    """The limit: DB-API and Core in-process, then the bare werkzeug endpoint threaded and under gunicorn."""
    database = context.database("raw", backend)
    database.create()
    try:
        create_schema(database)
        for driver_class in (DbapiDriver, CoreDriver):
            driver = driver_class(database)
            try:
                timing.run_inprocess(driver, backend, context.sizes, context.emit, log=context.log)
            finally:
                driver.close()
        context.servers(raw_server_specs(database), backend)
    finally:
        database.drop()


def raw_server_specs(database: Database) -> list[ServerSpec]:
    """The two limit servers of WORKLOAD.md (gunicorn only where it is installed)."""
    where = [database.backend, database.name, str(database.directory)]

    def threaded(port: int) -> list[str]:
        return [sys.executable, "-m", "tools.bench.w5.raw_server", *where, str(port)]

    def gunicorn(port: int) -> list[str]:
        factory = "tools.bench.w5.raw_server:create_app({!r}, {!r}, {!r})".format(*where)
        return [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level",
                "warning", factory]

    specs = [ServerSpec("limit-threaded", "raw", "threaded", "limit: werkzeug threaded", "partner",
                        threaded, RpcProtocol)]
    if importlib.util.find_spec("gunicorn") is not None:
        specs.append(ServerSpec("limit-gunicorn", "raw", "workers2", "limit: gunicorn -w 2", "partner",
                                gunicorn, RpcProtocol))
    return specs


def run_tryton(context: Context, backend: str) -> None:
    """The peer: its own venv, a fresh ``bench_tryton``, the worker, then its three W5 servers."""
    bin_dir = tryton.ensure_venv(context.work_dir)
    database = context.database("tryton", backend)
    tryton.create_database(bin_dir, database)
    try:
        guarded(context, "tryton", backend, lambda: tryton.run_worker(
            bin_dir, database, context.sizes, context.emit, context.log,
            log_path=context.work_dir / "logs" / f"tryton-worker-{backend}.log", timeout_s=context.timeout_s))
        context.servers(tryton.server_specs(bin_dir, database), backend)
    finally:
        database.drop()


def run_nexa(context: Context, backend: str) -> None:
    """Nexa: the ORM in-process, then ``nexa-bin server`` (both through the lead's entry points)."""
    database = context.database("nexa", backend)
    database.create()
    try:
        driver = nexa_orm.open_driver(database)
        try:
            timing.run_inprocess(driver, backend, context.sizes, context.emit, log=context.log)
        finally:
            driver.close()
        guarded(context, "nexa-server", backend,
                lambda: context.servers(nexa_orm.server_specs(database), backend))
    finally:
        database.drop()
    guarded(context, "nexa-extras", backend, lambda: run_nexa_extras(context, backend))


def run_nexa_extras(context: Context, backend: str) -> None:
    """Install time of every addon and statements per list page (``tools/bench/nexa_extras.py``)."""
    from tools.bench.nexa_extras import extras_database, run_extras

    database = extras_database(context.work_dir, backend)
    database.create()
    try:
        run_extras(database, context.emit, lambda line: print(line, file=sys.stderr, flush=True))
    finally:
        database.drop()


RUNNERS = {"raw": run_raw, "tryton": run_tryton, "nexa": run_nexa}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line of README.md."""
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default=",".join(common.BACKENDS), help="sqlite,pg")
    parser.add_argument("--systems", default=",".join(common.SYSTEMS), help="nexa,tryton,raw")
    parser.add_argument("--runs", type=int, default=common.FULL.runs)
    parser.add_argument("--records", type=int, default=common.FULL.records)
    parser.add_argument("--smoke", action="store_true",
                        help="200 records, 1 run, fewer W5 calls: correctness checks only")
    parser.add_argument("--skip-w5", action="store_true", help="in-process workloads only")
    parser.add_argument("--out", type=Path, default=common.DEFAULT_OUT_DIR, help="where results go")
    parser.add_argument("--work", type=Path, default=common.DEFAULT_WORK_DIR,
                        help="databases, logs and the cached Tryton venv")
    parser.add_argument("--timeout", type=float, default=1800.0,
                        help="seconds allowed to one Tryton worker and to one W5 batch of calls")
    args = parser.parse_args(argv)
    for option, allowed in (("backends", common.BACKENDS), ("systems", common.SYSTEMS)):
        chosen = [name for name in getattr(args, option).split(",") if name]
        unknown = sorted(set(chosen) - set(allowed))
        if unknown or not chosen:
            what = ", ".join(unknown) or "empty list"
            parser.error(f"--{option}: unknown {what}; choose from {','.join(allowed)}")
        setattr(args, option, chosen)
    if args.runs < 1 or args.records < common.FULL.batches:
        parser.error(f"--runs must be >= 1 and --records >= {common.FULL.batches}")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; 0 when every selected system ran or was merely not available."""
    args = parse_args(argv)
    sizes = common.SMOKE if args.smoke else dataclasses.replace(common.FULL, runs=args.runs,
                                                                records=args.records)
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    context = Context(sizes, args.work.resolve(), args.out / f"bench-{stamp}.jsonl", args.skip_w5,
                      args.timeout)
    for backend in args.backends:
        for system in args.systems:
            guarded(context, system, backend, lambda system=system, backend=backend: RUNNERS[system](
                context, backend))
    summary = report.render(context.records)
    (args.out / f"summary-{stamp}.md").write_text(summary)
    print(summary)
    print(f"results: {context.results}", file=sys.stderr)
    return 1 if context.failed else 0


if __name__ == "__main__":
    sys.exit(main())
