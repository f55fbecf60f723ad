"""Each role's dashboard lists what needs its action, and nothing of another council."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from rcc.roles import Role
from tests.placements.factories import ReferralFactory


def _referral(home, status):
    return ReferralFactory(
        child__local_authority=home.council,
        status=status,
        created_by=home.people[Role.SOCIAL_WORKER],
    )


def test_the_social_worker_sees_offers_to_compare(signed_in, home, away):
    referral = _referral(home, "offers_received")
    body = signed_in(home.people[Role.SOCIAL_WORKER]).get("/").content.decode()
    assert referral.reference in body
    assert away.journey["referral"].reference not in body


def test_the_team_manager_sees_referrals_and_placements_to_approve(signed_in, home):
    referral = _referral(home, "awaiting_approval")
    body = signed_in(home.people[Role.TEAM_MANAGER]).get("/").content.decode()
    assert referral.reference in body
    assert "Placements waiting for your approval" in body


def test_the_commissioner_sees_approved_referrals_to_send(signed_in, home):
    referral = _referral(home, "approved")
    body = signed_in(home.people[Role.COMMISSIONER]).get("/").content.decode()
    assert referral.reference in body


def test_the_provider_sees_referrals_waiting_for_its_response(signed_in, home):
    referral = _referral(home, "sent")
    referral.distributions.create(
        provider=home.provider,
        sent_by=home.people[Role.COMMISSIONER],
        respond_by=timezone.now() + timedelta(days=1),
    )
    body = signed_in(home.people[Role.PROVIDER_STAFF]).get("/").content.decode()
    assert f"Referral {referral.reference}" in body
    assert referral.child.name not in body
