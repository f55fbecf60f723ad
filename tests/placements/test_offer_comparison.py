"""The offer comparison flags offers above the rate card or the regional median (by how much),
and a spot purchase offered where a framework offer for the same child exists."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from placements.models import Distribution, Offer, Referral
from rcc.roles import Role
from tests.factories import ProviderFactory
from tests.placements.factories import ChildFactory, ReferralFactory
from tests.providers.factories import PlacementFactory, SettingFactory, make_market


@pytest.fixture
def referral(home):
    return ReferralFactory(
        child=ChildFactory(local_authority=home.council),
        status=Referral.Status.OFFERS_RECEIVED,
        created_by=home.people[Role.SOCIAL_WORKER],
    )


@pytest.fixture
def market(home):
    """Home's provider is on the framework at a rate of £5,050; children's homes in the region
    currently cost £5,050 and £4,950 a week, so the regional median is £5,000."""
    market = make_market(home)
    PlacementFactory(
        local_authority=home.council,
        setting=market["setting"],
        provider=home.provider,
        agreed_weekly_cost=Decimal("4950"),
    )
    return market


def _offer(home, referral, setting, price: str) -> Offer:
    return Offer.objects.create(
        referral=referral,
        distribution=Distribution.objects.create(
            referral=referral,
            provider=setting.provider,
            sent_by=home.people[Role.COMMISSIONER],
            respond_by=timezone.now() + timedelta(days=3),
        ),
        setting=setting,
        weekly_price=Decimal(price),
        start_date=timezone.localdate() + timedelta(days=7),
    )


def _cells(page: str, setting_name: str) -> str:
    """The text of the comparison's row for one setting."""
    row = re.search(
        rf"<tr class=\"govuk-table__row\">(?:(?!</tr>).)*{setting_name}.*?</tr>", page, re.S
    )
    assert row, setting_name
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row.group(0)))


def test_an_offer_above_the_rate_card_and_the_median_is_flagged_by_how_much(
    signed_in, home, referral, market
):
    _offer(home, referral, market["setting"], "5300")
    page = signed_in(home.people[Role.COMMISSIONER]).get(f"/referrals/{referral.public_id}/offers/")
    row = _cells(page.content.decode(), market["setting"].name)
    assert "Framework" in row
    assert "£250 (5.0%) above the rate card" in row
    assert "£300 (6.0%) above the regional median" in row
    assert "Spot purchase: a framework offer" not in row
    assert "1 offer is above the rate card or the regional median" in page.content.decode()


def test_a_spot_offer_is_flagged_where_a_framework_offer_exists(signed_in, home, referral, market):
    _offer(home, referral, market["setting"], "5000")
    spot = SettingFactory(
        local_authority=home.council, provider=ProviderFactory(), name="Elm Lodge"
    )
    _offer(home, referral, spot, "4800")
    page = (
        signed_in(home.people[Role.SOCIAL_WORKER])
        .get(f"/referrals/{referral.public_id}/offers/")
        .content.decode()
    )
    spot_row = _cells(page, "Elm Lodge")
    framework_row = _cells(page, market["setting"].name)
    assert "Spot purchase: a framework offer for this child exists" in spot_row
    assert "above" not in spot_row  # £4,800 is under the median; a spot offer has no rate card
    assert "above" not in framework_row and "Spot purchase" not in framework_row
    assert "1 offer is above" in page


def test_offers_within_their_benchmarks_and_spot_offers_alone_are_not_flagged(
    signed_in, home, referral, market
):
    market["application"].delete()  # no framework offer any more: both are spot purchases
    _offer(home, referral, market["setting"], "4900")
    spot = SettingFactory(
        local_authority=home.council, provider=ProviderFactory(), name="Elm Lodge"
    )
    _offer(home, referral, spot, "5000")
    page = (
        signed_in(home.people[Role.COMMISSIONER])
        .get(f"/referrals/{referral.public_id}/offers/")
        .content.decode()
    )
    assert "govuk-tag--orange" not in page
    assert "govuk-warning-text" not in page
    assert page.count("Spot purchase") == 2  # each named as one, neither flagged
