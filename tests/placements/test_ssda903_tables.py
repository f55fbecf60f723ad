"""Every table of the 903 return held and given back exactly, for years from 2016/17 to
2026/27 (placements.models Ssda903Review, ...; manage.py import_903 / export_903).

The normalisation a round trip makes (docs/adr/0008-ssda903.md): rows are compared as
multisets (the export writes them council, child, then as stored), codes upper-cased, dates
DD/MM/YYYY, DOB in every table the child's (from Header)."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from placements.models import Child, Ssda903Dolo, Ssda903Oc3, Ssda903Review
from placements.selectors.ssda903 import table_model
from placements.services.ssda903 import import_files
from placements.ssda903 import specs
from placements.ssda903.tables import MODELS
from placements.ssda903.writing import csv_lines
from rcc.models import AuditEvent
from tests.placements.ssda903_data import ALL_YEARS, make_council, write_year, year_files


def _council():
    return make_council(seed=17, children=40, since=date(2016, 6, 1), leavers=5)


def _read(path: Path) -> Counter:
    with path.open(encoding="utf-8") as file:
        reader = csv.DictReader(file)
        return Counter(tuple(row.items()) for row in reader)


def _export(council, year: int, out: Path) -> Path:
    call_command(
        "export_903", "--la", council.gss_code, "--year", str(year), "--out", str(out),
        stdout=StringIO(),
    )  # fmt: skip
    return out


def test_every_table_of_every_year_comes_back_row_for_row(home, tmp_path):
    data = _council()
    for year in ALL_YEARS:
        write_year(tmp_path / "in" / str(year), year, year_files(data, year))
    call_command(
        "import_903", "--la", home.council.gss_code, str(tmp_path / "in"), stdout=StringIO()
    )
    filled = set()
    for year in ALL_YEARS:
        sent = year_files(data, year)
        assert set(sent) == set(specs.tables_for(year))  # every table of the year, no other
        out = _export(home.council, year, tmp_path / f"out{year}")
        assert sorted(p.stem for p in out.glob("*.csv")) == sorted(sent)
        for table, rows in sent.items():
            filled |= {table} if rows else set()
            expected = Counter(tuple(row.items()) for row in rows)
            assert _read(out / f"{table}.csv") == expected, f"{table} {year}"
    assert filled == set(specs.TABLES)  # every table had rows to come back
    # care leavers with no episode are in Header through OC3
    leavers = Child.objects.filter(local_authority=home.council, case_id__endswith="L")
    assert leavers.count() == 5 and not leavers.filter(episodes__isnull=False).exists()
    header_2027 = _read(tmp_path / "out2027" / "header.csv")
    assert {dict(row)["CHILD"] for row in header_2027} >= {c.case_id for c in leavers}
    assert Ssda903Oc3.objects.filter(year=2018).count() == 5
    assert Ssda903Dolo.objects.filter(year=2027).exists()  # 2026/27's Deprivation of Liberty
    assert not Ssda903Dolo.objects.exclude(year=2027).exists()


def test_importing_the_platforms_own_export_changes_nothing(home, tmp_path):
    data = _council()
    for year in ALL_YEARS:
        write_year(tmp_path / "in" / str(year), year, year_files(data, year))
    call_command(
        "import_903", "--la", home.council.gss_code, str(tmp_path / "in"), stdout=StringIO()
    )
    files = {}
    for year in ALL_YEARS:
        out = _export(home.council, year, tmp_path / "out" / str(year))
        files |= {f"{year}/{p.name}": p.read_text(encoding="utf-8") for p in out.glob("*.csv")}
    reviews = list(Ssda903Review.objects.order_by("pk").values_list("pk", flat=True))
    record = import_files(actor=None, council=home.council, files=files)
    assert record.status == "imported", record.errors[:5]
    for year, counts in record.counts["years"].items():
        changed = {k: n for k, n in counts.items() if n and not k.endswith(("unchanged", "kept"))}
        assert changed == {}, year
        assert counts["episodes_unchanged"] and counts["reviews_unchanged"]
    assert list(Ssda903Review.objects.order_by("pk").values_list("pk", flat=True)) == reviews
    event = AuditEvent.objects.filter(action="ssda903.imported").latest("pk")
    assert event.metadata["counts"] == record.counts


def test_a_table_left_out_keeps_its_rows_and_a_changed_one_replaces_them(home):
    data = _council()
    year = 2026
    sent = year_files(data, year)
    files = {
        f"{year}/{table}.csv": "".join(csv_lines(specs.columns_for(table, year), rows))
        for table, rows in sent.items()
    }
    import_files(actor=None, council=home.council, files=files)
    missing = Ssda903Review.objects.filter(year=year).count()
    without = {name: text for name, text in files.items() if "reviews" not in name}
    import_files(actor=None, council=home.council, files=without)
    assert Ssda903Review.objects.filter(year=year).count() == missing  # left as it was
    fewer = sent["missing"][1:]
    files[f"{year}/missing.csv"] = "".join(csv_lines(specs.columns_for("missing", year), fewer))
    record = import_files(actor=None, council=home.council, files=files)
    counts = record.counts["years"][str(year)]
    assert counts["missing_deleted"] == 1 and counts["missing_created"] == 0
    assert counts["missing_unchanged"] == len(fewer)


def _year_files(data, year: int) -> dict[str, str]:
    return {
        f"{year}/{table}.csv": "".join(csv_lines(specs.columns_for(table, year), rows))
        for table, rows in year_files(data, year).items()
    }


def test_any_bad_cell_in_any_table_refuses_everything_and_names_each(home):
    data = _council()
    files = _year_files(data, 2026) | _year_files(data, 2027)
    reviews = year_files(data, 2026)["reviews"]
    reviews[1] = {**reviews[1], "REVIEW_CODE": "PN9", "REVIEW": "31/02/2026"}
    files["2026/reviews.csv"] = "".join(csv_lines(specs.columns_for("reviews", 2026), reviews))
    oc3 = year_files(data, 2027)["oc3"]
    oc3.append({**oc3[0], "CHILD": "NOBODY"})  # a care leaver with no Header row
    files["2027/oc3.csv"] = "".join(csv_lines(specs.columns_for("oc3", 2027), oc3))
    record = import_files(actor=None, council=home.council, files=files)
    assert record.status == "refused"
    found = {(e["file"], e["row"], e["column"]) for e in record.errors}
    assert found == {
        ("2026/reviews.csv", 3, "REVIEW"),
        ("2026/reviews.csv", 3, "REVIEW_CODE"),
        ("2027/oc3.csv", len(oc3) + 1, "CHILD"),
    }
    reasons = " ".join(e["reason"] for e in record.errors)
    assert "'PN9' is not a REVIEW_CODE code" in reasons and "has no Header row" in reasons
    # nothing half-written: no child, episode or row of any table
    assert not Child.objects.filter(local_authority=home.council).exists()
    assert not any(table_model(table).objects.exists() for table in MODELS)


def test_an_unknown_table_and_a_table_the_year_lacks_are_named_and_refused(home):
    data = _council()
    files = _year_files(data, 2026)
    files["2026/placements.csv"] = "CHILD,PLACEMENT\nA1,K2\n"
    files["2026/dolo.csv"] = "CHILD,DOB,DOLO_START,DOLO_END\n"  # DoLo arrives in 2026/27
    files["2022/sw_episodes.csv"] = "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n"
    record = import_files(actor=None, council=home.council, files=files)
    assert record.status == "refused"
    by_file = {e["file"]: e["reason"] for e in record.errors}
    assert "does not have the columns of any 903 table" in by_file["2026/placements.csv"]
    assert "CHILD, PLACEMENT" in by_file["2026/placements.csv"]
    assert "the 2025/26 return does not have (it starts with 2026/27)" in by_file["2026/dolo.csv"]
    assert "2021/22 return does not have" in by_file["2022/sw_episodes.csv"]
    assert not Child.objects.filter(local_authority=home.council).exists()


def test_codes_of_another_year_are_refused_with_the_year(home):
    data = _council()
    files = _year_files(data, 2023)
    header = year_files(data, 2026)["header"]  # SEX M/F from 2024/25, not 1/2
    files["2023/header.csv"] = "".join(csv_lines(specs.columns_for("header", 2023), header))
    record = import_files(actor=None, council=home.council, files=files)
    assert record.status == "refused"
    sex = [e for e in record.errors if e["column"] == "SEX"]
    assert sex and "of the 2022/23 return (1 or 2)" in sex[0]["reason"]
