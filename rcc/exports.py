"""Every export leaves one audit event: who, what, when and how many rows.

Exports through the API are ``api.export`` events; a CSV download of an identifiable list
from a page (children, referrals, enquiries, carers...) is a ``list.download`` event of the
same shape (``rcc.kit.tables.render_list`` with ``audited=True``).

A streamed export only knows its row count at the end, after the view has returned and the
request's context (request id, address) has been reset. ``audited_stream`` therefore keeps
the context of the request that started it, counts rows as they leave, and writes the event
when the stream ends: after the last row, or when the client goes away (``completed`` is then
false). Django closes a streaming response's iterator in both cases, which runs the
``finally`` below.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from rcc import access, audit, context
from rcc.models import LocalAuthority, Region, User

ACTION = "api.export"
LIST_DOWNLOAD = "list.download"
Row = TypeVar("Row")


@dataclass(frozen=True)
class Export:
    """What was exported: a dataset (``ssda903.episodes``, ``children-in-care``), the
    options that chose its rows, the format, and the council or region it covers."""

    dataset: str
    options: dict[str, Any]
    format: str = "json"
    local_authority: LocalAuthority | None = None
    region: Region | None = None

    def summary(self, rows: int) -> str:
        chosen = ", ".join(f"{k} {v}" for k, v in self.options.items() if v not in (None, ""))
        return f"{rows} rows of {self.dataset} ({chosen or 'everything in scope'}) as {self.format}"


def record_export(
    *,
    actor: User,
    export: Export,
    rows: int,
    completed: bool = True,
    key_prefix: str = "",
    action: str = ACTION,
) -> None:
    """Write the audit event of one export request."""
    audit.record(
        actor=actor,
        action=action,
        object_type=export.dataset[:64],
        object_id=" ".join(str(v) for v in export.options.values() if v not in (None, ""))[:64],
        local_authority=export.local_authority,
        region=export.region,
        metadata={
            "dataset": export.dataset,
            "options": {k: str(v) for k, v in export.options.items()},
            "format": export.format,
            "rows": rows,
            "completed": completed,
            "api_key": key_prefix,
            "summary": export.summary(rows),
        },
    )


def audited_stream(
    rows: Iterable[Row],
    *,
    actor: User,
    export: Export,
    key_prefix: str = "",
    action: str = ACTION,
) -> Iterator[Row]:
    """Yield ``rows`` lazily; when the stream ends (or is abandoned), audit how many left.

    Call it inside the request: it keeps that request's context for the event."""
    started_in = replace(context.current(), acting_role=access.acting_role(actor) or "")

    def stream() -> Iterator[Row]:
        sent = 0
        completed = False
        try:
            for row in rows:
                sent += 1  # counted as it leaves: a close at this yield has sent it
                yield row
            completed = True
        finally:
            token = context.set_current(started_in)
            try:
                record_export(
                    actor=actor,
                    export=export,
                    rows=sent,
                    completed=completed,
                    key_prefix=key_prefix,
                    action=action,
                )
            finally:
                context.reset(token)

    return stream()


def audited_list(rows: Iterable[Row], *, actor: User, name: str, options: dict) -> Iterator[Row]:
    """``rows`` of a page's CSV download, audited as one ``list.download`` when they end.

    The event names the list, the filters chosen and the council or region the person
    acts for."""
    membership = access.acting_membership(actor)
    export = Export(
        dataset=name,
        options=options,
        format="csv",
        local_authority=membership.local_authority if membership else None,
        region=membership.region if membership else None,
    )
    return audited_stream(rows, actor=actor, export=export, action=LIST_DOWNLOAD)
