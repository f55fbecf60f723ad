"""A tenant's partner dataset and forecast run, for the access walk."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from sufficiency.models import ForecastRun
from sufficiency.services.partner import upload_partner_dataset


def make_sufficiency(tenant: Any, label: str = "") -> dict[str, Any]:
    report = upload_partner_dataset(
        kind="remands",
        actor=tenant.people["partner"],
        region=tenant.region,
        text=f"quarter,la_code,measure,value\n2024-Q1,{tenant.council.gss_code},remands,3\n",
    )
    run = ForecastRun.objects.create(
        region=tenant.region,
        as_of=timezone.localdate(),
        scenario=f"{label} scenario".strip(),
        status=ForecastRun.Status.FAILED,
        error=f"{label} failure".strip(),
    )
    return {"dataset": report.dataset, "run": run, **make_strategy_records(tenant, label)}


def make_strategy_records(tenant: Any, label: str = "") -> dict[str, Any]:
    """A project, a strategy with a published version (public by design, so no label in it)
    and an open draft, and an action, of the tenant's region."""
    from datetime import date, timedelta

    from django.utils import timezone

    from sufficiency.models.strategy import (
        MarketPositionStatement,
        Strategy,
        StrategyAction,
        StrategyVersion,
    )
    from sufficiency.services import provision as services_provision
    from sufficiency.services import strategy as services_strategy

    analyst = tenant.people["analyst"]
    project = services_provision.create_project(
        region=tenant.region,
        data={
            "name": f"{label} two-bed home".strip(),
            "category": "residential",
            "need_level": "complex",
            "provision_type": "childrens_home",
            "places": 2,
            "local_authority": tenant.council,
            "expected_open_on": date.today() + timedelta(days=200),
            "stage": "approved",
        },
        stage_on=date.today(),
        actor=analyst,
    )
    strategy = Strategy.objects.create(
        region=tenant.region, title="Sufficiency strategy", period="2026 to 2029"
    )
    published = StrategyVersion.objects.create(
        strategy=strategy,
        number=1,
        status=StrategyVersion.Status.PUBLISHED,
        sections={"context": "Published context."},
        figures={"as_of": date.today().isoformat(), "gaps": []},
        published_at=timezone.now(),
        changes={"first": True},
    )
    MarketPositionStatement.objects.create(version=published, summary="Build homes near home.")
    draft = services_strategy.start_new_version(strategy=strategy, actor=analyst)
    services_strategy.save_sections(
        version=draft, sections={"context": f"{label} draft text"}, summary="", actor=analyst
    )
    action = StrategyAction.objects.create(
        strategy=strategy, title=f"{label} action".strip(), owner="Head", due_on=date.today()
    )
    return {
        "project": project,
        "strategy": strategy,
        "published": published,
        "draft": draft,
        "action": action,
    }
