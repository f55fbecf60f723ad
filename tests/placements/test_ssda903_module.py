"""The pure 903 module: tables, code lists per year, parsing with row-level errors."""

from __future__ import annotations

from datetime import date

import pytest

from placements.ssda903 import specs
from placements.ssda903.mapping import episode_rows, header_row
from placements.ssda903.parsing import Ssda903FileError, identify, parse_table, year_from_name

EPISODES = ",".join(specs.TABLES["episodes"])
GOOD = "A1,01/06/2025,S,C2,N1,U4,PR1,,,,bl11aa,M1 1AE,XXXXXXX"


@pytest.mark.parametrize(
    ("columns", "table"),
    [
        (["CHILD", "SEX", "DOB", "DUC"], "uasc"),
        (["duc", " dob", "Sex", "child"], "uasc"),  # case, spaces and order do not matter
        (list(specs.TABLES["header"]), "header"),
        (["CHILD", "SEX", "DOB"], None),
        (["CHILD", "SEX", "DOB", "DUC", "EXTRA"], None),
    ],
)
def test_a_file_is_known_by_its_columns(columns, table):
    assert identify(columns) == table


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("2026/episodes.csv", 2026),
        ("returns/2024/header.csv", 2024),
        ("episodes_2025-26.csv", 2026),
        ("episodes_2025_26.csv", 2026),
        ("header 2025.csv", 2025),
        ("header.csv", None),
        ("SSDA903_123456.csv", None),
    ],
)
def test_the_year_comes_from_the_files_path(name, year):
    assert year_from_name(name) == year


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        ("A1,2025-06-01,S,C2,N1,U4,PR1,,,,,,", "DECOM", "is not a date written DD/MM/YYYY"),
        ("A1,01/06/2025,Q,C2,N1,U4,PR1,,,,,,", "RNE", "'Q' is not a RNE code"),
        ("A1,01/06/2025,S,C2,N1,H5,PR1,,,,,,", "PLACE", "'H5' is not a PLACE code of the 2025/26"),
        ("A1,01/06/2025,S,C2,N1,U4,PR9,,,,,,", "PLACE_PROVIDER", "'PR9' is not"),
        ("A1,01/06/2025,S,C2,N1,U4,PR1,,,,BL1,,", "HOME_POST", "'BL1' is not a full postcode"),
        (",01/06/2025,S,C2,N1,U4,PR1,,,,,,", "CHILD", "is missing"),
        ("A1,01/06/2025,S,C2,N1,U4,PR1,01/05/2025,X1,,,,", "DEC", "is before DECOM"),
        ("A1,01/06/2025,S,C2,N1,U4,PR1,01/05/2026,X1,,,,", "DEC", "after the end of 2025/26"),
        ("A1,01/06/2024,S,C2,N1,U4,PR1,01/03/2025,X1,,,,", "DEC", "not in it"),
        ("A1,01/06/2025,S,C2,N1,U4,PR1,01/07/2025,,,,,", "REC", "only with DEC"),
        ("A1,01/06/2026,S,C2,N1,U4,PR1,,,,,,", "DECOM", "after the end of 2025/26"),
        ("A1,01/06/2025,S,C2,N1,U4,PR1,,,", "", "has 10 cells, not 13"),
    ],
)
def test_each_bad_cell_is_named_with_its_row_and_column(row, column, reason):
    parsed = parse_table("episodes.csv", f"{EPISODES}\n{GOOD}\n{row}\n", 2026)
    assert [r["CHILD"] for r in parsed.rows] == ["A1"]
    assert parsed.rows[0]["HOME_POST"] == "BL1 1AA"  # postcodes normalised
    assert [(e.row, e.column) for e in parsed.errors] == [(3, column)]
    assert reason in parsed.errors[0].reason


def test_a_file_that_is_no_903_table_is_refused_whole():
    with pytest.raises(Ssda903FileError, match="does not have the columns of any 903 table"):
        parse_table("notes.csv", "A,B\n1,2\n", 2026)
    with pytest.raises(Ssda903FileError, match=r"notes.csv .*its columns: A, B"):
        parse_table("notes.csv", "A,B\n1,2\n", 2026)  # the unknown table is named
    with pytest.raises(Ssda903FileError, match=r"the 2025/26 return does not have \(it starts"):
        parse_table("dolo.csv", "CHILD,DOB,DOLO_START,DOLO_END\n", 2026)  # from 2026/27
    with pytest.raises(Ssda903FileError, match=r"2022/23 return does not have .* 2023/24"):
        parse_table("sw.csv", "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n", 2023)
    with pytest.raises(ValueError, match="not a collection year"):
        parse_table("episodes.csv", EPISODES, 2016)  # 2016/17 (2017) is the first
    assert parse_table("episodes.csv", EPISODES, 2017).table == "episodes"


def test_progress_is_told_as_rows_are_read():
    told = []
    text = EPISODES + "\n" + "\n".join([GOOD.replace("A1", f"C{n}") for n in range(2_500)])
    parse_table("episodes.csv", text, 2026, progress=told.append)
    assert told == [1_000, 2_000]


@pytest.mark.parametrize(
    ("code", "year", "written"),
    [
        ("K3", 2025, "H5"),  # the validator rejects K3 in 2024/25
        ("K3", 2026, "K3"),
        ("H5", 2026, "K3"),
        ("H5", 2024, "H5"),
        ("Z12", 2025, "Z1"),
        ("Z1", 2026, "Z14"),
        ("P2", 2026, "Z14"),
        ("U4", 2026, "U4"),
    ],
)
def test_place_codes_are_written_as_the_year_lists_them(code, year, written):
    assert specs.place_code(code, year) == written
    assert written in specs.place_codes(year)


@pytest.mark.parametrize(
    ("sex", "year", "code"),
    [("male", 2024, "1"), ("female", 2024, "2"), ("unknown", 2024, ""), ("female", 2025, "F"),
     ("unknown", 2026, "U")],
)  # fmt: skip
def test_sex_is_coded_for_the_year(sex, year, code):
    assert specs.sex_code(sex, year) == code


def test_provider_is_blank_where_each_years_rules_want_it():
    assert not specs.provider_needed("Z1", 2025) and specs.provider_needed("Z1", 2026)
    assert not specs.provider_needed("Z11", 2026) and not specs.provider_needed("T4", 2025)
    assert specs.provider_needed("T4", 2026) and specs.provider_needed("K2", 2026)


def test_the_mapping_writes_an_episode_open_at_31_march_open():
    episode = {
        "case_id": "A1", "start_date": date(2025, 6, 1), "end_date": date(2026, 4, 2),
        "reason_new_episode": "S", "legal_status": "C2", "category_of_need": "N1",
        "placement_type": "U4", "placement_provider": "PR1", "placement_postcode": "M1 1AE",
        "home_postcode": "", "urn": "", "setting_urn": "SC1", "reason_ceased": "X1",
        "reason_place_change": "CARPL",
    }  # fmt: skip
    (row,) = episode_rows([episode], 2026)
    assert (row["DEC"], row["REC"], row["REASON_PLACE_CHANGE"], row["URN"]) == ("", "", "", "SC1")
    assert episode_rows([episode], 2025) == []
    child = {"case_id": "A1", "sex": "male", "date_of_birth": date(2010, 1, 2), "ethnicity": "WBRI",
             "upn": "", "mother": "0", "first_child_born": None}  # fmt: skip
    assert header_row(child, 2026)["MOTHER"] == ""  # only for girls
