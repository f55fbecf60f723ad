"""Roles and the kind of scope each is granted over. Plain data: no Django I/O."""

from __future__ import annotations

from enum import StrEnum

from django.db import models


class ScopeKind(StrEnum):
    COUNCIL = "council"
    REGION = "region"
    PROVIDER = "provider"
    NATIONAL = "national"


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    TEAM_MANAGER = "team_manager", "Team manager (nominated officer)"
    DATA_OFFICER = "data_officer", "Council data officer"
    COMMISSIONER = "commissioner", "RCC commissioner"
    ANALYST = "analyst", "RCC analyst"
    PROVIDER_STAFF = "provider_staff", "Provider staff"
    HUB_OFFICER = "hub_officer", "Fostering hub officer"
    PARTNER = "partner", "Health or youth justice partner"
    DFE_ANALYST = "dfe_analyst", "DfE analyst"
    PLATFORM_ADMIN = "platform_admin", "Platform administrator"


SCOPE_OF_ROLE: dict[str, ScopeKind] = {
    Role.SOCIAL_WORKER: ScopeKind.COUNCIL,
    Role.TEAM_MANAGER: ScopeKind.COUNCIL,
    Role.DATA_OFFICER: ScopeKind.COUNCIL,
    Role.COMMISSIONER: ScopeKind.REGION,
    Role.ANALYST: ScopeKind.REGION,
    Role.HUB_OFFICER: ScopeKind.REGION,
    Role.PARTNER: ScopeKind.REGION,
    Role.PROVIDER_STAFF: ScopeKind.PROVIDER,
    Role.DFE_ANALYST: ScopeKind.NATIONAL,
    Role.PLATFORM_ADMIN: ScopeKind.NATIONAL,
}


def roles_with_scope(kind: ScopeKind) -> list[str]:
    return [str(role) for role, scope in SCOPE_OF_ROLE.items() if scope == kind]


# The roles that may hold an API key (the key acts in the holder's membership).
API_ROLES = {
    Role.SOCIAL_WORKER,
    Role.TEAM_MANAGER,
    Role.COMMISSIONER,
    Role.ANALYST,
    Role.PROVIDER_STAFF,
    Role.DFE_ANALYST,
    Role.PLATFORM_ADMIN,
}
