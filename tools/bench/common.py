"""The one source of every benchmark parameter, so all drivers see identical data.

WORKLOAD.md asks that records, search terms and pages be the same for Nexa, Tryton and the raw
limit; any driver computing its own would make the comparison meaningless. Everything here is
plain data and pure functions (stdlib only), because this module is also imported by the Tryton
worker, which runs in Tryton's own virtual environment.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent.parent
DEFAULT_WORK_DIR = BENCH_DIR / ".work"
DEFAULT_OUT_DIR = BENCH_DIR / "results"

BACKENDS = ("sqlite", "pg")
SYSTEMS = ("nexa", "tryton", "raw")

# PostgreSQL: loopback TCP, trust authentication; every database the benchmark makes is bench_*.
PG_HOST = "127.0.0.1"
PG_PORT = 5432
PG_USER = "postgres"
DATABASE_PREFIX = "bench_"

# The 10 countries, ids 1..10 in this order.
COUNTRIES = (
    ("BE", "Belgium"),
    ("FR", "France"),
    ("DE", "Germany"),
    ("NL", "Netherlands"),
    ("LU", "Luxembourg"),
    ("ES", "Spain"),
    ("IT", "Italy"),
    ("PT", "Portugal"),
    ("GB", "United Kingdom"),
    ("US", "United States"),
)

# W1..W4 in-process fields, W5 wire fields (the model is the flat partner unless said otherwise).
PARTNER_FIELDS = ("name", "email", "phone", "is_company", "country")
PARTY_FIELDS = ("name", "code", "email", "phone", "active")
W2B_STRIDE = 7919  # a prime: W2b visits records in a scattered order
W5_ORDER = [["id", "ASC"]]
W5_THREADS = 8


@dataclass(frozen=True)
class Sizes:
    """How much work one invocation does; the full size is WORKLOAD.md, smoke is for CI."""

    records: int = 10_000
    batches: int = 10  # W1 batches and W4 transactions
    searches: int = 1_000  # W2a and W2b
    page: int = 500  # W3 page size
    runs: int = 3
    w5_calls: int = 2_000
    w5_warmup: int = 160
    w5_limit: int = 80

    @property
    def batch_size(self) -> int:
        """Records per W1 batch (and writes per W4 transaction)."""
        return -(-self.records // self.batches)


FULL = Sizes()
SMOKE = Sizes(records=200, runs=1, w5_calls=200, w5_warmup=16)


def partner(i: int) -> dict[str, object]:
    """Record ``i`` (0-based) of the workload; ``country`` is an index into COUNTRIES."""
    return {
        "name": f"Partner {i:05d}",
        "email": f"partner{i:05d}@example.com",
        "phone": f"+1-555-{i:07d}",
        "is_company": i % 3 == 0,
        "country": i % len(COUNTRIES),
    }


def party_code(i: int) -> str:
    """The ``party.party`` code of record ``i`` (Tryton's stock model, searched by W2b)."""
    return f"P{i:05d}"


def edited_name(i: int) -> str:
    """The name W4 writes on record ``i``."""
    return f"Partner {i:05d} (edited)"


def batches(sizes: Sizes) -> list[range]:
    """The W1 batches (and W4 transactions): consecutive ranges of record indices."""
    step = sizes.batch_size
    return [range(start, min(start + step, sizes.records)) for start in range(0, sizes.records, step)]


def w2a_terms(sizes: Sizes) -> list[str]:
    """The W2a search terms ``000``..``999`` (drivers add ``%`` as their dialect needs)."""
    return [f"{k:03d}" for k in range(sizes.searches)]


def w2a_expected_hits(sizes: Sizes) -> int:
    """Total ids W2a must return (29,971 for 10,000 records): a check that every driver agrees."""
    names = [partner(i)["name"] for i in range(sizes.records)]
    return sum(term in name for term in w2a_terms(sizes) for name in names)


def w2b_indices(sizes: Sizes) -> list[int]:
    """The record index each W2b search looks up: ``(k * 7919) % records``."""
    return [(k * W2B_STRIDE) % sizes.records for k in range(sizes.searches)]


def w3_offsets(sizes: Sizes) -> range:
    """The W3 page offsets 0, 500, ..., records - 500."""
    return range(0, sizes.records, sizes.page)


def w5_offset(k: int, sizes: Sizes) -> int:
    """The offset of W5 call ``k``: ``(k * 80) % records``."""
    return (k * sizes.w5_limit) % sizes.records


def w5_expected_rows(k: int, sizes: Sizes) -> int:
    """How many rows W5 call ``k`` must return (80 at full size; fewer at a short tail)."""
    return min(sizes.w5_limit, sizes.records - w5_offset(k, sizes))


def database_name(system: str) -> str:
    """The database a system runs on (``bench_raw``, ``bench_tryton``, ``bench_nexa``)."""
    return f"{DATABASE_PREFIX}{system}"
