"""Postcodes: pure normalising and distances, the directory files, the import and lookups.

Imports use Shetland (area ZE, about 760 postcodes, the smallest file) to stay fast.
1 mile = 1,609.344 m, so 3,000 m east and 4,000 m north is 5,000 m = 3.1069 miles.
"""

from __future__ import annotations

import math
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from rcc.geography.management.commands.import_postcodes import REGION_AREAS
from rcc.geography.models import Postcode
from rcc.geography.postcodes import (
    PostcodeDataError,
    PostcodeError,
    PostcodeRow,
    miles_between,
    normalise_area,
    normalise_postcode,
    postcode_area,
    postcode_district,
    postcode_file,
    read_postcode_files,
    same_grid,
)
from rcc.geography.selectors import (
    IncomparablePostcodes,
    UnknownPostcode,
    coordinates_for,
    distance_miles,
)
from rcc.geography.services import import_postcodes
from rcc.models import AuditEvent

SMALL_AREA = "ZE"


@pytest.fixture(scope="module")
def shetland() -> dict[str, PostcodeRow]:
    return {row.postcode: row for row in read_postcode_files("Z", areas={SMALL_AREA})}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("M1 1AE", "M1 1AE"),
        ("m11ae", "M1 1AE"),
        ("  bl1   1aa ", "BL1 1AA"),
        ("SW1A1AA", "SW1A 1AA"),
        ("ec1a 1bb", "EC1A 1BB"),
        ("W1A 0AX", "W1A 0AX"),
        ("B33 8TH", "B33 8TH"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("M1\t1AE", "M1 1AE"),
    ],
)
def test_normalise_postcode_accepts_uk_shapes(text, expected):
    assert normalise_postcode(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "M1", "1AE", "M1 1A", "M1 1AEE", "MMM1 1AE", "11 1AE", "M1 AAE", "M1-1AE", "SW1A"],
)
def test_normalise_postcode_rejects_other_text(text):
    with pytest.raises(PostcodeError, match="postcode"):
        normalise_postcode(text)


def test_normalise_postcode_names_the_bad_text():
    with pytest.raises(PostcodeError, match="'NOT A POSTCODE' is not a UK postcode"):
        normalise_postcode(" NOT A POSTCODE ")


@pytest.mark.parametrize(
    ("postcode", "district", "area"),
    [
        ("BL1 1AA", "BL1", "BL"),
        ("m1 1ae", "M1", "M"),
        ("SW1A1AA", "SW1A", "SW"),
        ("OL16 1AB", "OL16", "OL"),
        ("RG1 1AA", "RG1", "RG"),
    ],
)
def test_district_is_the_outward_code_and_area_its_letters(postcode, district, area):
    assert postcode_district(postcode) == district
    assert postcode_area(postcode) == area


def test_district_refuses_a_non_postcode():
    with pytest.raises(PostcodeError):
        postcode_district("BL1")


@pytest.mark.parametrize(("text", "expected"), [("m", "M"), (" bl ", "BL"), ("RG", "RG")])
def test_normalise_area(text, expected):
    assert normalise_area(text) == expected


@pytest.mark.parametrize("text", ["", "M1", "BLX", "1", "B L"])
def test_normalise_area_rejects_non_areas(text):
    with pytest.raises(PostcodeError, match="not a postcode area"):
        normalise_area(text)


@pytest.mark.parametrize(
    ("a", "b", "miles"),
    [
        ((400_000, 300_000), (400_000, 300_000), 0.0),
        ((400_000, 300_000), (403_000, 304_000), 3.10686),  # 5,000 m
        ((403_000, 304_000), (400_000, 300_000), 3.10686),  # either way round
        ((0, 0), (1_609, 0), 0.99979),
        ((0, 0), (0, 160_934), 99.99975),
        ((385_022, 398_985), (372_593, 413_935), 12.08056),  # M1 1AA to BL7 9PW
    ],
)
def test_miles_between_is_the_straight_line(a, b, miles):
    assert miles_between(a, b) == pytest.approx(miles, abs=1e-5)


def test_same_grid_keeps_northern_ireland_apart():
    assert same_grid("M1 1AE", "ZE1 0AA")
    assert same_grid("BT1 1AA", "BT20 3SL")
    assert not same_grid("BT1 1AA", "M1 1AE")


def test_reader_yields_normalised_rows_of_the_area(shetland):
    assert len(shetland) > 500
    for row in shetland.values():
        assert normalise_postcode(row.postcode) == row.postcode
        assert postcode_area(row.postcode) == SMALL_AREA
        assert 350_000 < row.easting < 500_000  # Shetland, Foula to Out Skerries
        assert 1_050_000 < row.northing < 1_250_000  # Fair Isle to Unst
        assert row.local_authority_code == "S12000027"  # Shetland Islands


def test_reader_reads_a_file_by_path_as_by_initial(shetland):
    rows = list(read_postcode_files(postcode_file("Z")))
    assert {row.postcode for row in rows} == set(shetland)


def test_reader_leaves_out_postcodes_without_a_grid_reference():
    # Jersey is in the directory but has no grid references.
    assert list(read_postcode_files("J")) == []


def test_reader_refuses_a_missing_file(tmp_path):
    with pytest.raises(PostcodeDataError, match="No postcode file"):
        list(read_postcode_files(tmp_path / "postcodes_Q.msgpack.br"))


def test_import_loads_the_area_once_however_often_it_runs(db, shetland):
    assert import_postcodes(areas=[SMALL_AREA.lower()]) == len(shetland)
    assert Postcode.objects.count() == len(shetland)

    moved = Postcode.objects.first()
    Postcode.objects.filter(pk=moved.pk).update(easting=1, local_authority_code="")
    assert import_postcodes(areas=[SMALL_AREA]) == len(shetland)

    assert Postcode.objects.count() == len(shetland)
    moved.refresh_from_db()
    row = shetland[moved.postcode]
    assert (moved.easting, moved.northing, moved.local_authority_code) == row[1:]
    assert AuditEvent.objects.filter(action="postcodes.imported").count() == 2


def test_import_refuses_bad_or_empty_areas(db):
    with pytest.raises(PostcodeError, match="'M1' is not a postcode area"):
        import_postcodes(areas=["M1"])
    with pytest.raises(PostcodeError, match="No postcodes in area"):
        import_postcodes(areas=[SMALL_AREA, "ZZ"])
    with pytest.raises(PostcodeError, match="No postcode areas given"):
        import_postcodes(areas=[])
    assert not Postcode.objects.exists()


def test_distance_between_two_real_postcodes(db, shetland):
    import_postcodes(areas=[SMALL_AREA])
    lerwick, unst = shetland["ZE1 0AA"], shetland["ZE2 9DW"]
    expected = math.dist(lerwick[1:3], unst[1:3]) / 1_609.344

    miles = distance_miles("ze10aa", " ZE2 9DW ")

    assert miles == pytest.approx(expected)
    assert 30 < miles < 60  # Lerwick to Unst, as the crow flies
    assert distance_miles("ZE1 0AA", "ZE1 0AA") == 0.0


def test_coordinates_for_returns_known_postcodes_in_one_query(
    db, shetland, django_assert_num_queries
):
    import_postcodes(areas=[SMALL_AREA])
    with django_assert_num_queries(1):
        found = coordinates_for(["ze1 0aa", "ZE2 9DW", "M1 1AE"])
    assert found == {
        "ZE1 0AA": shetland["ZE1 0AA"][1:3],
        "ZE2 9DW": shetland["ZE2 9DW"][1:3],
    }


def test_distance_to_an_unknown_postcode_names_it(db):
    import_postcodes(areas=[SMALL_AREA])
    with pytest.raises(UnknownPostcode, match="M1 1AE is not in the postcode directory") as info:
        distance_miles("ZE1 0AA", "m11ae")
    assert info.value.postcode == "M1 1AE"
    with pytest.raises(UnknownPostcode, match="M1 1AE"):
        distance_miles("M1 1AE", "ZE1 0AA")


def test_distance_refuses_bad_postcodes_and_mixed_grids(db):
    Postcode.objects.create(postcode="BT1 1AA", easting=333_000, northing=374_000)
    Postcode.objects.create(postcode="M1 1AE", easting=384_000, northing=398_000)
    with pytest.raises(PostcodeError, match="not a UK postcode"):
        distance_miles("M1 1AE", "nowhere")
    with pytest.raises(IncomparablePostcodes, match="different grids"):
        distance_miles("BT1 1AA", "M1 1AE")


def test_command_imports_areas_and_says_how_many(db, shetland):
    out = StringIO()
    call_command("import_postcodes", "--areas", SMALL_AREA, stdout=out)
    assert f"Imported {len(shetland):,} postcodes in " in out.getvalue()
    assert Postcode.objects.count() == len(shetland)


def test_command_reports_a_bad_area(db):
    with pytest.raises(CommandError, match="not a postcode area"):
        call_command("import_postcodes", "--areas", "M1")


def test_region_areas_are_distinct_postcode_areas():
    assert len(set(REGION_AREAS)) == len(REGION_AREAS)
    assert all(normalise_area(area) == area for area in REGION_AREAS)
