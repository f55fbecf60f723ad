"""Demo sufficiency strategies: a published one for Greater Manchester, a draft for the South
East, and new-provision projects at every stage. Runs after the forecasts (``make demo`` calls
``manage.py seed_strategies`` after ``run_forecasts``), so the figures come from them.

Idempotent: a region that has a strategy already is left alone.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from rcc.models import LocalAuthority, Region, User
from sufficiency.models import Strategy
from sufficiency.services import provision as services_provision
from sufficiency.services import strategy as services_strategy

DEMO_DOMAIN = "demo.rcc.example"

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

GM_SECTIONS = {
    "context": (
        "Greater Manchester's ten councils commission homes for children in care together "
        "through the Regional Care Co-operative, which went live in April 2025.\n\n"
        "This strategy is built from live data: the figures below were taken from the "
        "platform on the day it was drafted and do not change after publication."
    ),
    "demand": (
        "The demand forecast projects children in care by placement category over the next "
        "two years from the region's own care histories. Demand for residential care and for "
        "foster carers for teenagers keeps rising."
    ),
    "supply": (
        "Places are registered places of active homes and agencies in the region and the "
        "places of the councils' approved foster carers. New homes in the pipeline are listed "
        "with their expected opening dates."
    ),
    "gaps": (
        "Too many children with complex needs live more than 20 miles from home because the "
        "region has too few small homes for them near where they grew up."
    ),
    "actions": "Each action has an owner and a date, and the board reviews them every quarter.",
    "market": (
        "We want to work with providers who will open small homes for children with complex "
        "needs in the north and east of the region, and foster carers for teenagers."
    ),
}
SE_SECTIONS = {
    "context": "The South East's nineteen councils, led by West Sussex, went live in June 2025.",
    "gaps": "Draft: the analysis of gaps by council is being checked with each council.",
}


def _user(local_part: str) -> User:
    return User.objects.get(email=f"{local_part}@{DEMO_DOMAIN}")


def _projects(region: Region, rows, actor: User) -> None:
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


def _actions(strategy: Strategy, actor: User) -> None:
    today = timezone.localdate()
    for title, owner, days, status in (
        (
            "Open two small homes for complex needs in Oldham and Salford",
            "Head of commissioning",
            240,
            "in_progress",
        ),
        (
            "Recruit 40 foster carers for teenagers through the hub",
            "Fostering hub manager",
            300,
            "in_progress",
        ),
        (
            "Agree a regional price for solo placements",
            "Director of children's services",
            -20,
            "not_started",
        ),
        (
            "Publish the market position statement to providers",
            "Head of commissioning",
            -60,
            "done",
        ),
    ):
        services_strategy.add_action(
            strategy=strategy,
            data={
                "title": title,
                "owner": owner,
                "due_on": today + timedelta(days=days),
                "status": status,
            },
            actor=actor,
        )


@transaction.atomic
def seed_strategies() -> list[str]:
    """Seed both pathfinders' strategies once; returns what it did, for the command to print."""
    done = []
    gm = Region.objects.get(slug="greater-manchester")
    se = Region.objects.get(slug="south-east")
    analyst, commissioner = _user("analyst.gm"), _user("commissioner.gm")
    se_commissioner = _user("commissioner.se")
    if not Strategy.objects.filter(region=gm).exists():
        _projects(gm, GM_PROJECTS, analyst)
        draft = services_strategy.create_strategy(
            region=gm,
            title="Greater Manchester sufficiency strategy",
            period="2026 to 2029",
            actor=analyst,
        )
        _actions(draft.strategy, analyst)
        services_strategy.refresh_figures(version=draft, actor=analyst)
        draft.refresh_from_db()
        services_strategy.save_sections(
            version=draft, sections=GM_SECTIONS, summary=GM_SECTIONS["market"], actor=analyst
        )
        draft.refresh_from_db()
        services_strategy.submit_version(version=draft, actor=analyst)
        services_strategy.approve_version(
            version=draft, comment="Approved by the RCC board.", actor=commissioner
        )
        done.append("Greater Manchester: strategy version 1 published")
    if not Strategy.objects.filter(region=se).exists():
        _projects(se, SE_PROJECTS, se_commissioner)
        draft = services_strategy.create_strategy(
            region=se,
            title="South East sufficiency strategy",
            period="2026 to 2029",
            actor=se_commissioner,
        )
        services_strategy.save_sections(
            version=draft, sections=SE_SECTIONS, summary="", actor=se_commissioner
        )
        done.append("South East: a draft strategy")
    return done
