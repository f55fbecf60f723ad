"""New-provision projects: record one, change its details, move it through its stages.

Each stage change appends a ``ProvisionStageChange`` row and an audit event; the project's
stage moves with a conditional UPDATE from the stage the user saw, so two people moving the
same project at once cannot both succeed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from rcc import audit
from rcc.models import Region, User
from rcc.services import ServiceError
from sufficiency.models.provision import ProvisionProject, ProvisionStageChange, Stage

FIELDS = (
    "name",
    "category",
    "need_level",
    "provision_type",
    "places",
    "local_authority",
    "location",
    "capital_cost",
    "annual_revenue_cost",
    "partner",
    "gap_note",
    "expected_open_on",
)
FINAL = (Stage.OPEN, Stage.CANCELLED)


def _check_council(region: Region, data: dict[str, Any]) -> None:
    if data["local_authority"].region_id != region.pk:
        raise ServiceError("Choose a council of the region.")


@transaction.atomic
def create_project(
    *, region: Region, data: dict[str, Any], stage_on: date, actor: User
) -> ProvisionProject:
    """A project at its first stage (``data["stage"]``, default idea), with its first row."""
    _check_council(region, data)
    stage = data.get("stage") or Stage.IDEA
    project = ProvisionProject.objects.create(
        region=region, stage=stage, created_by=actor, **{k: data[k] for k in FIELDS if k in data}
    )
    ProvisionStageChange.objects.create(
        project=project, from_stage="", to_stage=stage, stage_on=stage_on, changed_by=actor
    )
    audit.record(actor=actor, action="provision.created", obj=project, region=region)
    return project


@transaction.atomic
def update_project(*, project: ProvisionProject, data: dict[str, Any], actor: User) -> None:
    _check_council(project.region, data)
    changed = [k for k in FIELDS if k in data and getattr(project, k) != data[k]]
    ProvisionProject.objects.filter(pk=project.pk).update(**{k: data[k] for k in changed})
    audit.record(
        actor=actor,
        action="provision.updated",
        obj=project,
        region=project.region,
        changed_fields=changed,
    )


@transaction.atomic
def change_stage(
    *, project: ProvisionProject, to_stage: str, stage_on: date, note: str, actor: User
) -> ProvisionStageChange:
    """Move the project from the stage it is at (as loaded) to ``to_stage``."""
    if to_stage not in Stage.values:
        raise ServiceError("Choose a stage.")
    if project.stage in FINAL:
        raise ServiceError(f"The project is {project.get_stage_display().lower()}: it stays so.")
    if to_stage == project.stage:
        raise ServiceError("The project is at that stage already.")
    moved = ProvisionProject.objects.filter(pk=project.pk, stage=project.stage).update(
        stage=to_stage
    )
    if not moved:
        raise ServiceError("Someone else changed this project's stage: look again.")
    change = ProvisionStageChange.objects.create(
        project=project,
        from_stage=project.stage,
        to_stage=to_stage,
        stage_on=stage_on,
        note=note,
        changed_by=actor,
    )
    audit.record(
        actor=actor,
        action="provision.stage_changed",
        obj=project,
        region=project.region,
        metadata={"from": project.stage, "to": to_stage},
    )
    project.stage = to_stage
    return change
