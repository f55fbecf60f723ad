"""Frameworks (dynamic purchasing systems): lots, admission rounds, applications, rate cards."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from providers.models import (
    AdmissionRound,
    Application,
    ApplicationStatusChange,
    Framework,
    Lot,
    ProviderOrganisation,
    RateCard,
)
from rcc import audit
from rcc.services import ServiceError

# Which decisions may follow which state (anything else is refused).
APPLICATION_MOVES: dict[str, set[str]] = {
    Application.Status.SUBMITTED: {
        Application.Status.UNDER_EVALUATION,
        Application.Status.WITHDRAWN,
    },
    Application.Status.UNDER_EVALUATION: {
        Application.Status.ADMITTED,
        Application.Status.REFUSED,
        Application.Status.WITHDRAWN,
    },
}
REASON_NEEDED = {Application.Status.REFUSED, Application.Status.WITHDRAWN}


@transaction.atomic
def create_framework(*, actor, region, name: str, starts_on: date, ends_on: date) -> Framework:
    if starts_on >= ends_on:
        raise ServiceError("The framework must end after it starts")
    framework = Framework.objects.create(
        region=region, name=name, starts_on=starts_on, ends_on=ends_on, status=Framework.Status.LIVE
    )
    audit.record(actor=actor, action="framework.created", obj=framework, region=region)
    return framework


@transaction.atomic
def add_lot(
    *,
    actor,
    framework: Framework,
    name: str,
    placement_type: str,
    need_level: str,
    area: str = "Whole region",
) -> Lot:
    try:
        with transaction.atomic():
            lot = Lot.objects.create(
                framework=framework,
                name=name,
                placement_type=placement_type,
                need_level=need_level,
                area=area,
            )
    except IntegrityError:
        raise ServiceError(
            "This framework already has a lot for that type, level and area"
        ) from None
    audit.record(actor=actor, action="lot.created", obj=lot, region=framework.region)
    return lot


@transaction.atomic
def open_round(*, actor, framework: Framework, opens_on: date, closes_on: date) -> AdmissionRound:
    if opens_on > closes_on:
        raise ServiceError("The round must close on or after the day it opens")
    overlapping = framework.rounds.filter(opens_on__lte=closes_on, closes_on__gte=opens_on)
    if overlapping.exists():
        raise ServiceError("Another admission round of this framework overlaps those dates")
    round_ = AdmissionRound.objects.create(
        framework=framework, opens_on=opens_on, closes_on=closes_on
    )
    audit.record(actor=actor, action="round.opened", obj=round_, region=framework.region)
    return round_


@transaction.atomic
def apply_to_lot(
    *,
    actor,
    provider: ProviderOrganisation,
    lot: Lot,
    proposed_weekly_price: Decimal,
    statement: str = "",
) -> Application:
    """A provider applies to a lot in the framework's open admission round."""
    today = timezone.localdate()
    round_ = lot.framework.rounds.filter(opens_on__lte=today, closes_on__gte=today).first()
    if round_ is None or lot.framework.status != Framework.Status.LIVE:
        raise ServiceError("Applications to this framework are closed")
    if proposed_weekly_price <= 0:
        raise ServiceError("Enter a weekly price more than £0")
    try:
        with transaction.atomic():
            application = Application.objects.create(
                round=round_,
                lot=lot,
                provider=provider,
                statement=statement,
                proposed_weekly_price=proposed_weekly_price,
            )
    except IntegrityError:
        raise ServiceError("You have already applied to this lot in this round") from None
    ApplicationStatusChange.objects.create(
        application=application, to_status=Application.Status.SUBMITTED, changed_by=actor
    )
    audit.record(
        actor=actor, action="application.submitted", obj=application, region=lot.framework.region
    )
    return application


@transaction.atomic
def decide_application(
    *, actor, application: Application, to: str, reason: str = ""
) -> Application:
    """Move an application on (evaluate, admit, refuse, withdraw), in order, with reasons."""
    if to not in APPLICATION_MOVES.get(application.status, set()):
        raise ServiceError(
            f"An application that is {application.get_status_display().lower()} cannot be "
            f"{Application.Status(to).label.lower()}"
        )
    if to in REASON_NEEDED and not reason.strip():
        raise ServiceError("Give the reason")
    moved = Application.objects.filter(pk=application.pk, status=application.status).update(
        status=to
    )
    if not moved:
        raise ServiceError("Someone else has just decided this application: reload the page")
    ApplicationStatusChange.objects.create(
        application=application,
        from_status=application.status,
        to_status=to,
        reason=reason,
        changed_by=actor,
    )
    audit.record(
        actor=actor,
        action=f"application.{to}",
        obj=application,
        region=application.lot.framework.region,
        metadata={"reason": reason},
    )
    application.status = to
    return application


@transaction.atomic
def set_rate(
    *,
    actor,
    lot: Lot,
    provider: ProviderOrganisation,
    need_level: str,
    weekly_price: Decimal,
    valid_from: date,
) -> RateCard:
    """Set (or revise) an admitted provider's weekly price; the current rate ends the day before."""
    if not lot.applications.filter(provider=provider, status=Application.Status.ADMITTED).exists():
        raise ServiceError("Only providers admitted to this lot can have a rate")
    if weekly_price <= 0:
        raise ServiceError("Enter a weekly price more than £0")
    current = (
        RateCard.objects.select_for_update()
        .filter(lot=lot, provider=provider, need_level=need_level, valid_to__isnull=True)
        .first()
    )
    if current is not None:
        if valid_from <= current.valid_from:
            raise ServiceError("A revised rate must start after the current rate started")
        current.valid_to = valid_from - timedelta(days=1)
        current.save(update_fields=["valid_to"])
    rate = RateCard.objects.create(
        lot=lot,
        provider=provider,
        need_level=need_level,
        weekly_price=weekly_price,
        valid_from=valid_from,
        set_by=actor,
    )
    audit.record(
        actor=actor,
        action="rate.set",
        obj=rate,
        region=lot.framework.region,
        metadata={"weekly_price": str(weekly_price), "need_level": need_level},
    )
    return rate
