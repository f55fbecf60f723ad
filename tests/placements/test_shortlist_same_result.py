"""The faster shortlist (issue 19) gives what the one before it gave, on the demo's generated
data: every referral of the demo, as the commissioner of its region sees it."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from placements.selectors import referrals as selectors
from rcc.models import User
from tests.placements import shortlist_reference as reference

COMMISSIONERS = ["commissioner.gm@demo.rcc.example", "commissioner.se@demo.rcc.example"]


@pytest.fixture
def demo(settings, db):
    settings.DEMO_MODE = True
    call_command("seed_demo", "--seed", "3", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_every_demo_referral_gets_the_same_shortlist_as_before(demo):
    compared = matched = excluded = 0
    for email in COMMISSIONERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            continue
        for queued in selectors.referral_queue(user):
            referral = selectors.referral_detail(user, queued.public_id)
            now = selectors.shortlist(user, referral)
            before = reference.shortlist(user, referral)
            assert reference.same(now, before), referral.reference
            compared += 1
            matched += len(now[0].matches)
            excluded += len(now[0].exclusions)
    # The comparison is worth something only if the data gave both matches and exclusions.
    assert compared >= 20 and matched > 0 and excluded > 0


def test_the_shortlist_takes_as_many_queries_as_before(demo):
    user = User.objects.get(email=COMMISSIONERS[0])
    referral = selectors.referral_detail(user, selectors.referral_queue(user)[0].public_id)
    with CaptureQueriesContext(connection) as now:
        selectors.shortlist(user, referral)
    with CaptureQueriesContext(connection) as before:
        reference.shortlist(user, referral)
    assert len(now) == len(before) == 8
