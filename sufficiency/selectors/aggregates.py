"""The rows behind the regional aggregates API, each from one ``rcc.access`` figures scope.

Rows are plain tuples (``values_list``), never model instances, and each figure is one query:
the national aggregates read every open episode or current placement once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, QuerySet, Sum

from providers.models import Judgement, Vacancy
from rcc import access
from sufficiency import aggregates


def _narrowed(rows: QuerySet, prefix: str, region: str | None, council: str | None) -> QuerySet:
    if region:
        rows = rows.filter(**{f"{prefix}region__slug": region})
    if council:
        rows = rows.filter(**{f"{prefix}gss_code": council})
    return rows


def children_in_care(
    user: Any, *, on: date, region: str | None = None, council: str | None = None
) -> list[aggregates.CareCount]:
    episodes = access.care_episodes_for_figures(user).filter(start_date__lte=on)
    episodes = episodes.filter(Q(end_date__isnull=True) | Q(end_date__gt=on))
    episodes = _narrowed(episodes, "child__local_authority__", region, council)
    rows = episodes.values_list(
        "child_id",
        "child__local_authority__region__slug",
        "child__local_authority__name",
        "child__local_authority__gss_code",
        "child__date_of_birth",
        "start_date",
        "placement_type",
        "legal_status",
    ).order_by()
    return aggregates.children_in_care((aggregates.EpisodeRow(*row) for row in rows), on=on)


def _current_placements(user: Any, on: date, region: str | None, council: str | None):
    placements = access.placements_for_figures(user).filter(
        start_date__lte=on, status__in=["active", "ended"]
    )
    placements = placements.filter(Q(end_date__isnull=True) | Q(end_date__gt=on))
    return _narrowed(placements, "local_authority__", region, council)


def distance_bands(
    user: Any, *, on: date, region: str | None = None, council: str | None = None
) -> list[aggregates.DistanceBands]:
    outside = ExpressionWrapper(
        ~Q(setting__local_authority_id=F("local_authority_id")), output_field=BooleanField()
    )
    rows = (
        _current_placements(user, on, region, council)
        .annotate(outside=outside)
        .values_list(
            "local_authority__region__slug",
            "local_authority__name",
            "local_authority__gss_code",
            "miles_from_home",
            "outside",
        )
        .order_by()
    )
    return aggregates.distance_bands(aggregates.PlacementRow(*row) for row in rows)


def weekly_costs(
    user: Any, *, on: date, region: str | None = None, council: str | None = None
) -> list[aggregates.WeeklyCosts]:
    rows = (
        _current_placements(user, on, region, council)
        .values_list(
            "local_authority__region__slug", "placement_type", "route", "agreed_weekly_cost"
        )
        .order_by()
    )
    return aggregates.weekly_costs(aggregates.CostRow(*row) for row in rows)


JUDGEMENT_KEYS = {
    Judgement.OUTSTANDING: "outstanding",
    Judgement.GOOD: "good",
    Judgement.REQUIRES_IMPROVEMENT: "requires_improvement",
    Judgement.INADEQUATE: "inadequate",
}


def market_statistics(user: Any, *, region: str | None = None) -> list[dict[str, Any]]:
    """Per region and setting type: providers and active settings, registered places, active
    settings by latest Ofsted judgement, and open vacancies. Two queries."""
    settings = _narrowed(access.settings_for_figures(user), "local_authority__", region, None)
    active = Q(status="active")
    judged = {
        key: Count("pk", filter=active & Q(latest_judgement=value))
        for value, key in JUDGEMENT_KEYS.items()
    }
    rows = (
        settings.values("local_authority__region__slug", "setting_type")
        .annotate(
            providers=Count("provider", filter=active, distinct=True),
            active_settings=Count("pk", filter=active),
            registered_places=Sum("registered_places", filter=active, default=0),
            not_inspected=Count("pk", filter=active & Q(latest_judgement__isnull=True)),
            **judged,
        )
        .order_by("local_authority__region__slug", "setting_type")
    )
    vacancies = dict(
        (
            (row["setting__local_authority__region__slug"], row["setting__setting_type"]),
            row["open"],
        )
        for row in Vacancy.objects.filter(
            setting__in=settings.values("pk"), status=Vacancy.Status.OPEN
        )
        .values("setting__local_authority__region__slug", "setting__setting_type")
        .annotate(open=Count("pk"))
        .order_by()
    )
    keys = (*JUDGEMENT_KEYS.values(), "not_inspected")
    return [
        {
            "region": row["local_authority__region__slug"],
            "setting_type": row["setting_type"],
            "providers": row["providers"],
            "active_settings": row["active_settings"],
            "registered_places": row["registered_places"],
            "open_vacancies": vacancies.get(
                (row["local_authority__region__slug"], row["setting_type"]), 0
            ),
            "judgements": {key: row[key] for key in keys},
        }
        for row in rows
    ]
