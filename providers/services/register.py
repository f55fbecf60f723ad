"""The register: provider organisations, their settings, and setting status."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from providers.models import ProviderOrganisation, Setting, SettingStatusChange
from rcc import audit
from rcc.services import ServiceError

SETTING_FIELDS = (
    "name",
    "setting_type",
    "address",
    "postcode",
    "local_authority",
    "registered_places",
    "age_min",
    "age_max",
    "sexes",
    "takes_emergencies",
    "takes_parent_and_child",
    "takes_sibling_groups",
    "takes_uasc",
)


@transaction.atomic
def create_provider(*, actor, name: str, **fields: Any) -> ProviderOrganisation:
    provider = ProviderOrganisation.objects.create(name=name, **fields)
    audit.record(actor=actor, action="provider.created", obj=provider)
    return provider


@transaction.atomic
def update_setting(*, actor, setting: Setting, data: dict[str, Any], needs=None) -> Setting:
    """Change a setting's details; only the fields named in SETTING_FIELDS can change."""
    changed = [f for f in SETTING_FIELDS if f in data and getattr(setting, f) != data[f]]
    for name in changed:
        setattr(setting, name, data[name])
    if setting.age_min > setting.age_max:
        raise ServiceError("The youngest age must not be more than the oldest")
    setting.updated_at = timezone.now()
    setting.save()
    if needs is not None and set(needs) != set(setting.needs.all()):
        setting.needs.set(needs)
        changed.append("needs")
    audit.record(
        actor=actor,
        action="setting.updated",
        obj=setting,
        local_authority=setting.local_authority,
        changed_fields=changed,
    )
    return setting


@transaction.atomic
def create_setting(*, actor, provider: ProviderOrganisation, data: dict[str, Any], needs=()):
    setting = Setting.objects.create(provider=provider, **data)
    setting.needs.set(needs)
    audit.record(
        actor=actor, action="setting.created", obj=setting, local_authority=setting.local_authority
    )
    return setting


def _change_status(*, actor, setting: Setting, to: str, allowed_from: set[str], reason: str):
    if not reason.strip():
        raise ServiceError("Give the reason")
    # A conditional UPDATE: two commissioners acting at once cannot both change it.
    moved = Setting.objects.filter(pk=setting.pk, status__in=allowed_from).update(
        status=to, updated_at=timezone.now()
    )
    if not moved:
        raise ServiceError(f"This setting cannot be {Setting.Status(to).label.lower()} now")
    SettingStatusChange.objects.create(
        setting=setting, from_status=setting.status, to_status=to, reason=reason, changed_by=actor
    )
    audit.record(
        actor=actor,
        action=f"setting.{to}",
        obj=setting,
        local_authority=setting.local_authority,
        metadata={"reason": reason},
    )
    setting.status = to
    return setting


@transaction.atomic
def suspend_setting(*, actor, setting: Setting, reason: str) -> Setting:
    """Stop a setting receiving referrals (for example after an inadequate judgement)."""
    return _change_status(
        actor=actor,
        setting=setting,
        to=Setting.Status.SUSPENDED,
        allowed_from={Setting.Status.ACTIVE},
        reason=reason,
    )


@transaction.atomic
def reinstate_setting(*, actor, setting: Setting, reason: str) -> Setting:
    return _change_status(
        actor=actor,
        setting=setting,
        to=Setting.Status.ACTIVE,
        allowed_from={Setting.Status.SUSPENDED},
        reason=reason,
    )


@transaction.atomic
def close_setting(*, actor, setting: Setting, reason: str) -> Setting:
    return _change_status(
        actor=actor,
        setting=setting,
        to=Setting.Status.CLOSED,
        allowed_from={Setting.Status.ACTIVE, Setting.Status.SUSPENDED},
        reason=reason,
    )
