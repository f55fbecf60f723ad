"""The 903 upload pages: a council data officer or RCC analyst uploads a return, follows the
import and reads its report (placements.views.ssda903)."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from placements.models import CareEpisode, Child, Ssda903Import
from placements.services.ssda903 import import_files
from placements.ssda903 import specs
from placements.ssda903.writing import csv_lines
from rcc.models import AuditEvent
from rcc.roles import Role
from tests.factories import LocalAuthorityFactory
from tests.placements.ssda903_data import make_council, year_files


def _uploads(year: int, *, break_row: bool = False) -> list[SimpleUploadedFile]:
    files = []
    for table, rows in year_files(make_council(children=12), year).items():
        text = "".join(csv_lines(specs.columns_for(table, year), rows))
        if break_row and table == "episodes":
            text = text.replace(",S,", ",Q,", 1)
        files.append(SimpleUploadedFile(f"{table}_{year}.csv", text.encode(), "text/csv"))
    return files


def test_a_data_officer_uploads_their_councils_return_and_reads_the_report(
    signed_in, home, django_capture_on_commit_callbacks
):
    client = signed_in(home.people[Role.DATA_OFFICER])
    page = client.get("/903/upload/")
    assert page.status_code == 200 and home.council.name in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/903/upload/", {"council": home.council.pk, "return_files": _uploads(2026)}
        )
    record = Ssda903Import.objects.get()
    assert response.status_code == 302 and response.url == f"/903/imports/{record.pk}/"
    assert record.status == "imported" and record.pending_files == {}
    report = client.get(response.url).content.decode()
    assert "903 files imported" in report and "2025/26" in report
    created = record.counts["years"]["2026"]["episodes_created"]
    assert created == CareEpisode.objects.count() > 0
    assert f'numeric">{created}</td>' in report
    assert AuditEvent.objects.filter(action="ssda903.imported", local_authority=home.council)


def test_a_bad_file_stores_nothing_and_the_report_says_where(
    signed_in, home, django_capture_on_commit_callbacks
):
    client = signed_in(home.people[Role.DATA_OFFICER])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/903/upload/",
            {"council": home.council.pk, "return_files": _uploads(2026, break_row=True)},
        )
    report = client.get(response.url).content.decode()
    assert "There is a problem" in report and "Nothing was stored" in report
    assert "episodes_2026.csv" in report and "&#39;Q&#39; is not a RNE code" in report
    assert not Child.objects.exists()
    csv = client.get(response.url, {"format": "csv"})
    lines = b"".join(csv.streaming_content).decode().splitlines()
    assert lines[0] == "File,Row,Column,Problem"
    assert lines[1].startswith("episodes_2026.csv,") and ",RNE," in lines[1]


def test_an_analyst_imports_for_a_council_of_their_region_only(signed_in, home, away):
    client = signed_in(home.people[Role.ANALYST])
    neighbour = LocalAuthorityFactory(region=home.region)
    page = client.get("/903/upload/").content.decode()
    assert neighbour.name in page and away.council.name not in page
    response = client.post(
        "/903/upload/", {"council": away.council.pk, "return_files": _uploads(2026)}
    )
    assert response.status_code == 200
    assert "Select one of your councils" in response.content.decode()
    assert (
        not Ssda903Import.objects.filter(local_authority=away.council)
        .exclude(pk=away.journey["ssda903_import"].pk)
        .exists()
    )


def test_the_form_keeps_the_choices_and_says_what_is_missing(signed_in, home):
    client = signed_in(home.people[Role.DATA_OFFICER])
    response = client.post("/903/upload/", {"council": home.council.pk, "year": "2025"})
    page = response.content.decode()
    assert "Select the 903 files" in page and 'value="2025" selected' in page
    spreadsheet = SimpleUploadedFile("header.xlsx", b"PK\x03\x04", "application/vnd.ms-excel")
    response = client.post(
        "/903/upload/", {"council": home.council.pk, "return_files": [spreadsheet]}
    )
    assert "header.xlsx must be a CSV file" in response.content.decode()


def test_other_roles_cannot_upload(signed_in, home):
    for role in (Role.SOCIAL_WORKER, Role.COMMISSIONER, Role.PROVIDER_STAFF):
        client = signed_in(home.people[role])
        assert client.get("/903/upload/").status_code == 403
        assert client.get("/903/").status_code == 403


def test_the_list_of_imports_takes_the_same_queries_however_many(
    signed_in, home, django_assert_max_num_queries
):
    client = signed_in(home.people[Role.DATA_OFFICER])
    for _ in range(3):
        Ssda903Import.objects.create(local_authority=home.council, status="imported")
    with django_assert_max_num_queries(12) as few:
        client.get("/903/")
    for _ in range(20):
        Ssda903Import.objects.create(local_authority=home.council, status="refused")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/903/")
    assert "23 found" in page.content.decode()


def test_a_data_officer_exports_a_year_zipped_with_every_table(signed_in, home, tmp_path):
    data = make_council(children=12)
    files = {
        f"2026/{table}.csv": "".join(csv_lines(specs.columns_for(table, 2026), rows))
        for table, rows in year_files(data, 2026).items()
    }
    import_files(actor=None, council=home.council, files=files)
    client = signed_in(home.people[Role.DATA_OFFICER])
    page = client.get("/903/export/")
    assert page.status_code == 200 and home.council.name in page.content.decode()
    response = client.get("/903/export/", {"council": home.council.pk, "year": 2026})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == sorted(f"{t}.csv" for t in specs.tables_for(2026))
    for name, text in files.items():  # the same rows, every table (the order may differ)
        got = archive.read(name.removeprefix("2026/")).decode().splitlines()
        assert got[0] == text.splitlines()[0] and sorted(got) == sorted(text.splitlines())
    events = AuditEvent.objects.filter(action="api.export", actor=home.people[Role.DATA_OFFICER])
    assert events.count() == len(specs.tables_for(2026))
    # another council's return cannot be asked for
    other = LocalAuthorityFactory()
    refused = client.get("/903/export/", {"council": other.pk, "year": 2026})
    assert refused.status_code == 200 and "Select one of your councils" in refused.content.decode()
