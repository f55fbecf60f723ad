"""The market in the browser: commissioners, provider staff and social workers."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from providers.models import Application, Framework, RateCard, Setting, Vacancy
from rcc.roles import Role
from tests.personas import MARKER
from tests.providers.factories import (
    LotFactory,
    PlacementFactory,
    RoundFactory,
    SettingFactory,
    VacancyFactory,
)


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_a_commissioner_runs_a_framework_from_setup_to_rates(signed_in, home):
    boss = signed_in(home.people[Role.COMMISSIONER])
    response = boss.post(
        "/market/frameworks/new/",
        {"name": "GM homes 2027", "starts_on": "2027-04-01", "ends_on": "2031-03-31"},
    )
    framework = Framework.objects.get(name="GM homes 2027")
    assert response.url == f"/market/frameworks/{framework.pk}/"
    boss.post(
        f"/market/frameworks/{framework.pk}/lots/new/",
        {
            "name": "Homes, core",
            "placement_type": "childrens_home",
            "need_level": "core",
            "area": "Whole region",
        },
    )
    today = timezone.localdate()
    boss.post(
        f"/market/frameworks/{framework.pk}/rounds/new/",
        {"opens_on": today.isoformat(), "closes_on": (today + timedelta(days=30)).isoformat()},
    )
    lot = framework.lots.get()

    provider = signed_in(home.people[Role.PROVIDER_STAFF])
    assert "Homes, core" in provider.get("/market/portal/").content.decode()
    provider.post(f"/market/lots/{lot.pk}/apply/", {"proposed_weekly_price": "5400.00"})
    application = Application.objects.get(lot=lot)

    boss = signed_in(home.people[Role.COMMISSIONER])
    for decision in ("under_evaluation", "admitted"):
        boss.post(f"/market/applications/{application.pk}/", {"decision": decision})
    boss.post(
        f"/market/lots/{lot.pk}/rates/new/",
        {
            "provider": home.provider.pk,
            "need_level": "core",
            "weekly_price": "5350",
            "valid_from": today.isoformat(),
        },
    )
    assert RateCard.objects.get(lot=lot).weekly_price == Decimal("5350.00")

    portal = signed_in(home.people[Role.PROVIDER_STAFF]).get("/market/portal/").content.decode()
    assert "Admitted" in portal and "£5,350 a week" in portal


def test_a_refusal_without_reasons_shows_the_error_and_keeps_the_choice(signed_in, home):
    lot = LotFactory(framework__region=home.region)
    application = Application.objects.create(
        round=RoundFactory(framework=lot.framework),
        lot=lot,
        provider=home.provider,
        proposed_weekly_price=Decimal("5000"),
        status=Application.Status.UNDER_EVALUATION,
    )
    response = signed_in(home.people[Role.COMMISSIONER]).post(
        f"/market/applications/{application.pk}/", {"decision": "refused", "reason": ""}
    )
    body = response.content.decode()
    assert "There is a problem" in body and "Enter the reasons for refusing" in body
    assert 'value="refused" checked' in body
    application.refresh_from_db()
    assert application.status == Application.Status.UNDER_EVALUATION


def test_a_provider_reports_a_vacancy_a_social_worker_finds_it(signed_in, home):
    setting = SettingFactory(provider=home.provider, local_authority=home.council, name="Elm Lodge")
    provider = signed_in(home.people[Role.PROVIDER_STAFF])
    today = timezone.localdate().isoformat()
    response = provider.post(
        "/market/portal/vacancies/new/",
        {"setting": setting.pk, "places": 1, "available_from": today, "age_min": 12, "age_max": 17},
    )
    assert response.status_code == 302
    worker = signed_in(home.people[Role.SOCIAL_WORKER])
    found = worker.get("/market/vacancies/?age=14").content.decode()
    assert "Elm Lodge" in found
    assert "Elm Lodge" not in worker.get("/market/vacancies/?age=9").content.decode()
    rows = _csv(worker.get("/market/vacancies/?age=14&format=csv"))
    assert rows[0][:3] == ["Setting", "Type", "Council"] and rows[1][0] == "Elm Lodge"


def test_a_bad_vacancy_keeps_what_was_typed(signed_in, home):
    setting = SettingFactory(provider=home.provider, local_authority=home.council)
    response = signed_in(home.people[Role.PROVIDER_STAFF]).post(
        "/market/portal/vacancies/new/",
        {
            "setting": setting.pk,
            "places": 1,
            "available_from": "2026-02-30",
            "age_min": 15,
            "age_max": 12,
            "note": "Ground floor room",
        },
    )
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Enter the free from as a real date" in body
    assert 'value="2026-02-30"' in body and 'value="Ground floor room"' in body
    assert not Vacancy.objects.exists()


def test_a_commissioner_suspends_a_setting_and_social_workers_see_it(signed_in, home):
    setting = SettingFactory(local_authority=home.council, provider=home.provider)
    boss = signed_in(home.people[Role.COMMISSIONER])
    empty = boss.post(f"/market/settings/{setting.public_id}/suspend/", {"reason": ""})
    assert "Enter the reason" in empty.content.decode()
    boss.post(f"/market/settings/{setting.public_id}/suspend/", {"reason": "Inadequate, May 2026"})
    setting.refresh_from_db()
    assert setting.status == Setting.Status.SUSPENDED
    page = signed_in(home.people[Role.SOCIAL_WORKER]).get(f"/market/settings/{setting.public_id}/")
    assert "Suspended from referrals" in page.content.decode()


def test_a_provider_edits_its_own_setting_but_not_another(signed_in, home, away):
    own = SettingFactory(provider=home.provider, local_authority=home.council)
    client = signed_in(home.people[Role.PROVIDER_STAFF])
    form = client.get(f"/market/settings/{own.public_id}/edit/")
    assert form.status_code == 200
    data = {
        "name": "Renamed House",
        "setting_type": "childrens_home",
        "local_authority": home.council.pk,
        "registered_places": 5,
        "age_min": 10,
        "age_max": 17,
        "sexes": "mixed",
        "takes_emergencies": "True",
        "takes_parent_and_child": "False",
        "takes_sibling_groups": "False",
        "takes_uasc": "False",
    }
    assert client.post(f"/market/settings/{own.public_id}/edit/", data).status_code == 302
    own.refresh_from_db()
    assert (own.name, own.registered_places, own.takes_emergencies) == ("Renamed House", 5, True)
    foreign = away.market["setting"]
    assert client.get(f"/market/settings/{foreign.public_id}/edit/").status_code == 404
    assert client.post(f"/market/settings/{foreign.public_id}/edit/", data).status_code == 404


@pytest.mark.parametrize(
    ("role", "url", "status"),
    [
        (Role.SOCIAL_WORKER, "/market/", 403),
        (Role.SOCIAL_WORKER, "/market/prices/", 403),
        (Role.SOCIAL_WORKER, "/market/settings/", 200),
        (Role.PROVIDER_STAFF, "/market/vacancies/", 403),
        (Role.PROVIDER_STAFF, "/market/prices/", 403),
        (Role.PROVIDER_STAFF, "/market/frameworks/new/", 403),
        (Role.ANALYST, "/market/frameworks/new/", 403),
        (Role.ANALYST, "/market/prices/", 200),
        (Role.PARTNER, "/market/settings/", 403),
        (Role.HUB_OFFICER, "/market/", 403),
    ],
)
def test_each_role_reaches_only_its_market_pages(signed_in, home, role, url, status):
    assert signed_in(home.people[role]).get(url).status_code == status


def test_another_regions_setting_is_not_found(signed_in, home, away):
    setting = away.market["setting"]
    for role in (Role.COMMISSIONER, Role.SOCIAL_WORKER, Role.PROVIDER_STAFF):
        response = signed_in(home.people[role]).get(f"/market/settings/{setting.public_id}/")
        assert response.status_code == 404, role


def test_a_provider_sees_another_regions_live_framework_but_no_other_providers_bids(
    signed_in, home, away
):
    client = signed_in(home.people[Role.PROVIDER_STAFF])
    lot = away.market["lot"]
    body = client.get(f"/market/lots/{lot.pk}/").content.decode()
    assert lot.name in unescape(body) and MARKER not in body
    application = away.market["application"]
    assert client.get(f"/market/applications/{application.pk}/").status_code == 404


def test_the_price_page_shows_the_regions_statistics_and_downloads_them(signed_in, home):
    setting = SettingFactory(local_authority=home.council, provider=home.provider)
    for cost in ("4000", "5000", "6000", "7000"):
        PlacementFactory(
            local_authority=home.council,
            setting=setting,
            provider=home.provider,
            agreed_weekly_cost=Decimal(cost),
        )
    client = signed_in(home.people[Role.COMMISSIONER])
    page = client.get("/market/prices/").content.decode()
    assert "£5,500" in page  # the median of 4,000 5,000 6,000 7,000
    rows = _csv(client.get("/market/prices/?format=csv"))
    header, row = rows[0], rows[1]
    assert dict(zip(header, row, strict=True))["Lower quartile"] == "£4,750"
    assert dict(zip(header, row, strict=True))["Upper quartile"] == "£6,250"


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/market/vacancies/",
        "/market/settings/",
        "/market/prices/",
        "/market/providers/",
        "/market/scrutiny/",
        "/market/",
        "/market/portal/",
    ],
)
def test_market_pages_run_a_constant_number_of_queries(signed_in, home, url):
    role = Role.PROVIDER_STAFF if "portal" in url else Role.COMMISSIONER
    client = signed_in(home.people[role])

    def grow(n: int) -> None:
        for _ in range(n):
            setting = SettingFactory(local_authority=home.council, provider=home.provider)
            VacancyFactory(setting=setting)
            PlacementFactory(local_authority=home.council, setting=setting, provider=home.provider)

    grow(2)
    _queries(client, url)  # warm the session and caches
    few = _queries(client, url)
    grow(15)
    assert _queries(client, url) == few
