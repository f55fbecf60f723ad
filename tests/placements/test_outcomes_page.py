"""The outcomes page: a region's figures for commissioners, a council's own for its staff."""

from __future__ import annotations

import csv
import io
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from placements.models import Distribution, Offer, Placement, Referral, ReferralStatusChange
from rcc.roles import Role
from tests.factories import LocalAuthorityFactory, ProviderFactory
from tests.personas import MARKER
from tests.placements.factories import ChildFactory, ReferralFactory
from tests.providers.factories import LotFactory, PlacementFactory, SettingFactory

TABLES = [
    "time-to-placement",
    "distance",
    "outside-council",
    "unplanned-endings",
    "responses",
    "decline-reasons",
    "routes",
]


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def _noon(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def _days_ago(days: int):
    return timezone.localdate() - timedelta(days=days)


def _placed_from_referral(home, *, first_submitted, resubmitted, **placement):
    """A placement made from a referral first submitted on one day and (returned and) again on
    another: the wait counts from the first."""
    child = ChildFactory(local_authority=home.council)
    referral = ReferralFactory(
        child=child,
        status=Referral.Status.PLACED,
        created_by=home.people[Role.SOCIAL_WORKER],
        submitted_at=_noon(resubmitted),
    )
    for day in (first_submitted, resubmitted):
        ReferralStatusChange.objects.create(
            referral=referral, to_status="awaiting_approval", changed_at=_noon(day)
        )
    PlacementFactory(child=child, referral=referral, local_authority=home.council, **placement)
    return referral


def _send(home, referral, *, provider=None, answered_after: timedelta | None = None):
    sent = timezone.now() - timedelta(days=5)
    return Distribution.objects.create(
        referral=referral,
        provider=provider or ProviderFactory(),
        sent_by=home.people[Role.COMMISSIONER],
        sent_at=sent,
        respond_by=sent + timedelta(days=3),
        responded_at=sent + answered_after if answered_after is not None else None,
    )


@pytest.fixture
def region(home):
    """Four placements in Greater Manchester: three of Bolton's children, one of Bury's."""
    bury = LocalAuthorityFactory(name="Bury", region=home.region)
    in_bolton = SettingFactory(local_authority=home.council, provider=home.provider)
    in_bury = SettingFactory(local_authority=bury, provider=home.provider)
    lot = LotFactory(framework__region=home.region)
    # 10 days from first submission; 5 miles; framework at 5,000; 400 days on, still going.
    first = _placed_from_referral(
        home,
        first_submitted=_days_ago(410),
        resubmitted=_days_ago(403),
        setting=in_bolton,
        provider=home.provider,
        start_date=_days_ago(400),
        miles_from_home=5.0,
        route=Placement.Route.FRAMEWORK,
        lot=lot,
        agreed_weekly_cost=Decimal("5000"),
    )
    # 20 days; 30 miles and in Bury; spot at 7,000; broke down after 100 days.
    _placed_from_referral(
        home,
        first_submitted=_days_ago(420),
        resubmitted=_days_ago(405),
        setting=in_bury,
        provider=home.provider,
        start_date=_days_ago(400),
        end_date=_days_ago(300),
        status=Placement.Status.ENDED,
        unplanned_ending=True,
        end_reason="CREQB",
        miles_from_home=30.0,
        agreed_weekly_cost=Decimal("7000"),
    )
    # Recorded without a referral: distance unknown, spot at 6,000, started last month.
    PlacementFactory(
        local_authority=home.council,
        setting=in_bolton,
        provider=home.provider,
        agreed_weekly_cost=Decimal("6000"),
    )
    # Bury's own child, 2 miles away, spot at 9,000: the region's, not Bolton's.
    PlacementFactory(
        local_authority=bury,
        setting=in_bury,
        provider=home.provider,
        miles_from_home=2.0,
        agreed_weekly_cost=Decimal("9000"),
    )
    # Not started, so never counted.
    PlacementFactory(
        local_authority=home.council,
        setting=in_bury,
        provider=home.provider,
        status=Placement.Status.AWAITING_APPROVAL,
        agreed_weekly_cost=Decimal("50000"),
    )
    # Two providers asked: one declined after 6 hours, one has not answered.
    answered = _send(home, first, provider=home.provider, answered_after=timedelta(hours=6))
    Offer.objects.create(
        referral=first, distribution=answered, status="declined", decline_reason="no_vacancy"
    )
    _send(home, first)
    return home


def test_a_commissioner_sees_the_regions_figures(signed_in, region, away):
    body = signed_in(region.people[Role.COMMISSIONER]).get("/outcomes/").content.decode()
    assert "Greater Manchester" in body
    assert "Median <strong>15 days</strong>, mean <strong>15 days</strong>" in body
    assert "(2 placements made from referrals)" in body
    assert "<strong>66.7%</strong> placed within 20 miles" in body  # 5, 30, 2 miles
    assert "of the 3 placements whose distance is known" in body
    assert "distance unknown for <strong>1</strong>" in body
    assert "<strong>25.0%</strong> placed outside" in body and "(1 of 4)" in body
    assert "<strong>50.0%</strong> of placements ended unplanned" in body  # 1 of 2 over a year
    assert "<strong>50.0%</strong> of referrals sent to providers answered" in body
    assert "median time to respond <strong>6 hours</strong>" in body
    assert "Most common: <strong>No suitable vacancy</strong>" in body
    assert (
        "<strong>25.0%</strong> through a framework at an average <strong>£5,000</strong>" in body
    )
    # (7,000 + 6,000 + 9,000) / 3
    assert "<strong>75.0%</strong> spot purchased at an average <strong>£7,333.33</strong>" in body
    assert MARKER not in body


def test_a_social_worker_sees_only_their_councils_figures(signed_in, region, away):
    body = signed_in(region.people[Role.SOCIAL_WORKER]).get("/outcomes/").content.decode()
    assert "<strong>50.0%</strong> placed within 20 miles" in body  # 5 and 30 miles
    assert "<strong>33.3%</strong> placed outside" in body and "(1 of 3)" in body
    assert "spot purchased at an average <strong>£6,500</strong>" in body
    assert "Bury" not in body and MARKER not in body


def test_another_regions_data_never_counts(signed_in, home, away):
    # Away has a started placement, a distribution answered with an offer, and a decline.
    journey = away.journey
    Offer.objects.create(
        referral=journey["referral"],
        distribution=journey["distribution"],
        status="declined",
        decline_reason="staffing",
    )
    client = signed_in(home.people[Role.COMMISSIONER])
    body = client.get("/outcomes/").content.decode()
    assert body.count("No placements have started yet.") == 4
    assert "No referrals have been sent to providers yet." in body
    assert "No provider has declined a referral yet." in body
    assert MARKER not in body
    for name in TABLES:
        assert len(_csv(client.get(f"/outcomes/?format={name}"))) == 1, name  # the header
    # The same records do count for their own region's commissioner.
    theirs = signed_in(away.people[Role.COMMISSIONER]).get("/outcomes/").content.decode()
    assert "<strong>100.0%</strong> through a framework" in theirs
    assert "Most common: <strong>Staffing</strong>" in theirs


def test_each_table_downloads_as_csv(signed_in, region):
    client = signed_in(region.people[Role.COMMISSIONER])
    for name in TABLES:
        response = client.get(f"/outcomes/?format={name}")
        assert response["Content-Type"] == "text/csv", name
        assert f'filename="outcomes-{name}.csv"' in response["Content-Disposition"]
    distance = _csv(client.get("/outcomes/?format=distance"))
    assert distance == [
        ["Council", "Placements", "Within 20 miles", "Over 20 miles", "Distance unknown",
         "Share within 20 miles"],
        ["Bolton", "3", "1", "1", "1", "50.0%"],
        ["Bury", "1", "1", "0", "0", "100.0%"],
        ["All of Greater Manchester", "4", "2", "1", "1", "66.7%"],
    ]  # fmt: skip
    times = _csv(client.get("/outcomes/?format=time-to-placement"))
    assert times[1] == ["Bolton", "2", "15", "15"]
    responses = _csv(client.get("/outcomes/?format=responses"))
    assert responses[1:] == [
        ["Greater Manchester Care Ltd", "1", "1", "100.0%", "6"],
        [responses[2][0], "1", "0", "0.0%", ""],
        ["All of Greater Manchester", "2", "1", "50.0%", "6"],
    ]
    assert _csv(client.get("/outcomes/?format=decline-reasons"))[1:] == [
        ["No suitable vacancy", "1", "100.0%"]
    ]
    assert _csv(client.get("/outcomes/?format=routes"))[1:] == [
        ["Framework", "1", "25.0%", "£5,000"],
        ["Spot purchase", "3", "75.0%", "£7,333.33"],
    ]


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.COMMISSIONER])
def test_case_roles_reach_the_page(signed_in, home, role):
    assert signed_in(home.people[role]).get("/outcomes/").status_code == 200


@pytest.mark.parametrize(
    "role",
    [
        Role.ANALYST,
        Role.PROVIDER_STAFF,
        Role.HUB_OFFICER,
        Role.PARTNER,
        Role.DFE_ANALYST,
        Role.PLATFORM_ADMIN,
    ],
)
def test_roles_without_the_referral_queue_are_refused(signed_in, home, national, role):
    client = signed_in(national.get(role) or home.people[role])
    assert client.get("/outcomes/").status_code == 403
    assert client.get("/outcomes/?format=distance").status_code == 403


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("url", ["/outcomes/", "/outcomes/?format=responses"])
def test_the_outcomes_page_runs_a_constant_number_of_queries(signed_in, region, url):
    client = signed_in(region.people[Role.COMMISSIONER])
    setting = SettingFactory(local_authority=region.council, provider=region.provider)

    def grow(n: int) -> None:
        for _ in range(n):
            referral = _placed_from_referral(
                region,
                first_submitted=_days_ago(40),
                resubmitted=_days_ago(35),
                setting=setting,
                provider=region.provider,
                miles_from_home=12.0,
            )
            distribution = _send(region, referral, answered_after=timedelta(hours=2))
            Offer.objects.create(
                referral=referral,
                distribution=distribution,
                status="declined",
                decline_reason="needs",
            )

    grow(2)
    _queries(client, url)  # warm the session and caches
    few = _queries(client, url)
    grow(15)
    assert _queries(client, url) == few


def test_the_offer_comparison_runs_a_constant_number_of_queries(signed_in, home):
    referral = ReferralFactory(
        child=ChildFactory(local_authority=home.council),
        status=Referral.Status.OFFERS_RECEIVED,
        created_by=home.people[Role.SOCIAL_WORKER],
    )
    url = f"/referrals/{referral.public_id}/offers/"
    client = signed_in(home.people[Role.COMMISSIONER])

    def grow(n: int) -> None:
        for _ in range(n):
            provider = ProviderFactory()
            setting = SettingFactory(local_authority=home.council, provider=provider)
            Offer.objects.create(
                referral=referral,
                distribution=_send(home, referral, provider=provider, answered_after=timedelta(1)),
                setting=setting,
                weekly_price=Decimal("5400"),
                extras=[{"item": "1:1 support", "weekly": 800}],
                start_date=timezone.localdate() + timedelta(days=7),
            )

    grow(1)
    _queries(client, url)  # warm the session and caches
    few = _queries(client, url)
    grow(8)
    assert _queries(client, url) == few
    assert client.get(url).content.decode().count("Negotiate<span") == 9
