"""The SSDA903 export and import at national scale, on PostgreSQL.

Run with `make bench` (or `.venv/bin/python bench/ssda903.py`). PostgreSQL only (the yardstick
is its COPY): DATABASE_URL, default ``postgres://postgres@127.0.0.1:5432/rcc_h903_bench``,
which the script drops and creates. Not a test: it prints its figures.

Seeds England's 153 councils and, bulk-created, about 84,000 children with about 130,000
episodes open in 2025/26 (plus closed history before it, which the year's filter must skip).
Then:

* export: ``placements.selectors.ssda903.export_cells`` (the rows as ``manage.py export_903`` and
  the API's CSV read them) through ``csv_lines``, for every council, year 2026, all three
  tables written as CSV to a file, in a child process so its peak memory (ru_maxrss) is its own;
* COPY: PostgreSQL's ``COPY (SELECT ...) TO STDOUT WITH CSV`` of the same episode rows (the
  same columns, filter and order; dates as DD/MM/YYYY), streamed to a file: the physical limit;
* import: a generated 10,000-child council return for 2025/26 through
  ``placements.services.ssda903.import_files`` (parse, check, store).

Targets (issue 7): the episodes export under 3 times COPY, under 300 MB peak; the import
under 15 s.
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/rcc_h903_bench"
os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rcc.settings")
os.environ.pop("REDIS_URL", None)

YEAR = 2026
CHILDREN = 84_000
IMPORT_CHILDREN = 10_000
PLACES = ("U4", "U6", "U6", "U3", "U1", "K2", "K3", "P1", "A6", "S1", "R1", "Z11")
POSTCODES = ("BL1 1AA", "M1 1AE", "OL1 1AA", "WN1 1XL", "SK1 3XE", "ME14 1AA", "RH10 1AA")
COPY_SQL = """
COPY (
  SELECT c.case_id AS "CHILD", to_char(e.start_date, 'DD/MM/YYYY') AS "DECOM",
         e.reason_new_episode AS "RNE", e.legal_status AS "LS", e.category_of_need AS "CIN",
         e.placement_type AS "PLACE", e.placement_provider AS "PLACE_PROVIDER",
         to_char(e.end_date, 'DD/MM/YYYY') AS "DEC", e.reason_ceased AS "REC",
         e.reason_place_change AS "REASON_PLACE_CHANGE", e.home_postcode AS "HOME_POST",
         e.placement_postcode AS "PL_POST", e.urn AS "URN"
  FROM placements_careepisode e JOIN placements_child c ON c.id = e.child_id
  WHERE e.start_date <= %(last)s AND (e.end_date IS NULL OR e.end_date >= %(first)s)
  ORDER BY c.local_authority_id, e.child_id, e.start_date, e.end_date NULLS LAST, e.id
) TO STDOUT WITH (FORMAT csv, HEADER)
"""


def _recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')


def _setup(fresh: bool) -> None:
    if fresh:
        _recreate_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    if fresh:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def _seed() -> None:
    from placements.models import CareEpisode, Child
    from rcc.demo.tenancy import seed_geography
    from rcc.models import LocalAuthority

    rng = random.Random(903)
    seed_geography(rng, national=True)
    councils = list(LocalAuthority.objects.order_by("pk"))
    children = [
        Child(
            local_authority=councils[n % len(councils)],
            case_id=f"{n:07d}",
            date_of_birth=date(2008, 1, 1) + timedelta(days=rng.randint(0, 6200)),
            sex=rng.choice(("male", "female")),
            ethnicity="WBRI",
            legal_status="C2",
            is_uasc=n % 16 == 0,
            home_postcode=rng.choice(POSTCODES),
            upn=f"A{n:012d}",
            mother="0",
        )
        for n in range(CHILDREN)
    ]
    Child.objects.bulk_create(children, batch_size=5_000)
    children = list(Child.objects.order_by("pk").only("pk"))
    episodes = []
    for child in children:
        for start, end, first in _periods(rng):
            place = rng.choice(PLACES)
            closed = end is not None
            episodes.append(
                CareEpisode(
                    child_id=child.pk,
                    start_date=start,
                    end_date=end,
                    reason_new_episode="S" if first else "P",
                    legal_status="C2",
                    category_of_need="N1",
                    placement_type=place,
                    placement_provider="" if place == "Z11" else "PR4",
                    placement_postcode=rng.choice(POSTCODES),
                    home_postcode=rng.choice(POSTCODES),
                    urn="XXXXXXX" if place[0] in "UA" else f"SC{rng.randint(100000, 999999)}",
                    reason_ceased="X1" if closed else "",
                    reason_place_change="CARPL" if closed else "",
                )
            )
    CareEpisode.objects.bulk_create(episodes, batch_size=5_000)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _periods(rng: random.Random) -> list[tuple[date, date | None, bool]]:
    """A child's episodes: 1-3 open in 2025/26 (about 1.6 on average), the last usually
    still open; a quarter also have an earlier period of care, closed before the year."""
    begins = date(2022, 4, 1) + timedelta(days=rng.randint(0, 1400))
    count = rng.choices((1, 2, 3), (50, 36, 14))[0]
    low = max(begins, date(2025, 4, 15))
    changes = sorted(low + timedelta(days=rng.randint(1, 330)) for _ in range(count - 1))
    days = [begins, *changes]
    ends = [*changes, None if rng.random() < 0.85 else days[-1] + timedelta(days=200)]
    periods = [(start, end, i == 0) for i, (start, end) in enumerate(zip(days, ends, strict=True))]
    latest_old = min(begins, date(2025, 3, 1)) - timedelta(days=60)
    if rng.random() < 0.25 and latest_old > date(2019, 1, 1):
        old = date(2019, 1, 1) + timedelta(
            days=rng.randint(0, (latest_old - date(2019, 1, 1)).days)
        )
        periods.insert(0, (old, old + timedelta(days=30), True))
    return periods


def _export_child(out: str) -> None:
    """In the child process: the three tables, streamed to files; prints seconds and peak MB."""
    _setup(fresh=False)
    from placements.selectors.ssda903 import columns_for, csv_lines, export_cells, tables_written
    from rcc.models import LocalAuthority

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    timings = {}
    for table in tables_written(YEAR):  # every table of the year (issue 15)
        start = time.perf_counter()
        rows = export_cells(councils=LocalAuthority.objects.all(), year=YEAR, table=table)
        with open(Path(out) / f"{table}.csv", "w", encoding="utf-8") as file:
            file.writelines(csv_lines(columns_for(table, YEAR), rows))
        timings[table] = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(" ".join(f"{t}={s:.3f}" for t, s in timings.items()), f"rss_before={before / 1024:.0f}",
          f"rss_peak={peak / 1024:.0f}")  # fmt: skip


def _copy(out: Path) -> float:
    from django.db import connection

    from placements.ssda903.specs import period

    first, last = period(YEAR)
    start = time.perf_counter()
    with connection.cursor() as cursor, open(out, "wb") as file:
        raw = cursor.cursor  # psycopg 3
        with raw.copy(COPY_SQL, {"first": first, "last": last}) as copy:
            for block in copy:
                file.write(block)
    return time.perf_counter() - start


def _lines(path: Path) -> int:
    with open(path, "rb") as file:
        return sum(1 for _ in file) - 1


def _import() -> tuple[float, dict]:
    from placements.services.ssda903 import import_files
    from placements.ssda903 import specs
    from placements.ssda903.writing import csv_lines
    from rcc.models import LocalAuthority
    from tests.placements.ssda903_data import make_council, year_files

    council = LocalAuthority.objects.get(gss_code="E08000001")
    data = make_council(seed=10, children=IMPORT_CHILDREN * 3)
    tables = year_files(data, YEAR)  # then the first 10,000 children with an episode in it
    kept = {row["CHILD"] for row in tables["header"][:IMPORT_CHILDREN]}
    tables = {t: [r for r in rows if r["CHILD"] in kept] for t, rows in tables.items()}
    files = {
        f"{YEAR}/{table}.csv": "".join(csv_lines(specs.columns_for(table, YEAR), rows))
        for table, rows in tables.items()
    }
    start = time.perf_counter()
    record = import_files(actor=None, council=council, files=files)
    elapsed = time.perf_counter() - start
    assert record.status == "imported", record.errors[:5]
    return elapsed, {t: len(rows) for t, rows in tables.items()}


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--export-child":
        _export_child(sys.argv[2])
        return
    if not os.environ["DATABASE_URL"].startswith("postgres"):
        sys.exit("bench/ssda903.py needs PostgreSQL (DATABASE_URL=postgres://...)")
    _setup(fresh=True)
    start = time.perf_counter()
    _seed()
    print(f"seeded in {time.perf_counter() - start:.1f} s")
    from placements.models import CareEpisode, Child

    print(f"{Child.objects.count():,} children, {CareEpisode.objects.count():,} episodes in all")
    work = Path(tempfile.mkdtemp())
    copies = [_copy(work / "copy.csv") for _ in range(3)]
    exports = []
    for _ in range(3):
        result = subprocess.run(  # noqa: S603 (this script, by its own path)
            [sys.executable, __file__, "--export-child", str(work)],
            capture_output=True, text=True, check=True, env=os.environ,
        )  # fmt: skip
        exports.append(dict(part.split("=") for part in result.stdout.split()))
    episodes = _lines(work / "episodes.csv")
    assert episodes == _lines(work / "copy.csv"), "COPY and the export differ in rows"
    best = min(exports, key=lambda e: float(e["episodes"]))
    copy = min(copies)
    print(f"year {YEAR}: {_lines(work / 'header.csv'):,} header rows, {episodes:,} episode rows, "
          f"{_lines(work / 'uasc.csv'):,} UASC rows")  # fmt: skip
    tries = ", ".join(f"{c:.2f}" for c in copies)
    print(f"COPY of the episode rows: {copy:.2f} s (best of 3: {tries})")
    print(f"export of the episode rows: {float(best['episodes']):.2f} s = "
          f"{float(best['episodes']) / copy:.1f} x COPY (target under 3 x)")  # fmt: skip
    total = sum(float(best[t]) for t in ("header", "episodes", "uasc"))
    print(f"export of the three tables: {total:.2f} s; peak memory (max RSS) {best['rss_peak']} MB "
          f"(after start-up {best['rss_before']} MB; target under 300 MB)")  # fmt: skip
    elapsed, counts = _import()
    print(f"import of a council return ({counts['header']:,} children, {counts['episodes']:,} "
          f"episodes, {counts['uasc']:,} UASC): {elapsed:.1f} s (target under 15 s)")  # fmt: skip


if __name__ == "__main__":
    main()
