"""The audit log's CSV: one column list, raw values (times in ISO 8601)."""

from __future__ import annotations

from rcc.kit.tables import Column

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
