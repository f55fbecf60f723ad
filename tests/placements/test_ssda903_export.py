"""The 903 export: which rows a year holds and what they say (placements.selectors.ssda903),
and how an export is audited (placements.services.ssda903.export_table)."""

from __future__ import annotations

from datetime import date
from io import StringIO

from django.core.management import call_command

from placements.models import CareEpisode
from placements.selectors.ssda903 import (
    TABLES_EXPORTED,
    columns_for,
    csv_lines,
    export_cells,
    export_rows,
    tables_written,
)
from rcc.exports import ACTION
from rcc.models import AuditEvent, LocalAuthority
from tests.placements.factories import ChildFactory


def _episode(child, start, end=None, **fields) -> CareEpisode:
    values = {
        "reason_new_episode": "S",
        "legal_status": "C2",
        "category_of_need": "N1",
        "placement_type": "U4",
        "placement_provider": "PR1",
        "placement_postcode": "BL1 1AA",
        "home_postcode": "BL2 2BB",
        "urn": "XXXXXXX",
        "reason_ceased": "X1" if end else "",
    }
    values.update(fields)
    return CareEpisode.objects.create(child=child, start_date=start, end_date=end, **values)


def _rows(council, year, table):
    councils = LocalAuthority.objects.filter(pk=council.pk)
    return list(export_rows(councils=councils, year=year, table=table))


def test_a_year_holds_every_episode_open_in_it_and_no_other(home):
    child = ChildFactory(local_authority=home.council, case_id="A1", sex="female", mother="0")
    _episode(child, date(2023, 5, 1), date(2024, 3, 31), reason_place_change="CARPL")
    _episode(child, date(2024, 3, 31), date(2025, 4, 1), reason_new_episode="P")
    _episode(child, date(2025, 4, 1), reason_new_episode="P", placement_type="K3", urn="SC1")
    rows = _rows(home.council, 2025, "episodes")
    assert [r["DECOM"] for r in rows] == ["31/03/2024"]
    assert rows[0]["DEC"] == "" and rows[0]["REC"] == ""  # still open at 31 March 2025
    rows = _rows(home.council, 2026, "episodes")
    assert [(r["DECOM"], r["DEC"], r["REC"]) for r in rows] == [
        ("31/03/2024", "01/04/2025", "X1"),
        ("01/04/2025", "", ""),
    ]
    assert rows[1]["PLACE"] == "K3" and rows[1]["URN"] == "SC1"
    header = _rows(home.council, 2026, "header")
    assert header == [
        {"CHILD": "A1", "SEX": "F", "DOB": "17/05/2012", "ETHNIC": "WBRI", "UPN": "",
         "MOTHER": "0", "MC_DOB": ""}
    ]  # fmt: skip
    assert _rows(home.council, 2024, "header")[0]["SEX"] == "2"  # 1/2 until 2023/24
    assert _rows(home.council, 2024, "episodes")[0]["REASON_PLACE_CHANGE"] == "CARPL"


def test_codes_are_written_as_the_year_lists_them(home):
    child = ChildFactory(local_authority=home.council, case_id="B1", date_of_birth=date(2008, 1, 1))
    _episode(child, date(2024, 6, 1), date(2025, 6, 1), placement_type="K3", urn="SC2")
    _episode(child, date(2025, 6, 1), reason_new_episode="P", placement_type="Z12", urn="")
    assert _rows(home.council, 2025, "episodes")[0]["PLACE"] == "H5"  # K3 is refused in 2024/25
    rows = _rows(home.council, 2026, "episodes")
    assert [r["PLACE"] for r in rows] == ["K3", "Z12"]
    assert rows[1]["PLACE_PROVIDER"] == ""  # blank for Z11-Z14


def test_a_reason_for_the_change_only_where_the_rules_allow_it(home):
    child = ChildFactory(local_authority=home.council, case_id="C1")
    _episode(child, date(2025, 5, 1), date(2025, 6, 1), reason_place_change="CREQB")
    _episode(child, date(2025, 6, 1), date(2025, 7, 1), reason_new_episode="P",
             placement_type="T1", reason_place_change="CHILD")  # fmt: skip
    _episode(child, date(2025, 7, 1), date(2025, 8, 1), reason_new_episode="P",
             reason_place_change="CARPL")  # fmt: skip
    _episode(child, date(2025, 8, 1), reason_new_episode="L")
    rows = _rows(home.council, 2026, "episodes")
    # next is temporary; this is temporary; next is a legal change only
    assert [r["REASON_PLACE_CHANGE"] for r in rows] == ["", "", "", ""]
    CareEpisode.objects.filter(placement_type="T1").update(placement_type="U6")
    rows = _rows(home.council, 2026, "episodes")
    assert [r["REASON_PLACE_CHANGE"] for r in rows] == ["CREQB", "CHILD", "", ""]


def test_uasc_rows_for_children_who_were_uasc_in_the_year(home):
    uasc = ChildFactory(local_authority=home.council, case_id="U1", is_uasc=True, sex="male")
    _episode(uasc, date(2025, 5, 1), home_postcode="")
    left = ChildFactory(
        local_authority=home.council, case_id="U2", is_uasc=True, uasc_ceased=date(2025, 2, 1)
    )
    _episode(left, date(2024, 5, 1))
    assert _rows(home.council, 2026, "uasc") == [
        {"CHILD": "U1", "SEX": "M", "DOB": "17/05/2012", "DUC": ""}
    ]
    assert [r["CHILD"] for r in _rows(home.council, 2025, "uasc")] == ["U2"]


def test_other_councils_children_are_not_exported(home, away):
    _episode(ChildFactory(local_authority=away.council, case_id="AWAY"), date(2025, 5, 1))
    _episode(ChildFactory(local_authority=home.council, case_id="HOME"), date(2025, 5, 1))
    assert [r["CHILD"] for r in _rows(home.council, 2026, "header")] == ["HOME"]


def test_csv_lines_write_the_columns_then_each_row():
    columns = columns_for("uasc", 2026)
    lines = list(csv_lines(columns, [{"CHILD": "A,1", "SEX": "M", "DOB": "01/01/2010"}]))
    assert lines == ["CHILD,SEX,DOB,DUC\n", '"A,1",M,01/01/2010,\n']
    cells = list(csv_lines(columns, [("A,1", "M", "01/01/2010", "")]))  # a tuple: column order
    assert cells == lines
    assert set(TABLES_EXPORTED) == set(tables_written(2027))  # every table is held


def test_cells_are_the_rows_in_column_order(home):
    child = ChildFactory(local_authority=home.council, case_id="D1", is_uasc=True, sex="female")
    _episode(child, date(2025, 5, 1), date(2025, 6, 1), reason_place_change="CREQB")
    _episode(child, date(2025, 6, 1), reason_new_episode="P", placement_type="Z1")
    councils = LocalAuthority.objects.filter(pk=home.council.pk)
    for table in ("header", "episodes", "uasc"):
        cells = list(export_cells(councils=councils, year=2026, table=table))
        rows = _rows(home.council, 2026, table)
        assert cells and [tuple(row.values()) for row in rows] == cells
        assert all(list(row) == columns_for(table, 2026) for row in rows)


def test_the_command_is_audited_as_the_api_is_one_event_per_table(home, tmp_path):
    _episode(ChildFactory(local_authority=home.council, case_id="E1"), date(2025, 5, 1))
    code = home.council.gss_code
    out = StringIO()
    call_command("export_903", "--la", code, "--year", "2026", "--out", str(tmp_path), stdout=out)
    events = {e.object_type: e for e in AuditEvent.objects.filter(action=ACTION)}
    assert set(events) == {f"ssda903.{table}" for table in tables_written(2026)}
    episodes = events["ssda903.episodes"]
    assert episodes.actor is None and episodes.local_authority == home.council
    assert episodes.metadata["rows"] == 1 and episodes.metadata["completed"] is True
    assert episodes.metadata["format"] == "csv" and episodes.metadata["api_key"] == ""
    assert episodes.metadata["options"] == {"year": "2026", "council": code}
    assert events["ssda903.oc2"].metadata["rows"] == 0
