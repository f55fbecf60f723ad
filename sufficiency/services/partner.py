"""Storing a partner's quarterly dataset: every row of the file, or none at all."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from rcc import audit
from rcc.models import LocalAuthority, Region, User
from sufficiency.models.partner import PartnerDataset, PartnerFigure
from sufficiency.partner_data import (
    CouncilCheck,
    PartnerFileError,
    PartnerRow,
    RowError,
    parse_partner_csv,
)


@dataclass
class UploadReport:
    """What an upload did (or, when ``dataset`` is None, the rows that stopped it)."""

    dataset: PartnerDataset | None = None
    rejected: list[RowError] = field(default_factory=list)
    replaced: int = 0  # earlier figures of the same quarters that this upload replaced

    @property
    def stored(self) -> bool:
        return self.dataset is not None


def upload_partner_dataset(*, kind: str, text: str, actor: User, region: Region) -> UploadReport:
    """Store a partner's CSV of ``kind`` for ``region``, replacing the same quarters' figures.

    Any bad row (a bad value, a council we do not know or one of another region) refuses
    the whole file and the report lists every one. Uploading the same file again leaves
    the same figures. Raises ``PartnerFileError`` when the file cannot be used at all.
    Audited either way; the figures are aggregates, so the event holds no personal data.
    """
    councils = _councils()
    try:
        rows, rejected = parse_partner_csv(
            kind, text, check_council=_council_check(councils, region)
        )
    except PartnerFileError as exc:
        _audit(actor, region, "partner_data.upload_refused", {"kind": kind, "file_error": str(exc)})
        raise
    with transaction.atomic():
        # One upload per region at a time: the replace below is read-then-write.
        Region.objects.select_for_update().filter(pk=region.pk).first()
        if rejected:
            _audit(actor, region, "partner_data.upload_refused", _counts(kind, rows, rejected))
            return UploadReport(rejected=rejected)
        report = _store(kind, rows, councils, actor, region)
        _audit(actor, region, "partner_data.uploaded", _stored_counts(report), report.dataset)
    return report


def _councils() -> dict[str, LocalAuthority]:
    """Every council by GSS code (about 150 rows: cheaper than asking per code)."""
    return {council.gss_code: council for council in LocalAuthority.objects.all()}


def _council_check(councils: dict[str, LocalAuthority], region: Region) -> CouncilCheck:
    def check(code: str) -> None:
        council = councils.get(code)
        if council is None:
            raise ValueError(f"'{code}' is not a council we know")
        if council.region_id != region.pk:
            raise ValueError(f"'{code}' is {council.name}, which is not a council of {region.name}")

    return check


def _store(
    kind: str, rows: list[PartnerRow], councils: dict[str, LocalAuthority], actor, region
) -> UploadReport:
    quarters = sorted({row.quarter for row in rows})
    earlier = PartnerFigure.objects.filter(
        dataset__region=region, dataset__kind=kind, quarter__in=quarters
    )
    touched = set(earlier.values_list("dataset_id", flat=True))
    replaced, _ = earlier.delete()
    dataset = PartnerDataset.objects.create(
        region=region,
        kind=kind,
        uploaded_by=actor,
        first_quarter=quarters[0],
        last_quarter=quarters[-1],
        row_count=len(rows),
    )
    PartnerFigure.objects.bulk_create(
        PartnerFigure(
            dataset=dataset,
            quarter=row.quarter,
            local_authority=councils[row.la_code],
            measure=row.measure,
            value=row.value,
        )
        for row in rows
    )
    _mark_replaced(touched)
    return UploadReport(dataset=dataset, replaced=replaced)


def _mark_replaced(dataset_ids: set[int]) -> None:
    """Earlier uploads that lost figures: replaced if none are left, else partly replaced."""
    left = set(
        PartnerFigure.objects.filter(dataset_id__in=dataset_ids).values_list(
            "dataset_id", flat=True
        )
    )
    datasets = PartnerDataset.objects.filter(pk__in=dataset_ids - left)
    datasets.update(status=PartnerDataset.Status.REPLACED)
    datasets = PartnerDataset.objects.filter(pk__in=left)
    datasets.update(status=PartnerDataset.Status.PARTLY_REPLACED)


def _counts(kind: str, rows: list[PartnerRow], rejected: list[RowError]) -> dict:
    return {"kind": kind, "parsed_rows": len(rows), "problems": len(rejected)}


def _stored_counts(report: UploadReport) -> dict:
    dataset = report.dataset
    return {
        "kind": dataset.kind,
        "rows": dataset.row_count,
        "first_quarter": dataset.first_quarter,
        "last_quarter": dataset.last_quarter,
        "replaced": report.replaced,
    }


def _audit(actor, region: Region, action: str, metadata: dict, dataset=None) -> None:
    audit.record(
        actor=actor,
        action=action,
        obj=dataset,
        object_type="sufficiency.partnerdataset",
        region=region,
        metadata=metadata,
    )
