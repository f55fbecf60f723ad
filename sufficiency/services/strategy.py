"""The strategy's life: a draft is written with figures frozen from live data, sent for
approval, approved (which publishes it, once) or returned with comments.

Publishing claims the version with a conditional UPDATE (sent for approval -> published) and
gives it the strategy's next number, which the database holds unique per strategy: a second
approval of the same version, or of another at the same moment, cannot publish twice.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from rcc import audit
from rcc.models import Region, User
from rcc.services import ServiceError
from sufficiency import frozen
from sufficiency.models.strategy import (
    SECTIONS,
    ApprovalDecision,
    MarketPositionStatement,
    Strategy,
    StrategyAction,
    StrategyVersion,
)
from sufficiency.selectors.strategy import live_figures

Status = StrategyVersion.Status


def _audit(actor: User, action: str, obj: Any, region: Region, **extra: Any) -> None:
    audit.record(actor=actor, action=action, obj=obj, region=region, **extra)


def _snapshot(strategy: Strategy) -> dict[str, Any]:
    """The live figures of the strategy's region now, frozen as JSON: read by the selector,
    shaped by the pure ``frozen``."""
    return frozen.freeze(as_of=timezone.localdate().isoformat(), **live_figures(strategy))


@transaction.atomic
def create_strategy(*, region: Region, title: str, period: str, actor: User) -> StrategyVersion:
    """A strategy and its first draft, with the region's figures as they are now."""
    strategy = Strategy.objects.create(region=region, title=title, period=period, created_by=actor)
    _audit(actor, "strategy.created", strategy, region)
    return _new_version(strategy, sections={key: "" for key, _ in SECTIONS}, actor=actor)


def _new_version(
    strategy: Strategy, *, sections: dict[str, str], actor: User, summary: str = ""
) -> StrategyVersion:
    try:
        with transaction.atomic():
            version = StrategyVersion.objects.create(
                strategy=strategy,
                sections=sections,
                figures=_snapshot(strategy),
                figures_at=timezone.now(),
                created_by=actor,
            )
    except IntegrityError:
        raise ServiceError("This strategy already has a draft: finish that one first.") from None
    MarketPositionStatement.objects.create(version=version, summary=summary)
    _audit(actor, "strategy.draft_started", version, strategy.region)
    return version


@transaction.atomic
def start_new_version(*, strategy: Strategy, actor: User) -> StrategyVersion:
    """A new draft from the latest published version's text, with today's figures."""
    latest = strategy.versions.published().order_by("-number").first()
    sections = dict(latest.sections) if latest else {key: "" for key, _ in SECTIONS}
    summary = latest.market_position.summary if latest else ""
    return _new_version(strategy, sections=sections, actor=actor, summary=summary)


def _editable(version: StrategyVersion) -> None:
    if not version.is_editable:
        raise ServiceError(
            f"This version is {version.get_status_display().lower()}: it cannot change."
        )


@transaction.atomic
def save_sections(
    *, version: StrategyVersion, sections: dict[str, str], summary: str, actor: User
) -> None:
    _editable(version)
    unknown = set(sections) - {key for key, _ in SECTIONS}
    if unknown:
        raise ServiceError(f"Unknown sections: {', '.join(sorted(unknown))}")
    sections = {key: frozen.section_text(text) for key, text in sections.items()}
    changed = frozen.sections_changed({k: version.sections.get(k, "") for k in sections}, sections)
    updated = StrategyVersion.objects.filter(
        pk=version.pk, status__in=[Status.DRAFT, Status.RETURNED]
    ).update(sections={**version.sections, **sections})
    if not updated:
        raise ServiceError("This version was sent for approval meanwhile: it cannot change.")
    MarketPositionStatement.objects.filter(version=version).update(summary=summary)
    _audit(
        actor, "strategy.sections_saved", version, version.strategy.region, changed_fields=changed
    )


@transaction.atomic
def refresh_figures(*, version: StrategyVersion, actor: User) -> None:
    """Freeze the region's live figures into the draft again (they stay as they are after)."""
    _editable(version)
    StrategyVersion.objects.filter(
        pk=version.pk, status__in=[Status.DRAFT, Status.RETURNED]
    ).update(figures=_snapshot(version.strategy), figures_at=timezone.now())
    _audit(actor, "strategy.figures_refreshed", version, version.strategy.region)


@transaction.atomic
def submit_version(*, version: StrategyVersion, actor: User) -> None:
    if not any(text.strip() for text in version.sections.values()):
        raise ServiceError("Write at least one section before sending the draft for approval.")
    sent = StrategyVersion.objects.filter(
        pk=version.pk, status__in=[Status.DRAFT, Status.RETURNED]
    ).update(status=Status.SUBMITTED, submitted_at=timezone.now())
    if not sent:
        raise ServiceError("This version is not a draft: it cannot be sent for approval.")
    ApprovalDecision.objects.create(
        version=version, decision=ApprovalDecision.Decision.SUBMITTED, decided_by=actor
    )
    _audit(actor, "strategy.submitted", version, version.strategy.region)


def _previous_published(strategy: Strategy) -> StrategyVersion | None:
    return strategy.versions.published().order_by("-number").first()


@transaction.atomic
def approve_version(*, version: StrategyVersion, comment: str, actor: User) -> StrategyVersion:
    """Publish the version sent for approval: exactly once, with the strategy's next number
    and what changed since the previous published version."""
    Strategy.objects.select_for_update().filter(pk=version.strategy_id).first()
    previous = _previous_published(version.strategy)
    number = (version.strategy.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    changes = frozen.changes(
        previous.figures if previous else None,
        previous.sections if previous else None,
        version.figures,
        version.sections,
    )
    try:
        with transaction.atomic():
            claimed = StrategyVersion.objects.filter(pk=version.pk, status=Status.SUBMITTED).update(
                status=Status.PUBLISHED, number=number, published_at=timezone.now(), changes=changes
            )
            if not claimed:
                raise ServiceError("This version is not waiting for approval (decided already?).")
            ApprovalDecision.objects.create(
                version=version,
                decision=ApprovalDecision.Decision.APPROVED,
                comment=comment,
                decided_by=actor,
            )
    except IntegrityError:
        raise ServiceError("This version was published already.") from None
    _audit(
        actor, "strategy.published", version, version.strategy.region, metadata={"number": number}
    )
    version.refresh_from_db()
    return version


@transaction.atomic
def return_version(*, version: StrategyVersion, comment: str, actor: User) -> None:
    if not comment.strip():
        raise ServiceError("Say what needs to change before returning the draft.")
    returned = StrategyVersion.objects.filter(pk=version.pk, status=Status.SUBMITTED).update(
        status=Status.RETURNED
    )
    if not returned:
        raise ServiceError("This version is not waiting for approval (decided already?).")
    ApprovalDecision.objects.create(
        version=version,
        decision=ApprovalDecision.Decision.RETURNED,
        comment=comment,
        decided_by=actor,
    )
    _audit(actor, "strategy.returned", version, version.strategy.region)


# Actions -------------------------------------------------------------------------------------
ACTION_FIELDS = ("title", "owner", "due_on", "status")


@transaction.atomic
def add_action(*, strategy: Strategy, data: dict[str, Any], actor: User) -> StrategyAction:
    action = StrategyAction.objects.create(
        strategy=strategy, **{k: data[k] for k in ACTION_FIELDS if k in data}
    )
    _audit(actor, "strategy.action_added", action, strategy.region)
    return action


@transaction.atomic
def update_action(*, action: StrategyAction, data: dict[str, Any], actor: User) -> None:
    changed = [k for k in ACTION_FIELDS if k in data and getattr(action, k) != data[k]]
    StrategyAction.objects.filter(pk=action.pk).update(
        updated_at=timezone.now(), **{k: data[k] for k in changed}
    )
    _audit(actor, "strategy.action_updated", action, action.strategy.region, changed_fields=changed)
