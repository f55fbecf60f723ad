"""Demo sufficiency strategies: a published one for Greater Manchester, a draft for the South
East, and new-provision projects at every stage. Runs after the forecasts (``make demo`` calls
``manage.py seed_strategies`` after ``run_forecasts``), so the figures come from them.

Idempotent: a region that has a strategy already is left alone.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from rcc.demo.tenancy import DEMO_DOMAIN
from rcc.models import Region, User
from sufficiency.demo.projects import GM_PROJECTS, SE_PROJECTS, seed_projects
from sufficiency.models.strategy import Strategy
from sufficiency.services import strategy as services_strategy

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
        seed_projects(gm, GM_PROJECTS, analyst)
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
        seed_projects(se, SE_PROJECTS, se_commissioner)
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
