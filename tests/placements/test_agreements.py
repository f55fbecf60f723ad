"""The Individual Placement Agreement: version 1 at acceptance, new versions, confirmations by
both sides, actual costs, its pages and PDF (ADR 0020)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from placements.models import AgreementVersion, Placement
from placements.services import agreements as services
from placements.services import offers as offer_services
from rcc.models import AuditEvent
from rcc.roles import Role
from rcc.services import ServiceError
from tests.placements.factories import ChildFactory, ReferralFactory
from tests.providers.factories import SettingFactory


def _accepted(home, *, price="4000", extras=()):
    setting = SettingFactory(provider=home.provider, local_authority=home.council)
    child = ChildFactory(local_authority=home.council)
    referral = ReferralFactory(
        child=child, status="offers_received", created_by=home.people[Role.SOCIAL_WORKER]
    )
    distribution = referral.distributions.create(
        provider=home.provider,
        sent_by=home.people[Role.COMMISSIONER],
        respond_by=timezone.now() + timedelta(days=1),
    )
    offer = offer_services.make_offer(
        actor=None,
        distribution=distribution,
        setting=setting,
        vacancy=None,
        weekly_price=Decimal(price),
        extras=list(extras),
        start_date=timezone.localdate(),
    )
    return offer_services.accept_offer(actor=home.people[Role.SOCIAL_WORKER], offer=offer)


def _change(home, placement, **overrides):
    today = timezone.localdate()
    data = {
        "core_cost": Decimal("4000"),
        "additional_support_cost": Decimal("500"),
        "education_cost": Decimal("300"),
        "other_cost": Decimal("0"),
        "total_agreed_weekly_cost": Decimal("4800"),
        "core_payer": "social_care",
        "additional_support_payer": "health",
        "education_payer": "education",
        "other_payer": "social_care",
        "extras": [],
        "start_date": today,
        "review_date": today + timedelta(days=28),
        "second_review_date": None,
        "reason": "Therapy and a tutor agreed at the review",
    }
    data.update(overrides)
    return services.change_agreement(
        actor=home.people[Role.SOCIAL_WORKER], agreement=placement.agreement, **data
    )


def test_accepting_an_offer_makes_version_1_with_the_price_as_core(home):
    placement = _accepted(home, extras=[{"item": "Therapy", "weekly": "350"}])
    version = placement.agreement.versions.get()
    assert version.number == 1
    assert version.core_cost == Decimal("4000")
    assert version.additional_support_cost == Decimal("350")
    assert version.total_agreed_weekly_cost == placement.agreed_weekly_cost == Decimal("4350")
    assert version.core_payer == "social_care"
    assert AuditEvent.objects.filter(action="agreement.started").count() == 1


def test_a_change_is_version_2_and_clears_the_confirmations(home):
    placement = _accepted(home)
    v1 = placement.agreement.versions.get()
    services.confirm_version(actor=home.people[Role.SOCIAL_WORKER], version=v1)
    services.confirm_version(actor=home.people[Role.PROVIDER_STAFF], version=v1)
    v2 = _change(home, placement)
    assert v2.number == 2 and not v2.confirmations.exists()
    assert v1.confirmations.count() == 2  # the old version keeps its own
    placement.refresh_from_db()
    assert placement.agreed_weekly_cost == Decimal("4800")  # what 903 and forecasts read
    assert AuditEvent.objects.filter(action="agreement.changed").count() == 1
    with pytest.raises(ServiceError):
        services.confirm_version(actor=home.people[Role.PROVIDER_STAFF], version=v1)


def test_the_parts_must_add_up_and_a_reason_is_needed(home):
    placement = _accepted(home)
    with pytest.raises(ServiceError):
        _change(home, placement, total_agreed_weekly_cost=Decimal("5000"))
    with pytest.raises(ServiceError):
        _change(home, placement, reason=" ")
    assert placement.agreement.versions.count() == 1


def test_the_database_holds_each_version_number_once(home):
    placement = _accepted(home)
    v1 = placement.agreement.versions.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        v1.pk = None
        v1.save()


def test_each_side_confirms_once_and_only_its_own(home, away):
    placement = _accepted(home)
    v1 = placement.agreement.versions.get()
    services.confirm_version(actor=home.people[Role.PROVIDER_STAFF], version=v1)
    with pytest.raises(ServiceError):
        services.confirm_version(actor=home.people[Role.PROVIDER_STAFF], version=v1)
    with pytest.raises(ServiceError):
        services.confirm_version(actor=away.people[Role.SOCIAL_WORKER], version=v1)
    with pytest.raises(ServiceError):
        services.confirm_version(actor=home.people[Role.ANALYST], version=v1)
    assert AuditEvent.objects.filter(action="agreement.confirmed").count() == 1


def test_the_page_says_who_must_confirm_and_both_sides_confirm_there(signed_in, home):
    placement = _accepted(home)
    url = f"/placements/{placement.public_id}/agreement/"
    worker = signed_in(home.people[Role.SOCIAL_WORKER])
    page = worker.get(url).content.decode()
    assert "Waiting for the council and the provider to confirm version 1" in page
    worker.post(f"{url}confirm/", {"version": "1"})
    assert "Waiting for the provider to confirm version 1" in worker.get(url).content.decode()
    provider = signed_in(home.people[Role.PROVIDER_STAFF])
    assert placement.setting.name in provider.get("/agreements/").content.decode()
    home_page = provider.get("/", follow=True).content.decode()
    assert "Waiting for you to confirm version 1" in home_page
    provider.post(f"{url}confirm/", {"version": "1"})
    page = provider.get(url).content.decode()
    assert "Version 1 is confirmed by the council and the provider" in page
    _change(home, placement)
    page = provider.get(url).content.decode()
    assert "Waiting for the council and the provider to confirm version 2" in page


def test_a_bad_edit_keeps_what_was_typed_and_saves_nothing(signed_in, home):
    placement = _accepted(home)
    worker = signed_in(home.people[Role.SOCIAL_WORKER])
    today = timezone.localdate()
    form = {
        "total_agreed_weekly_cost": "5000",
        "core_cost": "4000",
        "core_payer": "social_care",
        "additional_support_cost": "123.45",
        "additional_support_payer": "health",
        "education_cost": "0",
        "education_payer": "education",
        "other_cost": "0",
        "other_payer": "social_care",
        "extras": "Taxi to school: 120: 2027-07-20",
        "start_date": today.isoformat(),
        "review_date": (today + timedelta(days=28)).isoformat(),
        "reason": "Therapy",
    }
    url = f"/placements/{placement.public_id}/agreement/edit/"
    page = worker.post(url, form).content.decode()
    assert "govuk-error-summary" in page and "123.45" in page and "Taxi to school" in page
    assert placement.agreement.versions.count() == 1
    form["total_agreed_weekly_cost"] = "4123.45"
    assert worker.post(url, form).status_code == 302
    version = placement.agreement.versions.first()
    assert version.number == 2 and version.extras[0]["end_date"] == "2027-07-20"
    # The provider cannot change it.
    provider = signed_in(home.people[Role.PROVIDER_STAFF])
    assert provider.post(url, form).status_code == 403


def test_an_actual_cost_shows_the_difference(signed_in, home):
    placement = _accepted(home)
    worker = signed_in(home.people[Role.SOCIAL_WORKER])
    today = timezone.localdate()
    url = f"/placements/{placement.public_id}/agreement/"
    reply = worker.post(
        f"{url}actual-cost/",
        {
            "actual_weekly_cost": "4250",
            "period_start": today.isoformat(),
            "period_end": (today + timedelta(days=27)).isoformat(),
            "reason": "Invoices included extra staffing",
        },
    )
    assert reply.status_code == 302
    page = worker.get(url).content.decode()
    assert "+£250" in page
    placement.refresh_from_db()
    assert placement.actual_weekly_cost == Decimal("4250")
    assert AuditEvent.objects.filter(action="agreement.actual_cost").exists()


def test_the_pdf_and_the_csv(signed_in, home):
    placement = _accepted(home)
    worker = signed_in(home.people[Role.SOCIAL_WORKER])
    url = f"/placements/{placement.public_id}/agreement/"
    pdf = worker.get(f"{url}pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    csv = b"".join(worker.get(f"{url}costs.csv").streaming_content).decode()
    assert "Core,4000.00,Social care" in csv
    assert AuditEvent.objects.filter(action="list.download").exists()


def test_another_council_and_another_provider_get_404(signed_in, home, away):
    placement = away.journey["placement"]
    url = f"/placements/{placement.public_id}/agreement/"
    for role in (Role.SOCIAL_WORKER, Role.PROVIDER_STAFF, Role.COMMISSIONER):
        client = signed_in(home.people[role])
        assert client.get(url).status_code == 404
        assert client.post(f"{url}confirm/", {"version": "1"}).status_code == 404
    provider = signed_in(home.people[Role.PROVIDER_STAFF])
    assert away.provider.name not in provider.get("/agreements/").content.decode()


@pytest.mark.parametrize("versions", [1, 4])
def test_the_agreement_page_runs_a_constant_number_of_queries(
    signed_in, home, versions, django_assert_max_num_queries
):
    placement = _accepted(home)
    for _ in range(versions - 1):
        _change(home, placement)
    services.confirm_version(
        actor=home.people[Role.PROVIDER_STAFF], version=placement.agreement.versions.first()
    )
    worker = signed_in(home.people[Role.SOCIAL_WORKER])
    url = f"/placements/{placement.public_id}/agreement/"
    with django_assert_max_num_queries(11):  # 10 for 1 and 6 versions, and the unread count
        assert worker.get(url).status_code == 200
    provider = signed_in(home.people[Role.PROVIDER_STAFF])
    with django_assert_max_num_queries(9):
        assert provider.get("/agreements/").status_code == 200


def test_a_version_cannot_be_edited_in_the_database_to_break_the_sum(home):
    placement = _accepted(home)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementVersion.objects.filter(agreement=placement.agreement).update(core_cost=1)
    assert Placement.objects.get(pk=placement.pk).agreed_weekly_cost == Decimal("4000")


def test_the_demo_placements_have_agreements_in_every_state(settings, capsys, db):
    from django.core.management import call_command

    from placements.models import ActualCost, PlacementAgreement

    settings.DEMO_MODE = True
    call_command("seed_demo", "--seed", "1")
    assert not Placement.objects.filter(agreement__isnull=True).exists()
    journeys = PlacementAgreement.objects.filter(versions__confirmations__isnull=False).distinct()
    sides = [
        {c.side for c in a.versions.order_by("-number").first().confirmations.all()}
        for a in journeys
    ]
    assert {"council", "provider"} in sides and {"council"} in sides
    assert AgreementVersion.objects.filter(number=2).exists()
    assert ActualCost.objects.exists()
