"""The SSDA903 export and import at national scale, on PostgreSQL.

Run with `make bench` (or `.venv/bin/python bench/ssda903.py [--scale 1|2|4] [--rounds N]
[--reuse] [--record]`). PostgreSQL only (the yardstick is its COPY): DATABASE_URL, default
``postgres://postgres@127.0.0.1:5432/rcc_h903_bench``, which the script drops and creates
(``--reuse`` keeps one it seeded). Not a test: it prints its figures through
``bench/harness.py``.

Seeds England's 153 councils and, bulk-created, about 84,000 children with about 130,000
episodes open in 2025/26 (plus closed history before it, which the year's filter must skip);
``--scale`` multiplies the children. Then:

* export: ``placements.selectors.ssda903.export_cells`` (the rows as ``manage.py export_903`` and
  the API's CSV read them) through ``csv_lines``, for every council, year 2026, all three
  tables written as CSV to a file, in a child process that reports its own time and its own
  peak memory (VmHWM from its /proc/self/status: ru_maxrss of a child carries the parent's peak
  across fork and exec);
* COPY: PostgreSQL's ``COPY (SELECT ...) TO STDOUT WITH CSV`` of the same episode rows with
  the export's rules in SQL (``copy_sql``), streamed to a file: the physical limit. The two
  files are compared row by row; export and COPY alternate in interleaved rounds and the
  ratio is worked per round;
* import: a generated 10,000-child council return for 2025/26 through
  ``placements.services.ssda903.import_files`` (parse, check, store).

Targets (issue 7): the episodes export under 3 times COPY, under 300 MB peak; the import
under 15 s.
"""

# ruff: noqa: S608 (copy_sql writes codes from the specs module into SQL, never input)
from __future__ import annotations

import argparse
import os
import random
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

from bench import harness  # noqa: E402 (after the path)

YEAR = 2026
CHILDREN = 84_000
IMPORT_CHILDREN = 10_000
PLACES = ("U4", "U6", "U6", "U3", "U1", "K2", "K3", "P1", "A6", "S1", "R1", "Z11")
POSTCODES = ("BL1 1AA", "M1 1AE", "OL1 1AA", "WN1 1XL", "SK1 3XE", "ME14 1AA", "RH10 1AA")


def copy_sql(year: int) -> str:
    """``COPY (SELECT ...) TO STDOUT WITH CSV`` of the year's episodes, applying in SQL the rules
    ``placements.ssda903.mapping`` applies to each row, so that it writes the same file:

    * PLACE as the year codes it (``specs.place_code``), PLACE_PROVIDER blank where the year
      wants it blank (``specs.provider_needed``);
    * an episode ending after 31 March (or open) written open: DEC, REC and
      REASON_PLACE_CHANGE blank;
    * REASON_PLACE_CHANGE only on an episode ending X1 whose next episode of the same child
      (in the year, in the export's order) starts with RNE P, B, T or U, neither placement
      temporary, from 2023/24;
    * URN the episode's own, else its placement's setting's;
    * empty text as NULL, which COPY writes unquoted, as the csv module writes "" (COPY quotes
      an empty string).
    """
    from placements.ssda903 import mapping, specs

    places = (specs._PLACE_FROM_2026 if year >= 2026 else specs._PLACE_BEFORE_2026).items()

    def place(column: str) -> str:
        whens = " ".join(f"WHEN '{old}' THEN '{new}'" for old, new in places)
        return f"(CASE {column} {whens} ELSE {column} END)"

    no_provider = sorted(
        code for code in [*specs.PLACE_FROM_2026, *specs.PLACE_BEFORE_2026]
        if not specs.provider_needed(code, year)
    )  # fmt: skip
    quoted = lambda codes: ", ".join(f"'{c}'" for c in sorted(codes))  # noqa: E731
    changes = "TRUE" if year >= specs.REASON_PLACE_CHANGE_FROM else "FALSE"
    return f"""
COPY (
  WITH e AS (
    SELECT c.local_authority_id AS la, e.child_id, e.start_date, e.end_date, e.id,
           c.case_id, e.reason_new_episode AS rne, e.legal_status, e.category_of_need,
           {place("e.placement_type")} AS place, e.placement_provider, e.home_postcode,
           e.placement_postcode, COALESCE(NULLIF(e.urn, ''), s.urn) AS urn,
           e.reason_ceased, e.reason_place_change,
           (e.end_date IS NOT NULL AND e.end_date <= %(last)s) AS ended,
           LEAD(e.reason_new_episode) OVER w AS next_rne,
           LEAD({place("e.placement_type")}) OVER w AS next_place
    FROM placements_careepisode e
    JOIN placements_child c ON c.id = e.child_id
    LEFT JOIN placements_placement p ON p.id = e.placement_id
    LEFT JOIN providers_setting s ON s.id = p.setting_id
    WHERE e.start_date <= %(last)s AND (e.end_date IS NULL OR e.end_date >= %(first)s)
    WINDOW w AS (PARTITION BY e.child_id
                 ORDER BY e.start_date, e.end_date NULLS LAST, e.id)
  )
  SELECT NULLIF(case_id, '') AS "CHILD", to_char(start_date, 'DD/MM/YYYY') AS "DECOM",
         NULLIF(rne, '') AS "RNE", NULLIF(legal_status, '') AS "LS",
         NULLIF(category_of_need, '') AS "CIN", NULLIF(place, '') AS "PLACE",
         CASE WHEN place IN ({quoted(no_provider)}) THEN NULL
              ELSE NULLIF(placement_provider, '') END AS "PLACE_PROVIDER",
         CASE WHEN ended THEN to_char(end_date, 'DD/MM/YYYY') END AS "DEC",
         CASE WHEN ended THEN NULLIF(reason_ceased, '') END AS "REC",
         CASE WHEN ended AND {changes} AND reason_ceased = 'X1'
                   AND next_rne IN ({quoted(mapping.CHANGE_RNE)})
                   AND place NOT IN ({quoted(specs.TEMPORARY)})
                   AND next_place NOT IN ({quoted(specs.TEMPORARY)})
              THEN NULLIF(reason_place_change, '') END AS "REASON_PLACE_CHANGE",
         NULLIF(home_postcode, '') AS "HOME_POST", NULLIF(placement_postcode, '') AS "PL_POST",
         NULLIF(urn, '') AS "URN"
  FROM e
  ORDER BY la, child_id, start_date, end_date NULLS LAST, id
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


def _seed(scale: int = 1) -> None:
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
        for n in range(CHILDREN * scale)
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
    """In the child process: the three tables, streamed to files; prints seconds per table and
    its own peak memory (VmHWM) after start-up and at the end."""
    _setup(fresh=False)
    from placements.selectors.ssda903 import columns_for, csv_lines, export_cells, tables_written
    from rcc.models import LocalAuthority

    started = harness.own_peak_mb()
    timings = {}
    for table in tables_written(YEAR):  # every table of the year (issue 15)
        start = time.perf_counter()
        rows = export_cells(councils=LocalAuthority.objects.all(), year=YEAR, table=table)
        with open(Path(out) / f"{table}.csv", "w", encoding="utf-8") as file:
            file.writelines(csv_lines(columns_for(table, YEAR), rows))
        timings[table] = time.perf_counter() - start
    print(" ".join(f"{t}={s:.4f}" for t, s in timings.items()), f"startup_mb={started:.0f}")
    harness.print_own_peak()


def _export(work: Path) -> dict[str, float]:
    """One export in a child process: its own timings and its own peak memory."""
    command = [sys.executable, __file__, "--export-child", str(work)]
    output, peak = harness.run_child(command)
    figures = {k: float(v) for k, v in (part.split("=") for part in output.split())}
    return {**figures, "peak_mb": peak}


def _copy(out: Path) -> float:
    from django.db import connection

    from placements.ssda903.specs import period

    first, last = period(YEAR)
    start = time.perf_counter()
    with connection.cursor() as cursor, open(out, "wb") as file:
        raw = cursor.cursor  # psycopg 3
        with raw.copy(copy_sql(YEAR), {"first": first, "last": last}) as copy:
            for block in copy:
                file.write(block)
    return time.perf_counter() - start


def _lines(path: Path) -> int:
    with open(path, "rb") as file:
        return sum(1 for _ in file) - 1


def differing_rows(ours: Path, theirs: Path) -> tuple[int, str]:
    """How many lines of two CSV files differ (position by position, plus any extra), and the
    first difference."""
    with open(ours, "rb") as a, open(theirs, "rb") as b:
        left, right = a.read().splitlines(), b.read().splitlines()
    differ = [(x, y) for x, y in zip(left, right, strict=False) if x != y]
    first = f"{differ[0][0]!r} against {differ[0][1]!r}" if differ else ""
    return len(differ) + abs(len(left) - len(right)), first


def _import(scale: int) -> tuple[float, dict]:
    from placements.services.ssda903 import import_files
    from placements.ssda903 import specs
    from placements.ssda903.writing import csv_lines
    from rcc.models import LocalAuthority
    from tests.placements.ssda903_data import make_council, year_files

    council = LocalAuthority.objects.get(gss_code="E08000001")
    data = make_council(seed=10, children=IMPORT_CHILDREN * scale * 3)
    tables = year_files(data, YEAR)  # then the first 10,000 children with an episode in it
    kept = {row["CHILD"] for row in tables["header"][: IMPORT_CHILDREN * scale]}
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="a database this script seeded")
    args = harness.arguments("", parser)
    rounds = args.rounds or 5
    if not os.environ["DATABASE_URL"].startswith("postgres"):
        sys.exit("bench/ssda903.py needs PostgreSQL (DATABASE_URL=postgres://...)")
    _setup(fresh=not args.reuse)
    if not args.reuse:
        start = time.perf_counter()
        _seed(args.scale)
        print(f"seeded in {time.perf_counter() - start:.1f} s")
    from placements.models import CareEpisode, Child

    title = "The SSDA903 export and import (`bench/ssda903.py`, PostgreSQL)"
    report = harness.Report("ssda903", title, args.scale)
    report.note(f"{Child.objects.count():,} children, {CareEpisode.objects.count():,} episodes")
    work = Path(tempfile.mkdtemp())
    exports: list[dict[str, float]] = []

    def export() -> float:
        exports.append(_export(work))
        return exports[-1]["episodes"]  # the child's own time for the episodes table

    pair = report.pair(
        "episodes, year 2026",
        {"export (`export_cells` + `csv_lines`, own process)": export,
         "COPY of the same rows": lambda: _copy(work / "copy.csv")},
        rounds,
    )  # fmt: skip
    differ, first = differing_rows(work / "episodes.csv", work / "copy.csv")
    rows = _lines(work / "episodes.csv")
    report.note(
        f"year {YEAR}: {_lines(work / 'header.csv'):,} header rows, {rows:,} episode rows, "
        f"{_lines(work / 'uasc.csv'):,} UASC rows; the export's episodes file and COPY's differ "
        f"in {differ:,} of {rows:,} rows{': first ' + first if differ else ''}"
    )
    del pair
    three = harness.summarise([sum(e[t] for t in ("header", "episodes", "uasc")) for e in exports])
    peaks = harness.summarise([e["peak_mb"] for e in exports])
    startup = harness.summarise([e["startup_mb"] for e in exports])
    report.row("export of the three tables (own process)", f"{three.s()} s", harness.load(),
               f"{rounds} runs")  # fmt: skip
    report.row(
        "peak memory of the export process (its VmHWM; target under 300 MB)",
        f"{peaks.min:.0f} / {peaks.median:.0f} / {peaks.max:.0f} MB",
        harness.load(),
        f"after Django's start-up: {startup.median:.0f} MB",
    )
    elapsed, counts = _import(args.scale)
    report.row(
        f"import of a council return ({counts['header']:,} children, {counts['episodes']:,} "
        f"episodes, {counts['uasc']:,} UASC; target under 15 s at scale 1)",
        f"{elapsed:.2f} s",
        harness.load(),
        "1 run",
    )
    report.finish(args.record)


if __name__ == "__main__":
    main()
