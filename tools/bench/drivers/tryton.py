"""The peer: Tryton 8.2.1 in its own virtual environment, in-process (W1..W4) and as a server (W5).

Tryton must never be installed into Nexa's environment, so this module has two halves:

* the *runner* half (imported by ``python -m tools.bench``): builds and caches the virtual
  environment under ``.work/tryton-venv``, links the ``bench_partner`` module into it, creates
  ``bench_tryton`` with ``trytond-admin``, runs the worker, and describes the W5 servers;
* the *worker* half (this file run by the venv's Python, ``-m tools.bench.drivers.tryton``):
  drives ``bench.partner`` ("flat", the main comparison) and ``party.party`` ("stock",
  informative) through the shared loop of ``tools.bench.timing`` and prints JSON lines.

ORM work runs as the admin user with ``_check_access`` set, as an RPC call would (WORKLOAD.md says
uid 1, which is admin's id on SQLite; on PostgreSQL trytond-admin gives admin another id, so the
worker looks it up by login).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import venv
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from tools.bench import common, timing
from tools.bench.drivers import Database, DriverUnavailable

# trytond 8.2 reaches PostgreSQL through psycopg 3 (its "postgresql" extra), not psycopg2.
REQUIREMENTS = ("trytond[postgresql]==8.2.1", "trytond_party==8.2.0", "trytond_country==8.2.0",
                "psycopg[binary]", "gunicorn")
MODULE_SOURCE = common.BENCH_DIR / "tryton_module" / "bench_partner"
DATABASE = common.database_name("tryton")
ADMIN_PASSWORD = "admin"
ORDER = [("id", "ASC")]


# --------------------------------------------------------------------------- runner half


def ensure_venv(work_dir: Path, *, timeout_s: float = 900.0) -> Path:
    """The venv's bin directory, built once and reused while its requirements are unchanged."""
    root = work_dir / "tryton-venv"
    marker = root / "bench-requirements.txt"
    wanted = "\n".join(REQUIREMENTS)
    if not (marker.exists() and marker.read_text() == wanted):
        try:
            venv.create(root, with_pip=True, clear=True)
            subprocess.run([root / "bin" / "python", "-m", "pip", "install", "-q", *REQUIREMENTS],
                           check=True, timeout=timeout_s, capture_output=True)
        except (subprocess.SubprocessError, OSError) as error:
            detail = getattr(error, "stderr", b"") or b""
            message = f"cannot build the Tryton venv in {root}: {error} {detail[-500:]!r}"
            raise DriverUnavailable(message) from error
        marker.write_text(wanted)
    modules = next((root / "lib").glob("python3*/site-packages/trytond/modules"))
    link = modules / "bench_partner"
    if not link.is_symlink():
        link.symlink_to(MODULE_SOURCE, target_is_directory=True)
    return root / "bin"


def tryton_env(database: Database) -> dict[str, str]:
    """trytond's configuration, as TRYTOND_* variables, for ``database``'s backend."""
    if database.backend == "sqlite":
        uri = "sqlite://"
    else:
        uri = f"postgresql://{common.PG_USER}@{common.PG_HOST}:{common.PG_PORT}/"
    return {"TRYTOND_DATABASE__URI": uri, "TRYTOND_DATABASE__PATH": str(database.directory),
            "TRYTOND_LOGGING_LEVEL": "40"}


def create_database(bin_dir: Path, database: Database, *, timeout_s: float = 900.0) -> None:
    """A fresh ``bench_tryton`` with party and bench_partner activated, admin's password ``admin``."""
    database.create()
    password_file = database.directory / "tryton-admin-password"
    database.directory.mkdir(parents=True, exist_ok=True)
    password_file.write_text(ADMIN_PASSWORD + "\n")
    command = [bin_dir / "trytond-admin", "-d", database.name, "--all", "-u", "party", "bench_partner",
               "--activate-dependencies", "--email", "admin@example.com"]
    env = {**os.environ, **tryton_env(database), "TRYTONPASSFILE": str(password_file)}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout_s,
                            stdin=subprocess.DEVNULL)
    if result.returncode:
        raise DriverUnavailable(f"trytond-admin failed ({result.returncode}): {result.stderr[-800:]}")


def run_worker(bin_dir: Path, database: Database, sizes: common.Sizes, emit: timing.Emit,
               log: timing.Emit, *, log_path: Path, timeout_s: float) -> None:
    """Run the worker half in the venv, passing each JSON line it prints to ``emit`` as it comes."""
    command = [bin_dir / "python", "-m", "tools.bench.drivers.tryton", database.backend,
               str(database.directory), json.dumps(asdict(sizes))]
    env = {**os.environ, **tryton_env(database), "PYTHONPATH": str(common.REPO_ROOT)}
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as worker_log:
        process = subprocess.Popen(command, env=env, cwd=common.REPO_ROOT, stdout=subprocess.PIPE,
                                   stderr=worker_log, stdin=subprocess.DEVNULL, text=True)
        watchdog = threading.Timer(timeout_s, process.kill)  # bounds the whole worker run
        watchdog.start()
        try:
            for line in process.stdout:
                record = json.loads(line)
                (log if record.get("kind") == "progress" else emit)(record)
        finally:
            watchdog.cancel()
            process.stdout.close()
            process.wait()
    if process.returncode:
        tail = log_path.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"the Tryton worker failed ({process.returncode}); {log_path}:\n{tail}")


def server_specs(bin_dir: Path, database: Database) -> list[Any]:
    """The three W5 servers of WORKLOAD.md: trytond threaded (flat and party) and gunicorn -w 2."""
    from tools.bench.w5.client import TrytonProtocol
    from tools.bench.w5.servers import ServerSpec

    env = tryton_env(database)

    def trytond(port: int) -> list[str]:
        return ["env", f"TRYTOND_WEB__LISTEN=127.0.0.1:{port}", str(bin_dir / "trytond"), "-d", database.name]

    def gunicorn(port: int) -> list[str]:
        return [str(bin_dir / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning",
                "trytond.application:app"]

    def protocol(model: str, fields: tuple[str, ...]) -> Callable[[], TrytonProtocol]:
        return lambda: TrytonProtocol(database=database.name, model=model, fields=fields,
                                      password=ADMIN_PASSWORD)

    flat = protocol("bench.partner", common.PARTNER_FIELDS)
    return [
        ServerSpec("tryton-threaded", "tryton", "threaded", "tryton: trytond (werkzeug threaded)",
                   "bench.partner", trytond, flat, env),
        ServerSpec("tryton-party-threaded", "tryton", "threaded", "tryton: trytond, party.party",
                   "party.party", trytond, protocol("party.party", common.PARTY_FIELDS), env),
        ServerSpec("tryton-gunicorn", "tryton", "workers2", "tryton: gunicorn -w 2 trytond.application:app",
                   "bench.partner", gunicorn, flat, {**env, "TRYTOND_DATABASE_NAMES": database.name}),
    ]


# --------------------------------------------------------------------------- worker half


class TrytonDriver:
    """Base of the two Tryton drivers: pool, transactions and the countries, from inside trytond."""

    system = "tryton"
    suite = ""
    model = ""
    fields: tuple[str, ...] = ()
    key_field = ""

    def __init__(self, pool: Any, database: Database, admin_id: int, country_ids: list[int]) -> None:
        self.pool = pool
        self.database = database
        self.admin_id = admin_id
        self.country_ids = country_ids
        self.Model = pool.get(self.model)
        self.context = {"_check_access": True}

    @contextmanager
    def transaction(self, *, readonly: bool) -> Iterator[None]:
        from trytond.transaction import Transaction

        with Transaction().start(self.database.name, self.admin_id, readonly=readonly, context=self.context):
            yield  # committed by Transaction.__exit__ unless readonly or failed

    def all_ids(self) -> list[int]:
        with self.transaction(readonly=True):
            return [record.id for record in self.Model.search([], order=ORDER)]

    def search_name(self, term: str) -> list[int]:
        return [record.id for record in self.Model.search([("name", "ilike", f"%{term}%")], order=ORDER)]

    def search_key(self, value: str) -> list[int]:
        return [record.id for record in self.Model.search([(self.key_field, "=", value)], order=ORDER)]

    def read_page(self, offset: int, limit: int) -> list[dict[str, Any]]:
        return self.Model.search_read([], offset, limit, ORDER, list(self.fields))

    def create_batch(self, prepared: list[dict[str, Any]]) -> None:
        self.Model.create(prepared)

    def write_name(self, record_id: int, name: str) -> None:
        self.Model.write([self.Model(record_id)], {"name": name})

    def _empty(self, tables: tuple[str, ...]) -> None:
        """Empty ``tables`` (children first) in one committed transaction: TRUNCATE on pg."""
        from trytond.transaction import Transaction

        with self.transaction(readonly=False):
            cursor = Transaction().connection.cursor()
            if self.database.backend == "pg":
                cursor.execute(f'TRUNCATE "{tables[-1]}" CASCADE')  # constant table names
            else:
                for table in tables:
                    cursor.execute(f'DELETE FROM "{table}"')

    def close(self) -> None:
        """Nothing to release: the pool lives as long as the worker."""


class FlatDriver(TrytonDriver):
    """``tryton-flat``: ``bench.partner``, the same shape as the raw table and Nexa's model."""

    suite = "tryton-flat"
    model = "bench.partner"
    fields = common.PARTNER_FIELDS
    key_field = "email"

    def reset(self) -> None:
        self._empty(("bench_partner",))

    def prepare_batch(self, indices: range) -> list[dict[str, Any]]:
        rows = [common.partner(i) for i in indices]
        return [{**row, "country": self.country_ids[row["country"]]} for row in rows]

    def key_of(self, index: int) -> str:
        return common.partner(index)["email"]


class PartyDriver(TrytonDriver):
    """``tryton-party``: the stock ``party.party`` (a record is a party, 2 contacts and an address)."""

    suite = "tryton-party"
    model = "party.party"
    fields = common.PARTY_FIELDS
    key_field = "code"

    def reset(self) -> None:
        self._empty(("party_contact_mechanism", "party_address", "party_identifier", "party_party_lang",
                     "party_party-party_category", "party_party"))

    def prepare_batch(self, indices: range) -> list[dict[str, Any]]:
        batch = []
        for i in indices:
            row = common.partner(i)
            contacts = [{"type": "email", "value": row["email"]}, {"type": "phone", "value": row["phone"]}]
            batch.append({"name": row["name"], "code": common.party_code(i),
                          "contact_mechanisms": [("create", contacts)],
                          "addresses": [("create", [{"country": self.country_ids[row["country"]]}])]})
        return batch

    def key_of(self, index: int) -> str:
        return common.party_code(index)


def _admin_and_countries(database: Database, pool: Any) -> tuple[int, list[int]]:
    """The admin's id (1 on SQLite, not on PostgreSQL) and the 10 countries' ids, made on first use."""
    from trytond.transaction import Transaction

    codes = [code for code, _name in common.COUNTRIES]
    with Transaction().start(database.name, 0):
        (admin,) = pool.get("res.user").search([("login", "=", "admin")])
        Country = pool.get("country.country")
        existing = {country.code: country.id for country in Country.search([("code", "in", codes)])}
        missing = [{"code": code, "name": name} for code, name in common.COUNTRIES if code not in existing]
        existing.update({country.code: country.id for country in Country.create(missing)})
    return admin.id, [existing[code] for code in codes]


def worker_main(argv: list[str]) -> None:
    """Entry of the worker half: ``BACKEND DIRECTORY SIZES_JSON``; JSON lines on stdout."""
    parser = argparse.ArgumentParser(description="Tryton benchmark worker (runs in the Tryton venv)")
    parser.add_argument("backend")
    parser.add_argument("directory", type=Path)
    parser.add_argument("sizes", type=json.loads)
    args = parser.parse_args(argv)
    from trytond.pool import Pool

    database = Database(args.backend, DATABASE, args.directory)
    sizes = common.Sizes(**args.sizes)
    Pool.start()
    pool = Pool(database.name)
    pool.init()
    admin_id, country_ids = _admin_and_countries(database, pool)

    def emit(record: dict[str, Any]) -> None:
        print(timing.to_json_line(record), flush=True)

    def progress(record: dict[str, Any]) -> None:
        emit({**record, "kind": "progress"})

    for driver_class in (FlatDriver, PartyDriver):
        driver = driver_class(pool, database, admin_id, country_ids)
        timing.run_inprocess(driver, args.backend, sizes, emit, log=progress)


if __name__ == "__main__":
    worker_main(sys.argv[1:])
