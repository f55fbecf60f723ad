"""Keep enquiries no longer than the privacy notice says: two years after the last contact."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Coalesce

from fostering.models import Enquiry
from rcc import audit

KEEP_FOR = timedelta(days=2 * 365)


@transaction.atomic
def delete_stale_enquiries(*, today: date) -> int:
    """Delete enquiries that never became applications and have had no contact for two years.

    Applicants' records are kept: they belong to the assessment and the carer's file.
    """
    cutoff = today - KEEP_FOR
    stale = (
        Enquiry.objects.filter(applicant__isnull=True)
        .annotate(last=Coalesce(Max("contacts__made_at__date"), "received_at__date"))
        .filter(Q(last__lt=cutoff))
    )
    ids = list(stale.values_list("pk", flat=True))
    Enquiry.objects.filter(pk__in=ids).delete()
    if ids:
        audit.record(
            actor=None,
            action="fostering.enquiries.deleted",
            object_type="fostering.enquiry",
            metadata={"count": len(ids), "cutoff": cutoff.isoformat()},
        )
    return len(ids)
