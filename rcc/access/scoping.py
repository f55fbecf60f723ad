"""Scoping a queryset from the tenancy its model declares (``rcc.tenancy.Tenancy``).

Access names domain models by their label (``"placements.Child"``), never by import: the
ground floor knows no domain, and the paths to a row's council, region and provider come
from the model's own declaration.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.db.models import Model, QuerySet
from django.http import Http404

from rcc.tenancy import Tenancy, tenancy_of


def model(label: str) -> type[Model]:
    """A tenant-scoped model by its label; refuses one that declares no tenancy."""
    found = apps.get_model(label)
    if tenancy_of(found) is None:
        raise LookupError(f"{label} declares no tenancy (rcc.tenancy.Tenancy)")
    return found


def objects(label: str) -> QuerySet:
    return model(label)._default_manager.all()


def _tenancy(queryset: QuerySet) -> Tenancy:
    declared = tenancy_of(queryset.model)
    if declared is None:
        raise LookupError(f"{queryset.model._meta.label} declares no tenancy")
    return declared


def _filter(queryset: QuerySet, path: str | None, value: Any, what: str) -> QuerySet:
    if path is None:
        raise LookupError(f"{queryset.model._meta.label} declares no {what}")
    if value is None:
        return queryset.none()
    return queryset.filter(**{"pk" if path == "self" else f"{path}_id": value})


def in_council(queryset: QuerySet, council_id: int | None) -> QuerySet:
    return _filter(queryset, _tenancy(queryset).council, council_id, "council")


def in_region(queryset: QuerySet, region_id: int | None) -> QuerySet:
    return _filter(queryset, _tenancy(queryset).region_path, region_id, "region")


def of_provider(queryset: QuerySet, provider_id: int | None) -> QuerySet:
    return _filter(queryset, _tenancy(queryset).provider, provider_id, "provider")


def get(queryset: QuerySet, **lookup: Any) -> Any:
    """One row of a scoped queryset, or the same 404 for "missing" and "not yours"."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def audit_denied(user: Any, object_type: str, object_id: Any) -> None:
    from rcc import audit

    audit.record(
        actor=user, action="access.denied", object_type=object_type, object_id=str(object_id)[:64]
    )


def tenant_scoped_models() -> Iterator[type[Model]]:
    """Every installed model that declares a tenancy (the scoping lint reads them)."""
    for found in apps.get_models():
        if tenancy_of(found) is not None:
            yield found
