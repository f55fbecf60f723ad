"""A home found for a child, in a real browser, by everyone who takes part.

Given a region with a children's home in another of its councils with a vacancy,
when a social worker refers a child, their manager approves, the commissioner sends it, the
provider offers and the social worker accepts, and the manager approves the out-of-area
placement, then the placement is on the child's record.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from placements.models import Placement, Referral
from rcc.roles import Role
from tests.e2e.conftest import sign_in
from tests.factories import PASSWORD, LocalAuthorityFactory
from tests.providers.factories import SettingFactory, VacancyFactory


def test_social_worker_finds_a_home_for_a_child(home, person):
    # Given a home in Salford, another council of the region, with a place for a teenager
    salford = LocalAuthorityFactory(name="Salford", region=home.region)
    willow = SettingFactory(
        provider=home.provider,
        local_authority=salford,
        name="Willow House",
        postcode="M5 4WT",
        age_min=8,
        age_max=17,
    )
    VacancyFactory(setting=willow, age_min=8, age_max=17, available_from=timezone.localdate())
    in_ten_days = (timezone.localdate() + timedelta(days=10)).isoformat()

    # When the social worker signs in with their second factor and adds the child
    worker = person("social worker")
    sign_in(worker, home.people[Role.SOCIAL_WORKER], PASSWORD)
    worker.click("Children", role="link", then="children", exact=True)
    worker.click("Add a child", role="link", then="add-a-child")
    worker.fill("Child ID", "BOL-001")
    worker.fill("Name", "Sam Rivers", exact=True)
    worker.fill("Date of birth", "2011-03-04")
    worker.choose("Male", exact=True)
    worker.select("Ethnicity", "White British")
    worker.select("Legal status", "C2 Full care order")
    worker.fill("Home postcode", "BL1 1AA")
    worker.click("Add child", then="child")
    assert "Sam Rivers" in worker.heading()

    # and writes a home-search referral and submits it for approval
    worker.click("Write a home-search referral", role="button", then="referral-form")
    worker.choose_in("Is this a planned or emergency home search?", "Planned")
    worker.fill("Latest start date", in_ten_days)
    worker.choose_in("Residential suitability", "Preferred")
    worker.choose_in("Foster suitability", "Unsuitable")
    worker.choose_in("Risk to the child: going missing", "High risk")
    worker.click("Save draft", then="referral-draft")
    referral_url = worker.page.url
    worker.click("Submit for approval", role="link", then="submit-referral")
    worker.click("Submit for approval", then="referral-submitted")
    assert "Awaiting approval" in worker.text()

    # Then the team manager approves it
    manager = person("team manager")
    sign_in(manager, home.people[Role.TEAM_MANAGER], PASSWORD)
    manager.visit(referral_url, "referral")
    manager.click("Approve or return", role="link", then="decide-referral")
    manager.choose("Approve", exact=True)
    manager.click("Record decision", then="referral-approved")
    assert "Approved" in manager.text()

    # and the commissioner finds it in the region's queue and sends it to the matching home
    commissioner = person("commissioner")
    sign_in(commissioner, home.people[Role.COMMISSIONER], PASSWORD)
    commissioner.click("Referrals", role="link", then="referral-queue", exact=True)
    commissioner.open_row("BOL-001", then="referral")
    commissioner.click("See matching settings and send", role="link", then="shortlist")
    assert "Willow House" in commissioner.text()
    commissioner.choose(home.provider.name)
    commissioner.click("Send the referral", then="referral-sent")

    # Provider staff see the referral without the child's identity, and offer Willow House
    provider = person("provider staff")
    sign_in(provider, home.people[Role.PROVIDER_STAFF], PASSWORD)
    provider.visit("/received/", "referrals-received")
    # (the reference comes from the row's id, which PostgreSQL does not reset between tests)
    reference = Referral.objects.get(child__case_id="BOL-001").reference
    provider.open_row(reference, then="minimised-referral")
    seen = provider.text()
    assert "Sam Rivers" not in seen and "2011" not in seen and "BOL-001" not in seen
    assert "BL1" in seen and "Going missing (high risk)" in seen
    provider.click("Offer a home", role="button", then="offer-form")
    provider.select("Setting", "Willow House")
    provider.fill("Weekly price", "5400")
    provider.fill("Start date", timezone.localdate().isoformat())
    provider.click("Send offer", then="offer-sent")

    # The social worker compares the offers and accepts Willow House
    worker.visit(referral_url, "referral-with-offers")
    worker.click("Compare offers", role="link", then="compare-offers")
    assert "Willow House" in worker.text() and "£5,400" in worker.text()
    worker.click("Accept Willow House", role="link", then="accept-offer")
    worker.click("Accept offer", then="placement-awaiting-approval")
    assert "Awaiting approval" in worker.text()

    # The manager approves the placement out of the council's area
    manager.click("Approvals", role="link", then="approvals", exact=True)
    assert "Willow House" in manager.text()
    manager.open_row("Out of the council's area", then="out-of-area-approval")
    manager.choose("Approve", exact=True)
    manager.click("Record decision", then="placement-approved")

    # Then the placement shows on the child's record
    placement = Placement.objects.get(child__case_id="BOL-001")
    assert placement.status == Placement.Status.ACTIVE
    worker.click("Children", role="link", then="children-again", exact=True)
    worker.open_row("BOL-001", then="child-record")
    record = worker.text()
    assert "Willow House" in record and "Active" in record
