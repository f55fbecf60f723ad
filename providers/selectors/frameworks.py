"""Frameworks, lots, admission rounds, applications and rate cards, read."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from providers.models import Application
from rcc import access


def frameworks(user: Any) -> QuerySet:
    return (
        access.frameworks_for(user)
        .annotate(lot_count=Count("lots", distinct=True))
        .order_by("-starts_on", "name")
    )


def framework_detail(user: Any, pk: Any):
    framework = access.get_framework_for_user(user, pk)
    lots = (
        access.lots_for(user)
        .filter(framework=framework)
        .annotate(
            admitted=Count(
                "applications", filter=Q(applications__status=Application.Status.ADMITTED)
            ),
            pending=Count(
                "applications",
                filter=Q(
                    applications__status__in=[
                        Application.Status.SUBMITTED,
                        Application.Status.UNDER_EVALUATION,
                    ]
                ),
            ),
        )
    )
    rounds = access.rounds_for(user).filter(framework=framework)
    return framework, list(lots), list(rounds)


def lot_detail(user: Any, pk: Any):
    lot = access.get_lot_for_user(user, pk)
    applications = access.applications_for(user).filter(lot=lot).order_by("provider__name")
    rates = access.rate_cards_for(user).filter(lot=lot).order_by("provider__name", "need_level")
    return lot, list(applications), list(rates)


def application_detail(user: Any, pk: Any) -> Application:
    application = access.get_application_for_user(user, pk)
    return (
        access.applications_for(user).prefetch_related("trail__changed_by").get(pk=application.pk)
    )


def current_rates(user: Any) -> QuerySet:
    return access.rate_cards_for(user).filter(valid_to__isnull=True)


def open_lots(user: Any) -> QuerySet:
    today = timezone.localdate()
    return (
        access.lots_for(user)
        .filter(framework__rounds__opens_on__lte=today, framework__rounds__closes_on__gte=today)
        .distinct()
        .order_by("framework__name", "name")
    )


def admitted_providers(user: Any, lot: Any) -> list:
    admitted = access.applications_for(user).filter(lot=lot, status=Application.Status.ADMITTED)
    return [a.provider for a in admitted.order_by("provider__name")]


def framework_applications(user: Any) -> QuerySet:
    return access.applications_for(user).select_related("lot__framework__region").order_by("id")


def applications_to_decide(user: Any) -> QuerySet:
    return (
        access.applications_for(user)
        .filter(status__in=[Application.Status.SUBMITTED, Application.Status.UNDER_EVALUATION])
        .order_by("submitted_at")
    )
