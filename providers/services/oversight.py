"""Financial returns and scrutiny; quality visits and concerns."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from providers.models import (
    Concern,
    FinancialReturn,
    ProviderOrganisation,
    QualityVisit,
    ScrutinyFlag,
    Setting,
)
from rcc import audit
from rcc.services import ServiceError


@transaction.atomic
def submit_financial_return(
    *,
    actor,
    provider: ProviderOrganisation,
    year: int,
    turnover: Decimal,
    operating_profit: Decimal,
    ebitda: Decimal,
    is_group_return: bool = False,
) -> FinancialReturn:
    if turnover <= 0:
        raise ServiceError("Turnover must be more than £0")
    if year > timezone.localdate().year + 1:
        raise ServiceError("The financial year cannot be in the future")
    try:
        with transaction.atomic():
            financial_return = FinancialReturn.objects.create(
                provider=provider,
                year=year,
                turnover=turnover,
                ebitda=ebitda,
                operating_profit=operating_profit,
                is_group_return=is_group_return,
                submitted_by=actor,
            )
    except IntegrityError:
        raise ServiceError(f"You have already submitted a return for {year}") from None
    audit.record(actor=actor, action="financial_return.submitted", obj=financial_return)
    return financial_return


@transaction.atomic
def flag_for_scrutiny(
    *, actor, provider: ProviderOrganisation, region, reason: str
) -> ScrutinyFlag:
    if not reason.strip():
        raise ServiceError("Give the reason for scrutiny")
    try:
        with transaction.atomic():
            flag = ScrutinyFlag.objects.create(
                provider=provider, region=region, reason=reason, raised_by=actor
            )
    except IntegrityError:
        raise ServiceError("This provider is already flagged for scrutiny") from None
    audit.record(actor=actor, action="provider.flagged", obj=provider, region=region)
    return flag


@transaction.atomic
def clear_scrutiny(*, actor, flag: ScrutinyFlag) -> ScrutinyFlag:
    if flag.cleared_at is not None:
        raise ServiceError("This flag has already been cleared")
    flag.cleared_at = timezone.now()
    flag.save(update_fields=["cleared_at"])
    audit.record(actor=actor, action="provider.flag_cleared", obj=flag.provider, region=flag.region)
    return flag


@transaction.atomic
def record_quality_visit(
    *, actor, setting: Setting, region, visited_on: date, findings: str
) -> QualityVisit:
    if visited_on > timezone.localdate():
        raise ServiceError("The visit date must be today or in the past")
    visit = QualityVisit.objects.create(
        setting=setting, region=region, visited_on=visited_on, findings=findings, recorded_by=actor
    )
    audit.record(actor=actor, action="quality_visit.recorded", obj=setting, region=region)
    return visit


@transaction.atomic
def raise_concern(*, actor, setting: Setting, region, severity: str, summary: str) -> Concern:
    concern = Concern.objects.create(
        setting=setting, region=region, severity=severity, summary=summary, recorded_by=actor
    )
    audit.record(
        actor=actor,
        action="concern.raised",
        obj=setting,
        region=region,
        metadata={"severity": severity},
    )
    return concern
