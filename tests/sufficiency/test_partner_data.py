"""Partners' quarterly datasets: the pure parser, the all-or-nothing upload and the pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from placements.models import CareEpisode
from rcc.models import AuditEvent
from rcc.roles import Role
from sufficiency.models.partner import PartnerDataset, PartnerFigure
from sufficiency.partner_data import (
    PartnerFileError,
    PartnerRow,
    RowError,
    parse_partner_csv,
    quarter_end,
    quarter_label,
)
from sufficiency.services.partner import upload_partner_dataset
from tests.personas import MARKER
from tests.placements.factories import ChildFactory

HEADER = "quarter,la_code,measure,value"
UPLOAD_URL = "/partners/upload/"
LIST_URL = "/partners/"
CHART_URL = "/partners/charts/remands/"
CHART = 'class="rcc-chart"'


def csv_text(*lines: str) -> str:
    return "\n".join([HEADER, *lines]) + "\n"


def remands(code: str, *quarters: str, value: str = "4") -> str:
    return csv_text(
        *(f"{q},{code},{m},{value}" for q in quarters for m in ("remands", "remand_nights"))
    )


# The parser (pure) -----------------------------------------------------------------------------
def test_it_reads_each_row_with_its_line_and_suppressed_values_as_none():
    text = (
        "\ufeffQuarter, LA_Code ,Measure,Value\n"
        "2024-q1,e08000001,Remands,3\n\n2024-Q2,E08000001,remands,c\n"
    )
    rows, errors = parse_partner_csv("remands", text)
    assert errors == []
    assert rows == [
        PartnerRow(line=2, quarter="2024-Q1", la_code="E08000001", measure="remands", value=3),
        PartnerRow(line=4, quarter="2024-Q2", la_code="E08000001", measure="remands", value=None),
    ]


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("quarter", "2024-Q5", "'2024-Q5' is not a quarter in the form YYYY-Qn"),
        ("quarter", "Q1 2024", "'Q1 2024' is not a quarter"),
        ("quarter", "1999-Q4", "'1999-Q4' is not a quarter"),
        ("quarter", "", "this is blank"),
        ("la_code", "E07000001", "'E07000001' is not a council's ONS GSS code"),
        ("la_code", "Bolton", "'Bolton' is not a council's ONS GSS code"),
        ("measure", "admissions", "'admissions' is not a measure of this dataset"),
        ("value", "-2", "'-2' is negative"),
        ("value", "three", "'three' is not a whole number"),
        ("value", "2.5", "'2.5' is not a whole number"),
        ("value", "", "this is blank: write c for a suppressed number"),
        ("value", "2000000", "'2000000' is more than 1,000,000"),
    ],
)
def test_it_explains_each_bad_cell_by_line_and_column(column, value, reason):
    cells = {"quarter": "2024-Q1", "la_code": "E08000001", "measure": "remands", "value": "1"}
    cells[column] = value
    text = csv_text("2024-Q1,E08000001,remand_nights,1", ",".join(cells.values()))
    rows, errors = parse_partner_csv("remands", text)
    assert len(rows) == 1
    assert len(errors) == 1 and errors[0].line == 3 and errors[0].column == column
    assert errors[0].reason.startswith(reason)


def test_every_bad_cell_of_a_row_is_reported():
    _, errors = parse_partner_csv("remands", csv_text("2024-Q9,X,nope,-1"))
    assert [str(e).split(":")[0] for e in errors] == [
        "Line 2, quarter",
        "Line 2, la_code",
        "Line 2, measure",
        "Line 2, value",
    ]


def test_line_numbers_are_the_files_own_when_a_quoted_cell_spans_lines():
    text = f'{HEADER}\n2024-Q1,E08000001,"remands\nmore",1\n2024-Q1,E08000001,remands,x\n'
    _, errors = parse_partner_csv("remands", text)
    assert [(e.line, e.column) for e in errors] == [(2, "measure"), (4, "value")]


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        ("remands", "", "The file is empty"),
        ("remands", HEADER + "\n", "no figures"),
        ("remands", "quarter,la_code,value\n2024-Q1,E08000001,1\n", "missing the column measure"),
        ("remands", "quarter,value\n", "missing the columns la_code, measure"),
        ("remands", HEADER + ",child_name\n", "columns the schema does not: child_name"),
        ("remands", HEADER + ",value\n", "more than one 'value' column"),
        ("nope", csv_text("2024-Q1,E08000001,remands,1"), "'nope' is not a kind"),
        (
            "remands",
            csv_text("2024-Q1,E08000001,remands,1", "2024-q1,E08000001,REMANDS,2"),
            "appears more than once (lines 2 and 3)",
        ),
    ],
)
def test_a_file_it_cannot_use_is_refused_with_a_clear_message(kind, text, message):
    with pytest.raises(PartnerFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_partner_csv(kind, text)


@pytest.mark.parametrize(
    ("quarter", "end", "label"),
    [
        ("2024-Q1", date(2024, 3, 31), "Jan-Mar 2024"),
        ("2024-Q2", date(2024, 6, 30), "Apr-Jun 2024"),
        ("2024-Q3", date(2024, 9, 30), "Jul-Sep 2024"),
        ("2024-Q4", date(2024, 12, 31), "Oct-Dec 2024"),
    ],
)
def test_quarters_are_calendar_quarters(quarter, end, label):
    assert quarter_end(quarter) == end and quarter_label(quarter) == label


# The upload service ----------------------------------------------------------------------------
def _upload(tenant, text: str, kind: str = "remands"):
    return upload_partner_dataset(
        kind=kind, text=text, actor=tenant.people[Role.PARTNER], region=tenant.region
    )


def test_a_good_file_is_stored_and_audited(home):
    code = home.council.gss_code
    report = _upload(home, remands(code, "2024-Q1", "2024-Q2"))
    dataset = report.dataset
    assert report.stored and report.replaced == 0
    assert (dataset.region, dataset.kind, dataset.row_count) == (home.region, "remands", 4)
    assert (dataset.first_quarter, dataset.last_quarter) == ("2024-Q1", "2024-Q2")
    assert dataset.uploaded_by == home.people[Role.PARTNER]
    assert PartnerFigure.objects.filter(dataset=dataset, local_authority=home.council).count() == 4
    event = AuditEvent.objects.get(action="partner_data.uploaded")
    assert event.region == home.region and event.object_id == str(dataset.pk)
    assert event.metadata["rows"] == 4


def test_uploading_the_same_quarters_again_replaces_them(home):
    code = home.council.gss_code
    first = _upload(home, remands(code, "2024-Q1", "2024-Q2")).dataset
    again = _upload(home, remands(code, "2024-Q1", "2024-Q2", value="7"))
    assert again.replaced == 4
    assert PartnerFigure.objects.count() == 4
    assert set(PartnerFigure.objects.values_list("value", flat=True)) == {7}
    first.refresh_from_db()
    assert first.status == PartnerDataset.Status.REPLACED


def test_an_overlapping_upload_replaces_only_its_quarters(home):
    code = home.council.gss_code
    first = _upload(home, remands(code, "2024-Q1", "2024-Q2")).dataset
    _upload(home, remands(code, "2024-Q2", "2024-Q3"))
    _upload(home, csv_text(f"2024-Q1,{code},admissions,2"), kind="tier4")
    first.refresh_from_db()
    assert first.status == PartnerDataset.Status.PARTLY_REPLACED
    assert sorted(first.figures.values_list("quarter", flat=True)) == ["2024-Q1", "2024-Q1"]
    assert PartnerFigure.objects.count() == 7


def test_a_file_with_bad_rows_stores_nothing_and_reports_every_line(home, away):
    code = home.council.gss_code
    text = csv_text(
        f"2024-Q1,{code},remands,3",
        f"2024-Q5,{code},remands,3",
        "2024-Q1,E09999999,remands,3",
        f"2024-Q1,{away.council.gss_code},remands,3",
        f"2024-Q2,{code},remands,-1",
        f"2024-Q3,{code},remands,lots",
    )
    before = _upload(home, remands(code, "2024-Q1")).dataset
    report = _upload(home, text)
    assert not report.stored
    assert [(e.line, e.column) for e in report.rejected] == [
        (3, "quarter"),
        (4, "la_code"),
        (5, "la_code"),
        (6, "value"),
        (7, "value"),
    ]
    assert "'E09999999' is not a council we know" in report.rejected[1].reason
    assert f"not a council of {home.region.name}" in report.rejected[2].reason
    assert list(PartnerDataset.objects.filter(region=home.region)) == [before]
    figures = PartnerFigure.objects.filter(dataset__region=home.region)
    assert figures.count() == 2 and before.status == PartnerDataset.Status.CURRENT
    assert AuditEvent.objects.filter(action="partner_data.upload_refused").count() == 1


def test_a_file_missing_a_column_is_refused_and_audited(home):
    with pytest.raises(PartnerFileError, match="missing the column value"):
        _upload(home, "quarter,la_code,measure\n2024-Q1,E08000001,remands\n")
    assert not PartnerDataset.objects.exists()
    event = AuditEvent.objects.get(action="partner_data.upload_refused")
    assert "value" in event.metadata["file_error"]


# The pages --------------------------------------------------------------------------------------
def post_file(client, content: bytes, name: str = "remands.csv", kind: str = "remands"):
    return client.post(
        UPLOAD_URL, {"kind": kind, "file": SimpleUploadedFile(name, content, "text/csv")}
    )


def test_a_partner_uploads_a_file_and_sees_what_was_stored(signed_in, home):
    client = signed_in(home.people[Role.PARTNER])
    assert 'enctype="multipart/form-data"' in client.get(UPLOAD_URL).content.decode()
    body = post_file(client, remands(home.council.gss_code, "2024-Q1").encode()).content.decode()
    assert "Dataset stored" in body and "Figures stored" in body
    assert PartnerFigure.objects.count() == 2


def test_a_refused_upload_lists_every_bad_line(signed_in, home):
    client = signed_in(home.people[Role.PARTNER])
    text = csv_text(f"2024-Q9,{home.council.gss_code},remands,3", "2024-Q1,E09999999,remands,-4")
    body = post_file(client, text.encode()).content.decode()
    assert "There is a problem" in body and "Nothing was stored" in body
    assert "The file has 3 problems" in body
    assert "&#39;2024-Q9&#39; is not a quarter" in body and "&#39;-4&#39; is negative" in body
    assert '<th scope="row" class="govuk-table__header">3</th>' in body
    assert not PartnerDataset.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("remands.xlsx", csv_text("2024-Q1,E08000001,remands,1").encode(), "must be a CSV"),
        ("remands.csv", b"x" * (2 * 1024 * 1024 + 1), "must be smaller than 2MB"),
        ("remands.csv", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "not a spreadsheet"),
        ("remands.csv", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "not a spreadsheet"),
        ("remands.csv", b"\xff\xd8\xff\xe0\x00\x10JFIF", "not a spreadsheet"),
        ("remands.csv", b"", "The selected file is empty"),
        ("remands.csv", b"quarter,la_code,measure\n", "missing the column value"),
    ],
)
def test_a_file_it_cannot_use_shows_the_error_summary_and_stores_nothing(
    signed_in, home, name, content, message
):
    response = post_file(signed_in(home.people[Role.PARTNER]), content, name)
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body and message in body and 'href="#id_file"' in body
    assert not PartnerDataset.objects.exists()


def test_the_upload_asks_which_dataset(signed_in, home):
    client = signed_in(home.people[Role.PARTNER])
    body = post_file(client, remands(home.council.gss_code, "2024-Q1").encode(), kind="")
    assert "Select which dataset the file holds" in body.content.decode()


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.PROVIDER_STAFF, Role.HUB_OFFICER])
def test_other_roles_see_no_partner_page(signed_in, home, role):
    client = signed_in(home.people[role])
    dataset = _upload(home, remands(home.council.gss_code, "2024-Q1")).dataset
    for url in (UPLOAD_URL, LIST_URL, CHART_URL, f"/partners/datasets/{dataset.pk}/"):
        assert client.get(url).status_code == 403, url
    assert post_file(client, remands(home.council.gss_code, "2024-Q2").encode()).status_code == 403


@pytest.mark.parametrize("role", [Role.COMMISSIONER, Role.ANALYST])
def test_rcc_staff_see_partner_figures_but_cannot_upload(signed_in, home, role):
    client = signed_in(home.people[role])
    assert client.get(UPLOAD_URL).status_code == 403
    assert client.get(LIST_URL).status_code == 200
    assert client.get(CHART_URL).status_code == 200


def test_it_hides_datasets_of_another_region(signed_in, home, away):
    _upload(home, remands(home.council.gss_code, "2024-Q1"))
    theirs = _upload(away, remands(away.council.gss_code, "2024-Q1")).dataset
    client = signed_in(home.people[Role.PARTNER])
    assert client.get(f"/partners/datasets/{theirs.pk}/").status_code == 404
    assert client.get("/partners/datasets/999999/").status_code == 404
    body = client.get(LIST_URL).content.decode()
    assert "1 found" in body and "South East" not in body
    assert client.get(CHART_URL + "?region=away-region").status_code == 404
    chart = client.get(CHART_URL).content.decode()
    assert "Greater Manchester" in chart and MARKER not in chart


def test_the_dataset_page_lists_its_figures_and_downloads_them(signed_in, home):
    dataset = _upload(home, remands(home.council.gss_code, "2024-Q1", value="c")).dataset
    client = signed_in(home.people[Role.PARTNER])
    url = reverse("partners:dataset", kwargs={"dataset_id": dataset.pk})
    assert home.council.name in client.get(url).content.decode()
    download = client.get(url + "?format=csv")
    lines = b"".join(download.streaming_content).decode().splitlines()
    assert lines[0] == "Quarter,Council,ONS code,Measure,Value"
    assert lines[1] == f"2024-Q1,{home.council.name},{home.council.gss_code},remand_nights,c"


def _in_care(council, start: date, end: date | None = None) -> None:
    CareEpisode.objects.create(
        child=ChildFactory(local_authority=council),
        start_date=start,
        end_date=end,
        legal_status="C2",
        placement_type="U1",
        placement_provider="PR1",
    )


def test_the_chart_page_draws_each_measure_beside_the_children_in_care(signed_in, home, away):
    code = home.council.gss_code
    _upload(home, remands(code, "2024-Q1", "2024-Q2", value="5"))
    _in_care(home.council, date(2023, 1, 1))  # in care at both quarter ends
    _in_care(home.council, date(2024, 4, 1), date(2024, 6, 30))  # left on 30 June
    _in_care(home.council, date(2024, 4, 1))
    _in_care(away.council, date(2023, 1, 1))  # another region's child
    client = signed_in(home.people[Role.PARTNER])
    body = client.get(CHART_URL).content.decode()
    assert body.count(CHART) == 3 and body.count("<caption") == 3
    assert "Children in care in Greater Manchester at each quarter end" in body
    download = client.get(CHART_URL + "?format=children-in-care")
    lines = b"".join(download.streaming_content).decode().splitlines()
    assert lines == [
        "Quarter,Quarter end,Children in care",
        "Jan-Mar 2024,2024-03-31,1",
        "Apr-Jun 2024,2024-06-30,2",
    ]
    totals = b"".join(client.get(CHART_URL + "?format=remands").streaming_content).decode()
    assert "Apr-Jun 2024,5,0,2,2500.0" in totals.replace('"', "").replace("2,500", "2500")


def test_the_chart_page_says_when_there_is_nothing_yet(signed_in, home):
    body = signed_in(home.people[Role.ANALYST]).get("/partners/charts/ehcp/").content.decode()
    assert "No partner has uploaded this dataset" in body and CHART not in body


def test_an_unknown_kind_is_not_found(signed_in, home):
    assert signed_in(home.people[Role.PARTNER]).get("/partners/charts/nope/").status_code == 404


def test_a_platform_admin_chooses_the_region(signed_in, home, away, national):
    # The Away tenant already has one remands dataset for 2024-Q1 (tests/sufficiency/factories).
    client = signed_in(national[Role.PLATFORM_ADMIN])
    body = client.get(CHART_URL + "?region=away-region").content.decode()
    assert "South East" in body and body.count("<caption") == 3
    assert client.get(CHART_URL + "?region=nowhere").status_code == 404
    assert "1 found" in client.get(LIST_URL).content.decode()


def test_row_errors_read_as_sentences():
    assert str(RowError(4, "value", "'x' is not a whole number")) == (
        "Line 4, value: 'x' is not a whole number"
    )
