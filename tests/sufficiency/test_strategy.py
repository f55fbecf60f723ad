"""The strategy journey: gap analysis, a project, a draft, approval, publication, the public
page and its PDF; frozen versions; exactly-once publication; who may see drafts."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.test import Client
from django.utils import timezone

from rcc.models import AuditEvent
from rcc.roles import Role
from rcc.services import ServiceError
from sufficiency.models.forecast import ALL, ForecastFigure, ForecastRun
from sufficiency.models.strategy import ApprovalDecision, StrategyVersion
from sufficiency.services import strategy as services_strategy
from tests.personas import sign_in
from tests.providers.factories import SettingFactory

PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
MEANS = {"residential": 9.0, "fostering_other": 30.0, "supported": 2.0}


def _forecast(tenant) -> ForecastRun:
    """A finished forecast: each category's mean now, +10% in 12 months, +20% in 24."""
    run = ForecastRun.objects.create(
        region=tenant.region, as_of=timezone.localdate(), status=ForecastRun.Status.DONE
    )
    ForecastFigure.objects.bulk_create(
        ForecastFigure(
            run=run, week=week, date=run.as_of + timedelta(weeks=week), age_band=ALL,
            category=category, mean=mean * (1 + week / 520), lower80=0, upper80=0, lower95=0,
            upper95=0,
        )
        for week in (0, 52, 104)
        for category, mean in MEANS.items()
    )  # fmt: skip
    return run


@pytest.fixture
def region_with_data(home):
    _forecast(home)
    SettingFactory(local_authority=home.council, registered_places=5, provider=home.provider)
    return home


def _main(response) -> str:
    """The page's main content (the page around it carries a fresh nonce each time)."""
    body = response.content.decode()
    return body[body.index("<main") : body.index("</main>")]


def _client(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def _publish(tenant, sections=None) -> StrategyVersion:
    analyst, commissioner = tenant.people[Role.ANALYST], tenant.people[Role.COMMISSIONER]
    draft = services_strategy.create_strategy(
        region=tenant.region, title="Sufficiency strategy", period="2026 to 2029", actor=analyst
    )
    services_strategy.save_sections(
        version=draft,
        sections=sections or {"context": "Where children live.", "gaps": "Too few homes."},
        summary="Build small homes near Bolton.",
        actor=analyst,
    )
    draft.refresh_from_db()
    services_strategy.submit_version(version=draft, actor=analyst)
    return services_strategy.approve_version(version=draft, comment="", actor=commissioner)


def test_the_journey_in_pages(region_with_data):
    home = region_with_data
    analyst = _client(home.people[Role.ANALYST])
    page = analyst.get("/sufficiency/gaps/")
    assert page.status_code == 200
    assert "Gap in 12 months" in page.content.decode()
    cell = analyst.get(
        "/sufficiency/gaps/cell/", {"area": "All councils", "category": "residential"}
    )
    assert cell.status_code == 200 and "Active settings counted (1)" in cell.content.decode()

    response = analyst.post(
        "/sufficiency/projects/new/",
        {
            "name": "Bolton two-bed home",
            "category": "residential",
            "need_level": "complex",
            "provision_type": "childrens_home",
            "places": "2",
            "local_authority": home.council.pk,
            "capital_cost": "650000",
            "annual_revenue_cost": "900000",
            "expected_open_on": (timezone.localdate() + timedelta(days=120)).isoformat(),
        },
    )
    assert response.status_code == 302
    project_url = response["Location"]
    response = analyst.post(
        project_url + "stage/", {"stage": "approved", "stage_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 302
    assert "Bolton two-bed home" in analyst.get("/sufficiency/gaps/").content.decode()

    response = analyst.post(
        "/sufficiency/strategies/new/",
        {"title": "GM sufficiency strategy", "period": "2026 to 2029"},
    )
    version_url = response["Location"]
    fields = {k: "" for k in ("context", "demand", "supply", "gaps", "actions", "market")}
    analyst.post(
        version_url + "edit/", {**fields, "context": "Our region.", "market_summary": "Hi"}
    )
    assert analyst.post(version_url + "send/").status_code == 302

    commissioner = _client(home.people[Role.COMMISSIONER])
    response = commissioner.post(version_url + "decide/", {"decision": "approve", "comment": ""})
    assert response.status_code == 302
    version = StrategyVersion.objects.get()
    assert version.is_published and version.number == 1

    public = Client()
    latest = public.get(f"/strategy/{home.region.slug}/")
    body = latest.content.decode()
    assert latest.status_code == 200
    assert "Our region." in body and "Bolton two-bed home" in body and "<svg" in body
    pdf = public.get(f"/strategy/{home.region.slug}/{version.strategy_id}/v1/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    market = public.get(f"/strategy/{home.region.slug}/{version.strategy_id}/v1/market-position/")
    assert market.status_code == 200 and "Hi" in market.content.decode()
    csv_file = public.get(f"/strategy/{home.region.slug}/{version.strategy_id}/v1/?format=gaps-csv")
    assert b"".join(csv_file.streaming_content).decode().startswith("area,category,demand_now")


def test_returning_needs_a_comment_and_reopens_the_draft(region_with_data):
    home = region_with_data
    analyst, commissioner = home.people[Role.ANALYST], home.people[Role.COMMISSIONER]
    draft = services_strategy.create_strategy(
        region=home.region, title="S", period="2026", actor=analyst
    )
    with pytest.raises(ServiceError):
        services_strategy.submit_version(version=draft, actor=analyst)  # nothing written
    services_strategy.save_sections(
        version=draft, sections={"context": "x"}, summary="", actor=analyst
    )
    draft.refresh_from_db()
    services_strategy.submit_version(version=draft, actor=analyst)
    with pytest.raises(ServiceError):
        services_strategy.save_sections(
            version=draft, sections={"context": "y"}, summary="", actor=analyst
        )
    with pytest.raises(ServiceError):
        services_strategy.return_version(version=draft, comment=" ", actor=commissioner)
    services_strategy.return_version(version=draft, comment="Add prices", actor=commissioner)
    draft.refresh_from_db()
    assert draft.status == StrategyVersion.Status.RETURNED and draft.number is None
    decisions = list(draft.decisions.values_list("decision", "comment"))
    assert decisions == [("submitted", ""), ("returned", "Add prices")]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"strategy.created", "strategy.submitted", "strategy.returned"} <= actions


def test_a_version_is_published_exactly_once(region_with_data):
    home = region_with_data
    version = _publish(home)
    with pytest.raises(ServiceError):
        services_strategy.approve_version(
            version=version, comment="", actor=home.people[Role.COMMISSIONER]
        )
    assert StrategyVersion.objects.published().count() == 1
    assert ApprovalDecision.objects.filter(decision="approved").count() == 1
    assert AuditEvent.objects.filter(action="strategy.published").count() == 1
    with pytest.raises(ValueError, match="cannot change"):
        version.sections = {"context": "rewritten"}
        version.save()


def test_the_database_refuses_a_second_version_with_the_same_number(region_with_data):
    version = _publish(region_with_data)
    with pytest.raises(IntegrityError):
        StrategyVersion.objects.create(
            strategy=version.strategy, number=1, status="published", published_at=timezone.now()
        )


def test_the_second_version_numbers_on_and_says_what_changed(region_with_data):
    home = region_with_data
    first = _publish(home)
    analyst = home.people[Role.ANALYST]
    SettingFactory(local_authority=home.council, registered_places=3, provider=home.provider)
    draft = services_strategy.start_new_version(strategy=first.strategy, actor=analyst)
    with pytest.raises(ServiceError):  # one draft at a time
        services_strategy.start_new_version(strategy=first.strategy, actor=analyst)
    services_strategy.save_sections(
        version=draft, sections={"gaps": "Fewer gaps."}, summary="", actor=analyst
    )
    draft.refresh_from_db()
    services_strategy.submit_version(version=draft, actor=analyst)
    second = services_strategy.approve_version(
        version=draft, comment="", actor=home.people[Role.COMMISSIONER]
    )
    assert second.number == 2
    assert second.changes["sections"] == ["gaps"]
    moved = {(c["area"], c["field"]) for c in second.changes["figures"]}
    assert (home.council.name, "places") in moved
    page = Client().get(f"/strategy/{home.region.slug}/{first.strategy_id}/v2/").content.decode()
    assert "What changed since the previous version" in page


def test_a_published_version_is_unchanged_when_the_data_moves(region_with_data):
    home = region_with_data
    version = _publish(home)
    url = f"/strategy/{home.region.slug}/{version.strategy_id}/v1/"
    before_figures = StrategyVersion.objects.get(pk=version.pk).figures
    before_page = _main(Client().get(url))

    SettingFactory(local_authority=home.council, registered_places=40, provider=home.provider)
    _forecast_later = ForecastRun.objects.create(
        region=home.region, as_of=timezone.localdate() + timedelta(days=1), status="done"
    )
    ForecastFigure.objects.create(
        run=_forecast_later, week=52, date=timezone.localdate(), age_band=ALL,
        category="residential", mean=500, lower80=0, upper80=0, lower95=0, upper95=0,
    )  # fmt: skip
    from django.core.cache import cache

    cache.clear()  # the page is not merely served from the cache
    assert StrategyVersion.objects.get(pk=version.pk).figures == before_figures
    assert _main(Client().get(url)) == before_page
    live = _client(home.people[Role.ANALYST]).get("/sufficiency/gaps/?format=csv")
    assert "500.0" in b"".join(live.streaming_content).decode()  # the live table did move


@pytest.mark.skipif(shutil.which("pdftotext") is None and not __import__("os").environ.get("CI"),
                    reason="needs poppler-utils (CI installs it)")  # fmt: skip
def test_the_pdf_carries_the_same_numbers_as_the_page(region_with_data, tmp_path):
    home = region_with_data
    version = _publish(home)
    base = f"/strategy/{home.region.slug}/{version.strategy_id}/v1/"
    pdf = Client().get(base + "pdf/").content
    (tmp_path / "s.pdf").write_bytes(pdf)
    text = subprocess.run(
        [PDFTOTEXT, "-layout", str(tmp_path / "s.pdf"), "-"], capture_output=True, text=True,
        check=True,
    ).stdout  # fmt: skip
    page = Client().get(base).content.decode()
    region_rows = [r for r in version.figures["gaps"] if r["area"] == "All councils"]
    assert region_rows
    for row in region_rows:
        for figure in (f"{row['demand_12']:,.0f}", f"{row['places']:,}", f"{row['gap_12']:+,.0f}"):
            assert figure in page
            assert figure in text
    assert "Where children live." in text and "Page 1 of" in text
    assert "Gaps by council and placement category" in text


def test_drafts_are_for_the_regions_analysts_and_commissioners_only(region_with_data, away):
    home = region_with_data
    draft = services_strategy.create_strategy(
        region=home.region, title="Secret draft", period="2026", actor=home.people[Role.ANALYST]
    )
    url = f"/sufficiency/versions/{draft.pk}/"
    assert _client(home.people[Role.COMMISSIONER]).get(url).status_code == 200
    for person in (away.people[Role.ANALYST], away.people[Role.COMMISSIONER]):
        assert _client(person).get(url).status_code == 404
    for role in (Role.SOCIAL_WORKER, Role.PROVIDER_STAFF, Role.PARTNER, Role.HUB_OFFICER):
        assert _client(home.people[role]).get(url).status_code == 403
    assert Client().get(url).status_code == 302  # to sign in
    assert Client().get(f"/strategy/{home.region.slug}/").status_code == 404  # nothing published


def test_only_commissioners_decide_and_only_analysts_draft(region_with_data):
    home = region_with_data
    draft = services_strategy.create_strategy(
        region=home.region, title="S", period="2026", actor=home.people[Role.ANALYST]
    )
    analyst = _client(home.people[Role.ANALYST])
    assert analyst.get(f"/sufficiency/versions/{draft.pk}/decide/").status_code == 403
    commissioner = _client(home.people[Role.COMMISSIONER])
    assert commissioner.get(f"/sufficiency/versions/{draft.pk}/edit/").status_code == 403


def test_main_pages_take_a_constant_number_of_queries(
    region_with_data, django_assert_max_num_queries
):
    home = region_with_data
    version = _publish(home)
    analyst = _client(home.people[Role.ANALYST])
    public = f"/strategy/{home.region.slug}/{version.strategy_id}/v1/"
    counts = {}
    for url in (
        "/sufficiency/gaps/",
        public,
        f"/sufficiency/versions/{version.pk}/",
        "/sufficiency/measures/",
    ):
        with django_assert_max_num_queries(40) as captured:
            analyst.get(url)
        counts[url] = len(captured)
    for _ in range(5):  # more settings, projects and placements: the same number of queries
        SettingFactory(local_authority=home.council, provider=home.provider)
    from django.core.cache import cache

    cache.clear()
    for url, count in counts.items():
        with django_assert_max_num_queries(count):
            analyst.get(url)


def test_the_dashboard_shows_the_headline_measures_and_overdue_actions(region_with_data):
    from tests.placements.factories import ChildFactory
    from tests.providers.factories import PlacementFactory

    home = region_with_data
    setting = SettingFactory(local_authority=home.council, provider=home.provider)
    for miles in (5.0, 30.0):
        PlacementFactory(
            child=ChildFactory(local_authority=home.council),
            local_authority=home.council,
            setting=setting,
            provider=home.provider,
            miles_from_home=miles,
            start_date=timezone.localdate() - timedelta(days=500),
        )
    version = _publish(home)
    services_strategy.add_action(
        strategy=version.strategy,
        data={"title": "Late", "owner": "Head", "due_on": timezone.localdate() - timedelta(days=3)},
        actor=home.people[Role.ANALYST],
    )
    page = _client(home.people[Role.COMMISSIONER]).get("/").content.decode()
    assert "Children placed within 20 miles of home: 50.0%" in page
    assert "Children in residential care: 100.0%" in page
    assert "a year before: 50.0%" in page
    assert "Open strategy actions overdue: 1" in page


def test_every_table_has_its_csv(region_with_data):
    home = region_with_data
    version = _publish(home)
    analyst = _client(home.people[Role.ANALYST])
    public = Client()
    base = f"/strategy/{home.region.slug}/{version.strategy_id}/v1/"
    for fmt in ("gaps-csv", "pipeline-csv", "measures-csv", "needs-csv", "actions-csv",
                "market-csv", "prices-csv"):  # fmt: skip
        for client, url in ((public, base), (analyst, f"/sufficiency/versions/{version.pk}/")):
            response = client.get(url, {"format": fmt})
            assert response["Content-Type"] == "text/csv", (url, fmt)
            assert f"format={fmt}" in client.get(url).content.decode()
    for url in (
        "/sufficiency/gaps/?format=csv",
        "/sufficiency/gaps/?format=needs-csv",
        "/sufficiency/gaps/?format=pipeline-csv",
        "/sufficiency/projects/?format=csv",
        "/sufficiency/strategies/?format=csv",
        "/sufficiency/measures/?format=csv",
        "/sufficiency/gaps/cell/?area=All+councils&category=residential&format=csv",
    ):
        assert analyst.get(url)["Content-Type"] == "text/csv", url


@pytest.mark.django_db(transaction=True)
def test_two_commissioners_approving_at_once_publish_once(postgres_only, home):
    import threading

    from django.db import close_old_connections

    _forecast(home)
    analyst = home.people[Role.ANALYST]
    draft = services_strategy.create_strategy(
        region=home.region, title="S", period="2026", actor=analyst
    )
    services_strategy.save_sections(
        version=draft, sections={"context": "x"}, summary="", actor=analyst
    )
    draft.refresh_from_db()
    services_strategy.submit_version(version=draft, actor=analyst)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def approve() -> None:
        try:
            stale = StrategyVersion.objects.select_related("strategy__region").get(pk=draft.pk)
            barrier.wait()
            services_strategy.approve_version(
                version=stale, comment="", actor=home.people[Role.COMMISSIONER]
            )
            outcomes.append("published")
        except ServiceError:
            outcomes.append("refused")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=approve) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["published", "refused"]
    assert StrategyVersion.objects.published().count() == 1
    assert ApprovalDecision.objects.filter(decision="approved").count() == 1
    assert AuditEvent.objects.filter(action="strategy.published").count() == 1


def test_postgresql_refuses_to_change_a_published_version(postgres_only, region_with_data):
    from django.db import DatabaseError, transaction

    from sufficiency.models.strategy import MarketPositionStatement

    version = _publish(region_with_data)
    for change in (
        lambda: StrategyVersion.objects.filter(pk=version.pk).update(sections={}),
        lambda: StrategyVersion.objects.filter(pk=version.pk).delete(),
        lambda: MarketPositionStatement.objects.filter(version=version).update(summary="x"),
        lambda: ApprovalDecision.objects.filter(version=version).update(comment="x"),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            change()
    assert StrategyVersion.objects.get(pk=version.pk).sections == version.sections
