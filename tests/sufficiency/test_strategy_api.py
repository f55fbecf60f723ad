"""The strategy API: published versions for anyone, gap tables for key holders of the region."""

from __future__ import annotations

from django.test import Client

from rcc.roles import Role
from rcc.services import issue_api_key
from sufficiency.services import strategy as services_strategy
from tests.sufficiency.test_strategy import _forecast, _publish


def _key_client(user) -> Client:
    _, secret = issue_api_key(actor=None, membership=user.memberships.get(), name="test")
    return Client(HTTP_AUTHORIZATION=f"Api-Key {secret}")


def test_anyone_reads_published_versions_and_never_drafts(home):
    _forecast(home)
    version = _publish(home)
    draft = services_strategy.start_new_version(
        strategy=version.strategy, actor=home.people[Role.ANALYST]
    )
    listed = Client().get("/api/v1/strategies/").json()
    assert [v["id"] for v in listed["results"]] == [version.pk]
    item = Client().get(f"/api/v1/strategies/{version.pk}/").json()
    assert item["number"] == 1 and item["region"] == home.region.slug
    assert item["figures"] == version.figures  # the frozen figures, as the page shows them
    assert item["links"]["pdf"].endswith("/v1/pdf/")
    assert Client().get(f"/api/v1/strategies/{draft.pk}/").status_code == 404


def test_gap_tables_need_a_key_and_stay_in_its_region(home, away, national):
    _forecast(home)
    version = _publish(home)
    assert Client().get("/api/v1/gap-tables/").status_code == 401
    rows = _key_client(home.people[Role.ANALYST]).get("/api/v1/gap-tables/").json()["results"]
    assert rows and {r["version"] for r in rows} == {version.pk}
    assert rows[0]["gap_12"] == version.figures["gaps"][0]["gap_12"]
    away_key = _key_client(away.people[Role.ANALYST])
    assert away_key.get(f"/api/v1/gap-tables/?version={version.pk}").status_code == 404
    dfe = _key_client(national[Role.DFE_ANALYST]).get("/api/v1/gap-tables/").json()
    assert version.pk in {r["version"] for r in dfe["results"]}
    provider = _key_client(home.people[Role.PROVIDER_STAFF])
    assert provider.get("/api/v1/gap-tables/").status_code == 403


def test_the_schema_documents_both_endpoints(home):
    schema = _key_client(home.people[Role.ANALYST]).get("/api/schema/?format=json")
    text = schema.content.decode()
    assert "/api/v1/strategies/" in text and "/api/v1/gap-tables/" in text
