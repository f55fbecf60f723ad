"""A tenant's partner dataset and forecast run, for the access walk."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from sufficiency.models import ForecastRun
from sufficiency.services_partner import upload_partner_dataset


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
    return {"dataset": report.dataset, "run": run}
