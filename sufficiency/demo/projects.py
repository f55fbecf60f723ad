"""Demo new-provision projects, at every stage of the pipeline, through the provision services."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from rcc.models import LocalAuthority, Region, User
from sufficiency.services import provision as services_provision

# name, council, category, need, type, places, capital, revenue a year, partner, stage,
# months to opening (None: no date yet), location
GM_PROJECTS = [
    (
        "Oldham two-bed home for complex needs",
        "Oldham",
        "residential",
        "complex",
        "childrens_home",
        2,
        "650000",
        "1150000",
        "Oldham Council and Pennine Children's Homes Ltd",
        "building",
        5,
        "Chadderton",
    ),
    (
        "Wigan four-bed children's home",
        "Wigan",
        "residential",
        "enhanced",
        "childrens_home",
        4,
        "900000",
        "1700000",
        "Wigan Council",
        "approved",
        10,
        "Hindley",
    ),
    (
        "Stockport supported flats for care leavers",
        "Stockport",
        "supported",
        "core",
        "supported",
        6,
        "400000",
        "520000",
        "Stockport Homes",
        "registering",
        2,
        "Edgeley",
    ),
    (
        "Salford solo home for a child in crisis",
        "Salford",
        "residential",
        "complex",
        "childrens_home",
        1,
        "350000",
        "780000",
        "",
        "business_case",
        16,
        "Eccles",
    ),
    (
        "Bolton fostering: more carers for teenagers",
        "Bolton",
        "fostering_other",
        "enhanced",
        "la_fostering",
        8,
        "0",
        "310000",
        "Foster with Greater Manchester hub",
        "idea",
        None,
        "",
    ),
    (
        "Rochdale emergency home",
        "Rochdale",
        "residential",
        "core",
        "childrens_home",
        3,
        "500000",
        "1000000",
        "",
        "cancelled",
        None,
        "Heywood",
    ),
]
SE_PROJECTS = [
    (
        "Kent three-bed home near Maidstone",
        "Kent",
        "residential",
        "enhanced",
        "childrens_home",
        3,
        "800000",
        "1400000",
        "Kent County Council",
        "approved",
        12,
        "Maidstone",
    ),
    (
        "Surrey supported lodgings",
        "Surrey",
        "supported",
        "core",
        "supported",
        5,
        "0",
        "300000",
        "",
        "idea",
        None,
        "Guildford",
    ),
]


def seed_projects(region: Region, rows, actor: User) -> None:
    """Each project created ~200 days ago, then moved through its stages to where it is now."""
    today = timezone.localdate()
    councils = {c.name: c for c in LocalAuthority.objects.filter(region=region)}
    for (
        name,
        council,
        category,
        need,
        kind,
        places,
        capital,
        revenue,
        partner,
        stage,
        months,
        where,
    ) in rows:
        opens = today + timedelta(days=30 * months) if months is not None else None
        project = services_provision.create_project(
            region=region,
            data={
                "name": name,
                "category": category,
                "need_level": need,
                "provision_type": kind,
                "places": places,
                "local_authority": councils[council],
                "location": where,
                "capital_cost": Decimal(capital),
                "annual_revenue_cost": Decimal(revenue),
                "partner": partner,
                "expected_open_on": opens,
                "gap_note": f"{category.replace('_', ' ').capitalize()} places for {need} needs.",
            },
            stage_on=today - timedelta(days=200),
            actor=actor,
        )
        for step, reached in _path_to(stage):
            services_provision.change_stage(
                project=project,
                to_stage=step,
                stage_on=today - timedelta(days=reached),
                note="",
                actor=actor,
            )


def _path_to(stage: str) -> list[tuple[str, int]]:
    """The stages a demo project went through to reach ``stage``, with days ago."""
    path = [("business_case", 150), ("approved", 90), ("building", 60), ("registering", 20)]
    if stage == "cancelled":
        return [("business_case", 150), ("cancelled", 40)]
    names = [name for name, _ in path]
    return path[: names.index(stage) + 1] if stage in names else []
