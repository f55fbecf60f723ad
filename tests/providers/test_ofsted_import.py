"""Importing Ofsted's provider-level CSV: pure parsing, the all-or-nothing service,
the management command and the upload page."""

from __future__ import annotations

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from providers.models import (
    Judgement,
    OfstedInspection,
    ProviderOrganisation,
    Sector,
    Setting,
    SettingType,
)
from providers.ofsted import (
    JUDGEMENTS,
    SECTORS,
    SETTING_TYPES,
    OfstedFileError,
    OfstedRow,
    RowError,
    parse_ofsted_csv,
)
from providers.services.ofsted import UNKNOWN_PROVIDER, import_ofsted
from rcc.models import AuditEvent
from rcc.roles import Role
from tests.factories import LocalAuthorityFactory

SAMPLE_PATH = Path(__file__).parent / "data" / "ofsted_sample.csv"
SAMPLE = SAMPLE_PATH.read_text(encoding="utf-8")
URL = "/market/ofsted/import/"
HEADER = "URN,Provider type,Sector,Local authority,Places,Inspection date,Overall judgement"
GOOD_ROW = {
    "URN": "SC1",
    "Provider type": "Children's home",
    "Sector": "Private",
    "Local authority": "Bolton",
    "Places": "4",
    "Inspection date": "12/03/2024",
    "Overall judgement": "Good",
}


def one_row(**changes: str) -> str:
    """A file of the required columns and one good row, with some cells changed."""
    cells = GOOD_ROW | changes
    return ",".join(cells) + "\n" + ",".join(cells.values()) + "\n"


def snapshot() -> dict[str, list]:
    return {
        "settings": list(Setting.objects.order_by("urn").values()),
        "inspections": list(OfstedInspection.objects.order_by("pk").values()),
        "providers": list(ProviderOrganisation.objects.order_by("pk").values()),
    }


# The parser (pure) -------------------------------------------------------------------------
def test_it_reads_each_column_into_the_codes_the_models_store():
    result = parse_ofsted_csv(SAMPLE)
    assert result.errors == [] and len(result.rows) == 8
    assert result.rows[0] == OfstedRow(
        row=2,
        urn="SC100001",
        setting_type="childrens_home",
        sector="private",
        local_authority="Bolton",
        places=4,
        inspected_on=date(2024, 3, 12),
        judgement=2,
        setting_name="Oak House",
        owner="Bright Futures Care Ltd",
        postcode="BL1 4AA",
        inspection_type="Full inspection",
    )


@pytest.mark.parametrize(
    ("column", "value", "attribute", "expected"),
    [
        ("Overall judgement", "Outstanding", "judgement", 1),
        ("Overall judgement", "requires improvement to be good", "judgement", 3),
        ("Overall judgement", "INADEQUATE", "judgement", 4),
        ("Overall judgement", "", "judgement", None),
        ("Provider type", "Independent fostering agency", "setting_type", "ifa"),
        ("Provider type", "secure children\u2019s home", "setting_type", "secure"),
        ("Provider type", "Residential special school", "setting_type", "residential_school"),
        ("Provider type", "Supported accommodation", "setting_type", "supported"),
        ("Sector", "Voluntary", "sector", "voluntary"),
        ("Sector", "Local authority", "sector", "local_authority"),
        ("Sector", "Health authority", "sector", "health"),
        ("Places", "", "places", None),
        ("Places", "12", "places", 12),
        ("Inspection date", "1/2/2024", "inspected_on", date(2024, 2, 1)),
        ("URN", "sc123456", "urn", "SC123456"),
    ],
)
def test_it_parses_cells(column, value, attribute, expected):
    row = parse_ofsted_csv(one_row(**{column: value})).rows[0]
    assert getattr(row, attribute) == expected


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (
            "Overall judgement",
            "Grate",
            "Row 2, Overall judgement: 'Grate' is not an Ofsted judgement",
        ),
        (
            "Inspection date",
            "31/02/2024",
            "Row 2, Inspection date: '31/02/2024' is not a date in the form DD/MM/YYYY",
        ),
        ("Places", "four", "Row 2, Places: 'four' is not a number of places"),
        ("Places", "-1", "Row 2, Places: '-1' is not a number of places"),
        (
            "Provider type",
            "Care home",
            "Row 2, Provider type: 'Care home' is not a provider type we know",
        ),
        ("Sector", "Public", "Row 2, Sector: 'Public' is not a sector Ofsted uses"),
        ("URN", "", "Row 2, URN: this is blank"),
        ("URN", "SC-1", "Row 2, URN: 'SC-1' is not an Ofsted URN"),
        ("Local authority", "", "Row 2, Local authority: this is blank"),
        ("Inspection date", "", "Row 2, Inspection date: a judgement needs its inspection date"),
    ],
)
def test_it_explains_each_bad_cell_by_row_and_column(column, value, message):
    result = parse_ofsted_csv(one_row(**{column: value}))
    assert [str(error) for error in result.errors] == [message]
    assert result.rows == []


def test_it_matches_headers_in_any_case_and_ignores_other_columns():
    text = "\ufeffurn,PROVIDER TYPE,sector,Local Authority,places,Inspection Date,"
    text += "overall judgement,Ward\n"
    text += "SC1,Children's home,Private,Bolton,4,12/03/2024,Good,Central\n"
    (row,) = parse_ofsted_csv(text).rows
    assert (row.urn, row.setting_name, row.owner, row.postcode) == ("SC1", "", "", None)
    assert row.inspection_type == "Full inspection"


def test_row_numbers_are_the_files_own_counting_blank_lines():
    text = one_row() + "\n" + "SC2,Children's home,Private,Bolton,x,12/03/2024,Good\n"
    assert parse_ofsted_csv(text).errors == [RowError(4, "Places", "'x' is not a number of places")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The file is empty"),
        ("\n\n", "The file is empty"),
        (HEADER + "\n", "no settings"),
        (
            "URN,Provider type,Local authority,Inspection date,Overall judgement\n",
            "columns Sector, Places",
        ),
        (HEADER.replace(",Places", "") + "\n", "missing the column Places."),
        (
            one_row() + one_row().splitlines()[1].replace("SC1", "sc1"),
            "URN SC1 appears more than once",
        ),
        ("URN,urn," + HEADER[4:] + "\n", "more than one 'URN' column"),
    ],
)
def test_a_file_it_cannot_use_is_refused_with_a_clear_message(text, message):
    with pytest.raises(OfstedFileError, match=message):
        parse_ofsted_csv(text)


def test_its_codes_are_the_models_choices():
    assert set(SETTING_TYPES.values()) <= set(SettingType.values)
    assert set(SECTORS.values()) == set(Sector.values)
    assert set(JUDGEMENTS.values()) == set(Judgement.values)


# The service -------------------------------------------------------------------------------
def test_an_import_creates_settings_providers_and_inspections(home):
    report = import_ofsted(text=SAMPLE, actor=home.people[Role.COMMISSIONER], region=home.region)
    assert report.imported
    assert report.counts == {
        "created": 8,
        "updated": 0,
        "unchanged": 0,
        "rejected": 0,
        "inspections_added": 7,
    }
    oak = Setting.objects.get(urn="SC100001")
    assert (oak.name, oak.provider.name, oak.local_authority) == (
        "Oak House",
        "Bright Futures Care Ltd",
        home.council,
    )
    assert (oak.latest_judgement, oak.latest_inspection_on) == (Judgement.GOOD, date(2024, 3, 12))
    assert Setting.objects.get(urn="SC100002").provider == oak.provider
    nameless = Setting.objects.get(urn="SC100007")
    assert (nameless.name, nameless.provider.name) == ("Setting SC100007", UNKNOWN_PROVIDER)
    assert Setting.objects.get(urn="SC100004").registered_places == 0
    assert Setting.objects.get(urn="SC100008").provider.sector == Sector.HEALTH
    assert Setting.objects.get(urn="SC100005").latest_judgement is None


def test_a_second_import_of_the_same_file_changes_nothing(home):
    actor = home.people[Role.COMMISSIONER]
    import_ofsted(text=SAMPLE, actor=actor, region=home.region)
    before = snapshot()
    report = import_ofsted(text=SAMPLE, actor=actor, region=home.region)
    assert report.counts == {
        "created": 0,
        "updated": 0,
        "unchanged": 8,
        "rejected": 0,
        "inspections_added": 0,
    }
    assert snapshot() == before
    events = AuditEvent.objects.filter(action="ofsted.imported").order_by("pk")
    assert [e.metadata["created"] for e in events] == [8, 0]
    assert events[0].region == home.region and events[0].object_type == "providers.setting"


def test_a_changed_judgement_adds_an_inspection_and_moves_the_latest(home):
    import_ofsted(text=SAMPLE, actor=None)
    report = import_ofsted(
        text=SAMPLE.replace("12/03/2024,Good", "10/01/2025,Inadequate"), actor=None
    )
    assert (report.updated, report.inspections_added, len(report.unchanged)) == (["SC100001"], 1, 7)
    oak = Setting.objects.get(urn="SC100001")
    assert oak.inspections.count() == 2
    assert (oak.latest_judgement, oak.latest_inspection_on) == (
        Judgement.INADEQUATE,
        date(2025, 1, 10),
    )


def test_an_older_inspection_is_kept_without_replacing_the_latest(home):
    import_ofsted(text=SAMPLE, actor=None)
    import_ofsted(text=SAMPLE.replace("12/03/2024,Good", "01/01/2020,Outstanding"), actor=None)
    oak = Setting.objects.get(urn="SC100001")
    assert oak.inspections.count() == 2
    assert (oak.latest_judgement, oak.latest_inspection_on) == (Judgement.GOOD, date(2024, 3, 12))


def test_an_import_updates_the_fields_ofsted_owns(home):
    wigan = LocalAuthorityFactory(name="Wigan", region=home.region)
    import_ofsted(text=SAMPLE, actor=None)
    moved = SAMPLE.replace(
        "SC100001,Children's home,Oak House,Bright Futures Care Ltd,Private,Bolton,"
        "North West,BL1 4AA,4",
        "SC100001,Supported accommodation,Renamed,Someone Else,Private,wigan,North West,wn1 1aa,6",
    )
    report = import_ofsted(text=moved, actor=None)
    oak = Setting.objects.get(urn="SC100001")
    assert report.updated == ["SC100001"]
    assert (oak.setting_type, oak.local_authority, oak.postcode, oak.registered_places) == (
        SettingType.SUPPORTED,
        wigan,
        "WN1 1AA",
        6,
    )
    assert (oak.name, oak.provider.name) == ("Oak House", "Bright Futures Care Ltd")


BAD_ROWS = [  # (text in the sample, replaced by, the error expected)
    (
        "17/05/2024,Good",
        "17/05/2024,Grate",
        RowError(9, "Overall judgement", "'Grate' is not an Ofsted judgement"),
    ),
    (
        ",Local authority,Bolton,",
        ",Local authority,Atlantis,",
        RowError(4, "Local authority", "'Atlantis' is not a council we know"),
    ),
    (
        "05/09/2023",
        "2023-09-05",
        RowError(3, "Inspection date", "'2023-09-05' is not a date in the form DD/MM/YYYY"),
    ),
    (
        "BL5 3EF,20,",
        "BL5 3EF,twenty,",
        RowError(7, "Places", "'twenty' is not a number of places"),
    ),
]


@pytest.mark.parametrize(("old", "new", "error"), BAD_ROWS)
def test_one_bad_row_refuses_the_whole_file(home, old, new, error):
    before = snapshot()
    report = import_ofsted(text=SAMPLE.replace(old, new), actor=None, region=home.region)
    assert not report.imported
    assert report.rejected == [error]
    assert report.created == report.updated == report.unchanged == []
    assert snapshot() == before
    assert not AuditEvent.objects.filter(action="ofsted.imported").exists()
    refused = AuditEvent.objects.get(action="ofsted.import_refused")
    assert refused.metadata == {
        "rows": 8 if error.column == "Local authority" else 7,
        "rejected": 1,
    }


def test_every_problem_is_reported_with_its_row_and_column(home):
    text = SAMPLE
    for old, new, _ in BAD_ROWS:
        text = text.replace(old, new)
    report = import_ofsted(text=text, actor=None)
    assert report.rejected == sorted((error for _, _, error in BAD_ROWS), key=lambda e: e.row)


def test_a_refused_file_leaves_existing_settings_as_they_were(home):
    import_ofsted(text=SAMPLE, actor=None)
    before = snapshot()
    text = SAMPLE.replace("12/03/2024,Good", "10/01/2025,Inadequate").replace(
        "BL5 3EF,20,", "BL5 3EF,x,"
    )
    assert not import_ofsted(text=text, actor=None).imported
    assert snapshot() == before


def test_a_file_missing_columns_is_refused_and_audited(home):
    with pytest.raises(OfstedFileError, match="missing the column Places"):
        import_ofsted(text=SAMPLE.replace(",Places,", ",Beds,"), actor=None)
    assert not Setting.objects.exists()
    assert "Places" in AuditEvent.objects.get(action="ofsted.import_refused").metadata["file_error"]


# The command -------------------------------------------------------------------------------
def test_the_command_prints_counts(home):
    out = StringIO()
    call_command("import_ofsted", str(SAMPLE_PATH), stdout=out)
    assert "Created: 8" in out.getvalue() and "Rejected: 0" in out.getvalue()
    assert Setting.objects.count() == 8


def test_the_command_fails_and_lists_rejected_rows(home, tmp_path):
    path = tmp_path / "ofsted.csv"
    path.write_text(SAMPLE.replace("17/05/2024,Good", "17/05/2024,Grate"), encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError, match="Import refused"):
        call_command("import_ofsted", str(path), stdout=out)
    assert "Row 9, Overall judgement: 'Grate' is not an Ofsted judgement" in out.getvalue()
    assert not Setting.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (HEADER.replace(",Sector", "").encode(), "missing the column Sector"),
        (b"\xff\xd8\xff\xe0 not text", "not UTF-8 text"),
        (b"", "empty"),
    ],
)
def test_the_command_fails_on_a_bad_file(home, tmp_path, content, message):
    path = tmp_path / "ofsted.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("import_ofsted", str(path), stdout=StringIO())


def test_the_command_fails_on_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_ofsted", str(tmp_path / "nope.csv"), stdout=StringIO())


# The upload page ---------------------------------------------------------------------------
def upload(client, content: bytes, name: str = "ofsted.csv"):
    return client.post(URL, {"file": SimpleUploadedFile(name, content, "text/csv")})


def test_a_commissioner_sees_the_upload_form(signed_in, home):
    response = signed_in(home.people[Role.COMMISSIONER]).get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in body and 'type="file"' in body
    assert "<title>Import Ofsted data" in body


def test_a_commissioner_uploads_and_sees_the_counts(signed_in, home):
    client = signed_in(home.people[Role.COMMISSIONER])
    body = upload(client, SAMPLE.encode()).content.decode()
    assert "Ofsted data imported" in body and "Settings created" in body
    assert Setting.objects.count() == 8
    body = upload(client, ("\ufeff" + SAMPLE).encode()).content.decode()  # UTF-8 with BOM
    assert "Settings unchanged" in body and Setting.objects.count() == 8
    event = AuditEvent.objects.filter(action="ofsted.imported").last()
    assert event.region == home.region and event.actor == home.people[Role.COMMISSIONER]


def test_a_refused_upload_lists_each_rejected_row(signed_in, home):
    client = signed_in(home.people[Role.COMMISSIONER])
    body = upload(client, SAMPLE.replace("17/05/2024,Good", "17/05/2024,Grate").encode())
    body = body.content.decode()
    assert "There is a problem" in body and "Nothing was imported" in body
    assert "Overall judgement" in body and "&#39;Grate&#39; is not an Ofsted judgement" in body
    assert not Setting.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("ofsted.xlsx", SAMPLE.encode(), "The selected file must be a CSV"),
        ("ofsted.csv", b"x" * (5 * 1024 * 1024 + 1), "The selected file must be smaller than 5MB"),
        ("ofsted.csv", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "not a spreadsheet"),
        ("ofsted.csv", b"\xff\xd8\xff\xe0\x00\x10JFIF", "not a spreadsheet"),
        ("ofsted.csv", b"", "The selected file is empty"),
        ("ofsted.csv", HEADER.replace(",Places", "").encode(), "missing the column Places"),
    ],
)
def test_a_file_it_cannot_use_shows_the_error_summary_and_writes_nothing(
    signed_in, home, name, content, message
):
    response = upload(signed_in(home.people[Role.COMMISSIONER]), content, name)
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body and message in body and 'href="#id_file"' in body
    assert "<title>Error: " in body
    assert not Setting.objects.exists()
    assert not AuditEvent.objects.filter(action="ofsted.imported").exists()


def test_no_file_asks_for_one(signed_in, home):
    body = signed_in(home.people[Role.COMMISSIONER]).post(URL, {}).content.decode()
    assert "Select a CSV file" in body


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.PROVIDER_STAFF, Role.ANALYST])
def test_other_roles_cannot_import(signed_in, home, role):
    client = signed_in(home.people[role])
    assert client.get(URL).status_code == 403
    assert upload(client, SAMPLE.encode()).status_code == 403
    assert not Setting.objects.exists()


def test_another_regions_commissioner_files_the_import_in_their_own_region(signed_in, home, away):
    upload(signed_in(away.people[Role.COMMISSIONER]), SAMPLE.encode())
    event = AuditEvent.objects.get(action="ofsted.imported")
    assert event.region == away.region
