"""Importing Ofsted's provider-level data into the register, idempotently by URN."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from providers.models import OfstedInspection, ProviderOrganisation, Setting
from providers.ofsted import OfstedFileError, OfstedRow, RowError, parse_ofsted_csv
from rcc import audit
from rcc.models import LocalAuthority, Region

UNKNOWN_PROVIDER = "Unknown provider (Ofsted)"
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"  # ImportReport's lists
ADDED, CORRECTED = "added", "corrected"


@dataclass
class ImportReport:
    """What an import did (or, when ``imported`` is False, why it did nothing)."""

    imported: bool = False
    created: list[str] = field(default_factory=list)  # URNs
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[RowError] = field(default_factory=list)
    inspections_added: int = 0

    @property
    def counts(self) -> dict[str, int]:
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "rejected": len(self.rejected),
            "inspections_added": self.inspections_added,
        }


def import_ofsted(*, text: str, actor, region: Region | None = None) -> ImportReport:
    """Create or update a setting per row of Ofsted's CSV: every row, or none at all.

    Any rejected row (a bad value, a council we do not know) refuses the whole
    file, so a half-applied import can never leave the register inconsistent.
    Importing the same file twice changes nothing. ``region`` is where the
    audit event is filed (the importing commissioner's region); the data itself
    is national. Raises ``OfstedFileError`` when the file cannot be read at all.
    """
    try:
        parsed = parse_ofsted_csv(text)
    except OfstedFileError as exc:
        _audit_refusal(actor, region, {"file_error": str(exc)})
        raise
    with transaction.atomic():
        councils = _councils_by_name()
        rejected = parsed.errors + _unknown_councils(parsed.rows, councils)
        if rejected:
            rejected.sort(key=lambda error: error.row)
            _audit_refusal(actor, region, {"rows": len(parsed.rows), "rejected": len(rejected)})
            return ImportReport(imported=False, rejected=rejected)
        report = _apply(parsed.rows, councils)
        audit.record(
            actor=actor,
            action="ofsted.imported",
            object_type="providers.setting",
            region=region,
            metadata=report.counts,
        )
    return report


def _audit_refusal(actor, region: Region | None, metadata: dict) -> None:
    audit.record(
        actor=actor,
        action="ofsted.import_refused",
        object_type="providers.setting",
        region=region,
        metadata=metadata,
    )


def _council_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _councils_by_name() -> dict[str, LocalAuthority]:
    return {_council_key(council.name): council for council in LocalAuthority.objects.all()}


def _unknown_councils(rows: list[OfstedRow], councils: dict) -> list[RowError]:
    return [
        RowError(row.row, "Local authority", f"'{row.local_authority}' is not a council we know")
        for row in rows
        if _council_key(row.local_authority) not in councils
    ]


def _apply(rows: list[OfstedRow], councils: dict[str, LocalAuthority]) -> ImportReport:
    report = ImportReport(imported=True)
    existing = Setting.objects.select_for_update().in_bulk(
        [row.urn for row in rows], field_name="urn"
    )
    for row in rows:
        council = councils[_council_key(row.local_authority)]
        outcome, added = _apply_row(row, council, existing.get(row.urn))
        getattr(report, outcome).append(row.urn)
        report.inspections_added += added
    return report


def _apply_row(
    row: OfstedRow, council: LocalAuthority, setting: Setting | None
) -> tuple[str, bool]:
    """Write one row; returns its outcome and whether it added an inspection."""
    created = setting is None
    if setting is None:
        setting = _create_setting(row, council)
    fields_changed = not created and _update_setting(setting, row, council)
    inspection = _record_inspection(setting, row)
    latest_moved = _refresh_latest(setting)
    if created:
        return CREATED, inspection == ADDED
    changed = fields_changed or inspection or latest_moved
    return (UPDATED if changed else UNCHANGED), inspection == ADDED


def _create_setting(row: OfstedRow, council: LocalAuthority) -> Setting:
    return Setting.objects.create(
        urn=row.urn,
        name=row.setting_name or f"Setting {row.urn}",
        provider=_provider(row),
        setting_type=row.setting_type,
        local_authority=council,
        registered_places=row.places or 0,
        postcode=row.postcode or "",
    )


def _provider(row: OfstedRow) -> ProviderOrganisation:
    name = row.owner or UNKNOWN_PROVIDER
    provider = ProviderOrganisation.objects.filter(name__iexact=name).order_by("pk").first()
    return provider or ProviderOrganisation.objects.create(name=name, sector=row.sector)


def _update_setting(setting: Setting, row: OfstedRow, council: LocalAuthority) -> bool:
    """Bring the fields Ofsted owns up to date; blank places and a missing postcode are kept."""
    wanted = {"setting_type": row.setting_type, "local_authority_id": council.pk}
    if row.places is not None:
        wanted["registered_places"] = row.places
    if row.postcode is not None:
        wanted["postcode"] = row.postcode
    changed = [name for name, value in wanted.items() if getattr(setting, name) != value]
    for name in changed:
        setattr(setting, name, wanted[name])
    if changed:
        setting.updated_at = timezone.now()
        setting.save(update_fields=[*changed, "updated_at"])
    return bool(changed)


def _record_inspection(setting: Setting, row: OfstedRow) -> str:
    """Add the row's inspection unless we hold it already: ADDED, CORRECTED or ""."""
    if not row.has_inspection:
        return ""
    inspection, created = OfstedInspection.objects.get_or_create(
        setting=setting,
        inspected_on=row.inspected_on,
        inspection_type=row.inspection_type,
        defaults={"overall_judgement": row.judgement},
    )
    if created:
        return ADDED
    if inspection.overall_judgement == row.judgement:
        return ""
    # Ofsted corrected a published judgement: theirs is the record.
    inspection.overall_judgement = row.judgement
    inspection.save(update_fields=["overall_judgement"])
    return CORRECTED


def _refresh_latest(setting: Setting) -> bool:
    """Keep the denormalised latest judgement equal to the newest inspection we hold."""
    newest = setting.inspections.order_by("-inspected_on", "-pk").first()
    wanted = (newest.overall_judgement, newest.inspected_on) if newest else (None, None)
    if (setting.latest_judgement, setting.latest_inspection_on) == wanted:
        return False
    setting.latest_judgement, setting.latest_inspection_on = wanted
    setting.save(update_fields=["latest_judgement", "latest_inspection_on"])
    return True
