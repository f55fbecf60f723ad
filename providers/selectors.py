"""Read queries of the market, each starting from an rcc.access scope."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from providers.models import Application, OfstedInspection, Sector, Setting, SettingType, Vacancy
from rcc import access


def provider_register(user: Any) -> QuerySet:
    return (
        access.providers_for(user)
        .annotate(
            setting_count=Count("settings", distinct=True),
        )
        .order_by("name")
    )


def settings_search(user: Any) -> QuerySet:
    return access.settings_for(user).order_by("name")


def setting_detail(user: Any, public_id: Any) -> Setting:
    setting = access.get_setting_for_user(user, public_id)
    return (
        access.settings_for(user)
        .prefetch_related(
            "needs",
            Prefetch("inspections", queryset=OfstedInspection.objects.order_by("-inspected_on")),
            Prefetch(
                "vacancies",
                queryset=Vacancy.objects.exclude(status=Vacancy.Status.WITHDRAWN).order_by(
                    "available_from"
                ),
            ),
            "status_changes__changed_by",
        )
        .get(pk=setting.pk)
    )


def vacancy_search(user: Any) -> QuerySet:
    return access.vacancies_for(user).order_by("available_from", "id")


def open_vacancies(user: Any) -> QuerySet:
    return vacancy_search(user).filter(status=Vacancy.Status.OPEN)


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


def market_summary(user: Any) -> dict[str, Any]:
    settings = access.settings_for(user)
    by_type = (
        settings.filter(status=Setting.Status.ACTIVE)
        .values("setting_type")
        .annotate(settings=Count("id"), places=Sum("registered_places"))
    )
    return {
        "by_type": [
            {**row, "label": SettingType(row["setting_type"]).label}
            for row in by_type.order_by("setting_type")
        ],
        "open_vacancies": open_vacancies(user).aggregate(n=Count("id"), places=Sum("places")),
        "suspended": settings.filter(status=Setting.Status.SUSPENDED).count(),
        "pending_applications": access.applications_for(user)
        .filter(status__in=[Application.Status.SUBMITTED, Application.Status.UNDER_EVALUATION])
        .count(),
        "open_concerns": access.concerns_for(user).filter(closed_at__isnull=True).count(),
    }


def price_observations(user: Any, region_id: int | None = None) -> list:
    """Agreed weekly prices of current placements in the user's scope, as plain data;
    narrowed to one region when ``region_id`` is given (a national user pricing a region)."""
    from providers.prices import PriceObservation

    placements = access.placements_for(user).filter(end_date__isnull=True)
    if region_id is not None:
        placements = placements.filter(local_authority__region_id=region_id)
    rows = placements.values_list(
        "placement_type",
        "need_level",
        "agreed_weekly_cost",
        "route",
        "provider_id",
        "provider__name",
        "setting__latest_judgement",
    )
    return [PriceObservation(*row) for row in rows]


def group_figures(user: Any) -> tuple[list, int]:
    """Per provider group: latest return, the region's weekly spend and its places there."""
    from providers.scrutiny import GroupFigures

    spend: dict[str, Decimal] = defaultdict(Decimal)
    # Councils' own provision is not a market that could fail: leave it out.
    for row in (
        access.placements_for(user)
        .filter(end_date__isnull=True)
        .exclude(provider__sector=Sector.LOCAL_AUTHORITY)
        .values("provider__group__name", "provider__name")
        .annotate(total=Sum("agreed_weekly_cost"))
    ):
        spend[row["provider__group__name"] or row["provider__name"]] += row["total"]
    places: dict[str, int] = defaultdict(int)
    settings = (
        access.settings_for(user)
        .filter(status=Setting.Status.ACTIVE)
        .exclude(provider__sector=Sector.LOCAL_AUTHORITY)
    )
    for row in settings.values("provider__group__name", "provider__name").annotate(
        total=Sum("registered_places")
    ):
        places[row["provider__group__name"] or row["provider__name"]] += row["total"] or 0
    latest = _latest_returns(user)
    figures = [
        GroupFigures(
            name, *latest.get(name, (None, None)), spend.get(name, Decimal(0)), places[name]
        )
        for name in sorted(set(spend) | set(places))
    ]
    return figures, sum(places.values())


def _latest_returns(user: Any) -> dict[str, tuple[Decimal, Decimal]]:
    latest: dict[str, tuple[int, Decimal, Decimal]] = {}
    for r in access.financial_returns_for(user).order_by("year"):
        name = r.provider.group_name
        if r.is_group_return or name == r.provider.name or name not in latest:
            latest[name] = (r.year, r.turnover, r.operating_profit)
    return {name: (turnover, profit) for name, (_, turnover, profit) in latest.items()}


def provider_portal(user: Any) -> dict[str, Any]:
    provider = access.providers_for(user).first()
    return {
        "provider": provider,
        "settings": list(access.settings_for(user).order_by("name")),
        "applications": list(access.applications_for(user).order_by("-submitted_at")[:50]),
        "rates": list(current_rates(user).order_by("lot__framework__name", "lot__name")),
        "vacancies": list(vacancy_search(user).exclude(status=Vacancy.Status.WITHDRAWN)[:100]),
        "returns": list(access.financial_returns_for(user)),
        "open_lots": list(open_lots(user)),
    }


def open_lots(user: Any) -> QuerySet:
    from django.utils import timezone

    today = timezone.localdate()
    return (
        access.lots_for(user)
        .filter(framework__rounds__opens_on__lte=today, framework__rounds__closes_on__gte=today)
        .distinct()
        .order_by("framework__name", "name")
    )


def all_councils() -> QuerySet:
    """Every council in England: where a provider may run a setting is not a secret."""
    from rcc.models import LocalAuthority

    return LocalAuthority.objects.select_related("region").order_by("name")


def provider_detail(user: Any, pk: Any) -> dict[str, Any]:
    provider = access.get_provider_for_user(user, pk)
    return {
        "provider": provider,
        "settings": list(access.settings_for(user).filter(provider=provider).order_by("name")),
        "applications": list(
            access.applications_for(user).filter(provider=provider).order_by("-submitted_at")
        ),
        "rates": list(current_rates(user).filter(provider=provider)),
        "returns": list(access.financial_returns_for(user).filter(provider=provider)),
        "flags": list(access.scrutiny_flags_for(user).filter(provider=provider)),
    }


def setting_oversight(user: Any, setting: Setting) -> dict[str, Any]:
    return {
        "visits": list(access.quality_visits_for(user).filter(setting=setting)[:20]),
        "concerns": list(access.concerns_for(user).filter(setting=setting)[:20]),
    }


def open_scrutiny_flags(user: Any) -> QuerySet:
    return access.scrutiny_flags_for(user).filter(cleared_at__isnull=True)


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


def stale_vacancies(user: Any) -> QuerySet:
    from datetime import timedelta

    from django.utils import timezone

    cutoff = timezone.now() - timedelta(days=14)
    return vacancy_search(user).filter(status=Vacancy.Status.OPEN, reported_at__lt=cutoff)
