"""Reads of new-provision projects, from ``access.provision_projects_for``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from rcc import access
from rcc.models import LocalAuthority
from sufficiency.models.provision import ProvisionProject, ProvisionStageChange


def projects(user: Any) -> QuerySet[ProvisionProject]:
    return access.provision_projects_for(user).order_by("expected_open_on", "name")


def stage_changes(project: ProvisionProject) -> QuerySet[ProvisionStageChange]:
    return project.stage_changes.select_related("changed_by").order_by("changed_at", "pk")


def councils(user: Any) -> QuerySet[LocalAuthority]:
    """Councils a project may be placed in: the user's region's."""
    if not access.can(user, access.MANAGE_PROVISION):
        return LocalAuthority.objects.none()
    return access.councils_for(user).order_by("name")
