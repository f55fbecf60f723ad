"""Importing a council's 903 return: all or nothing, idempotent per year, and a round trip
back through the export (placements.services.ssda903, manage.py import_903 / export_903)."""

from __future__ import annotations

import csv
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from placements.models import CareEpisode, Child, Ssda903Import
from placements.services.ssda903 import import_files
from placements.ssda903 import specs
from placements.ssda903.writing import csv_lines
from rcc.models import AuditEvent
from tests.placements.factories import ChildFactory, make_journey
from tests.placements.ssda903_data import YEARS, make_council, write_year, year_files
from tests.providers.factories import make_market


def _files(council_data, *years) -> dict[str, str]:
    files = {}
    for year in years:
        for table, rows in year_files(council_data, year).items():
            files[f"{year}/{table}.csv"] = "".join(csv_lines(specs.columns_for(table, year), rows))
    return files


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def _key(row: dict) -> tuple:
    return tuple(sorted(row.items()))


def test_a_councils_years_import_and_export_back_the_same_rows(home, tmp_path):
    data = make_council()
    source = tmp_path / "in"
    for year in YEARS:
        write_year(source / str(year), year, year_files(data, year))
    call_command("import_903", "--la", home.council.gss_code, str(source), stdout=StringIO())
    for year in YEARS:
        out = tmp_path / f"out{year}"
        call_command(
            "export_903", "--la", home.council.gss_code, "--year", str(year), "--out", str(out),
            stdout=StringIO(),
        )  # fmt: skip
        for table, expected in year_files(data, year).items():  # every table of the year
            assert sorted(map(_key, _read(out / f"{table}.csv"))) == sorted(map(_key, expected))
    # the edge cases were there to survive
    episodes = CareEpisode.objects.filter(child__local_authority=home.council)
    assert episodes.filter(end_date=None).exists()
    assert any(e.start_date == e.end_date for e in episodes)
    assert episodes.filter(home_postcode="").exists() and episodes.filter(placement_postcode="")
    assert Child.objects.filter(is_uasc=True, uasc_ceased__isnull=False).exists()
    assert episodes.filter(reason_new_episode="S").count() > Child.objects.count()  # came back


def test_importing_the_same_year_again_changes_nothing(home):
    data = make_council(children=30)
    first = import_files(actor=None, council=home.council, files=_files(data, 2026))
    assert first.status == "imported"
    counts = first.counts["years"]["2026"]
    assert counts["children_created"] == len(year_files(data, 2026)["header"])
    assert counts["episodes_created"] == len(year_files(data, 2026)["episodes"])
    before = list(CareEpisode.objects.order_by("pk").values())
    again = import_files(actor=None, council=home.council, files=_files(data, 2026))
    counts = again.counts["years"]["2026"]
    assert counts["episodes_created"] == counts["episodes_updated"] == 0
    assert counts["episodes_deleted"] == counts["children_updated"] == 0
    after = list(CareEpisode.objects.order_by("pk").values("id", "end_date", "placement_type"))
    assert after == [{k: e[k] for k in ("id", "end_date", "placement_type")} for e in before]
    assert AuditEvent.objects.filter(action="ssda903.imported").count() == 2


def test_a_bad_row_anywhere_refuses_every_file_and_says_where(home):
    data = make_council(children=20)
    files = _files(data, 2025, 2026)
    lines = files["2026/episodes.csv"].splitlines(keepends=True)
    lines[3] = lines[3].replace(lines[3].split(",")[1], "2025-05-01", 1)
    files["2026/episodes.csv"] = "".join(lines)
    files["2025/header.csv"] = files["2025/header.csv"].replace(",WBRI,", ",WHITE,", 1)
    record = import_files(actor=None, council=home.council, files=files)
    assert record.status == "refused"
    assert not Child.objects.exists() and not CareEpisode.objects.exists()
    problems = {(e["file"], e["row"], e["column"]) for e in record.errors}
    assert ("2026/episodes.csv", 4, "DECOM") in problems
    assert any(f == "2025/header.csv" and c == "ETHNIC" for f, _, c in problems)
    reasons = " ".join(e["reason"] for e in record.errors)
    assert "'2025-05-01' is not a date written DD/MM/YYYY" in reasons
    assert AuditEvent.objects.filter(action="ssda903.import_refused").count() == 1


def test_a_refused_reimport_leaves_the_earlier_import_as_it_was(home):
    data = make_council(children=20)
    import_files(actor=None, council=home.council, files=_files(data, 2026))
    before = CareEpisode.objects.count()
    files = _files(data, 2026)
    files["2026/uasc.csv"] += "NOBODY,M,01/01/2010,\n"
    record = import_files(actor=None, council=home.council, files=files)
    assert record.status == "refused" and CareEpisode.objects.count() == before
    assert record.errors[0]["reason"] == "'NOBODY' has no Header row"


@pytest.mark.parametrize(
    ("year", "sex", "place", "ok"),
    [
        (2024, "1", "H5", True),
        (2024, "M", "H5", False),  # SEX is 1/2 up to 2023/24
        (2025, "M", "H5", True),
        (2025, "M", "K3", False),  # K3 only from 2025/26
        (2026, "F", "K3", True),
        (2026, "F", "H5", False),  # H5 gone in 2025/26
    ],
)
def test_codes_are_checked_against_the_years_lists(home, year, sex, place, ok):
    header = f"CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,{sex},01/01/2008,WBRI,,,\n"
    episodes = (
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
        f"HOME_POST,PL_POST,URN\nA1,01/06/{year - 1},S,C2,N1,{place},PR4,,,,BL1 1AA,M1 1AE,SC1\n"
    )
    files = {f"header_{year}.csv": header, f"episodes_{year}.csv": episodes}
    record = import_files(actor=None, council=home.council, files=files)
    assert (record.status == "imported") is ok


def test_an_open_episode_in_an_earlier_year_keeps_the_end_a_later_year_gave_it(home):
    data = make_council(children=40)
    import_files(actor=None, council=home.council, files=_files(data, 2026))
    ended = dict(CareEpisode.objects.exclude(end_date=None).values_list("pk", "end_date"))
    import_files(actor=None, council=home.council, files=_files(data, 2025))
    still = dict(CareEpisode.objects.filter(pk__in=ended).values_list("pk", "end_date"))
    assert still == ended


def test_episodes_the_platform_recorded_are_kept(home):
    child = ChildFactory(local_authority=home.council, case_id="00001X")
    placement = make_journey(home, make_market(home))["placement"]
    episode = CareEpisode.objects.create(
        child=child, placement=placement, start_date=date(2025, 6, 1), legal_status="C2",
        placement_type="K2", placement_provider="PR4",
    )  # fmt: skip
    data = make_council(children=5)
    record = import_files(actor=None, council=home.council, files=_files(data, 2026))
    assert record.status == "imported"
    assert CareEpisode.objects.filter(pk=episode.pk).exists()


def test_the_command_refuses_a_bad_file_with_its_problems(home, tmp_path):
    (tmp_path / "2026").mkdir()
    (tmp_path / "2026" / "notes.csv").write_text("A,B\n1,2\n")
    out = StringIO()
    with pytest.raises(CommandError, match="nothing was stored"):
        call_command("import_903", "--la", home.council.gss_code, str(tmp_path), stdout=out)
    assert "does not have the columns of any 903 table" in out.getvalue()
    assert Ssda903Import.objects.get().status == "refused"
