"""The audit log: its page in words (roles, actions and objects by their labels) and its CSV,
one column list of raw values (times in ISO 8601)."""

from __future__ import annotations

from typing import Any

from django.apps import apps

from rcc.kit.tables import Column
from rcc.roles import Role

ROLE_LABELS = dict(Role.choices)


def role_label(code: str) -> str:
    """ "social_worker" reads "Social worker"; no role (the public, the system) is blank."""
    return ROLE_LABELS.get(code, code.replace("_", " ").capitalize())


def action_label(code: str) -> str:
    """ "fostering.enquiry_received" reads "Fostering: enquiry received"."""
    area, _, what = code.rpartition(".")
    words = what.replace("_", " ")
    return f"{area.replace('_', ' ').capitalize()}: {words}" if area else words.capitalize()


def object_label(object_type: str) -> str:
    """ "placements.referral" reads "Referral": the model's own name when it is one."""
    try:
        return str(apps.get_model(object_type)._meta.verbose_name).capitalize()
    except (LookupError, ValueError):
        return object_type.replace("_", " ").replace(".", " ").capitalize()


def audit_page(form: Any, page: Any, query: str) -> dict[str, Any]:
    return {
        "title": "Audit log",
        "form": form,
        "page": page,
        "query": query,
        "role_label": role_label,
        "action_label": action_label,
        "object_label": object_label,
    }


AUDIT_CSV_COLUMNS = (
    Column("when", lambda e: e.occurred_at.isoformat()),
    Column("actor", lambda e: e.actor_email),
    Column("role", lambda e: e.acting_role),
    Column("action", lambda e: e.action),
    Column("object_type", lambda e: e.object_type),
    Column("object_id", lambda e: e.object_id),
    Column("council", lambda e: e.local_authority.name if e.local_authority else ""),
    Column("region", lambda e: e.region.name if e.region else ""),
    Column("ip_address", lambda e: e.ip_address or ""),
    Column("request_id", lambda e: e.request_id),
    Column("changed_fields", lambda e: " ".join(e.changed_fields)),
    Column("details", lambda e: e.metadata.get("summary", "")),
)
