"""The support offer: a year of support groups, training and information events, and the next
three months, with bookings and attendance."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from fostering.demo.hub import Hub, surname
from fostering.models import ApprovedCarer, Attendance, SupportEvent
from fostering.services import carers as carer_services
from placements.demo.care_history import BOYS, GIRLS

TRAINING = ("Safer caring", "Therapeutic parenting", "Managing allegations", "Education and PEPs",
            "Life story work", "Paediatric first aid", "Contact with birth families")  # fmt: skip


def hold_events(hub: Hub, carers: list[ApprovedCarer]) -> None:
    """A year of monthly groups and training, information events every six weeks, and the next
    three months; carers booked on each, attendance recorded for those already held."""
    K = SupportEvent.Kind
    place = hub.region.lead_council.name if hub.region.lead_council_id else hub.region.name
    events = []
    for month in range(-11, 3):
        day = hub.today + timedelta(days=30 * month)
        events.append((K.SUPPORT_GROUP, "Carers' coffee morning", day, 10, 20))
        events.append(
            (K.TRAINING, TRAINING[month % len(TRAINING)], day + timedelta(days=9), 13, 25)
        )
    for weeks in range(-48, 13, 6):
        events.append((K.INFORMATION, "Thinking about fostering? Information evening",
                       hub.today + timedelta(weeks=weeks, days=3), 18, 40))  # fmt: skip
    for kind, title, day, hour, capacity in events:
        event = carer_services.create_support_event(
            actor=hub.actor,
            region=hub.region,
            kind=kind,
            title=title,
            starts_at=timezone.make_aware(datetime.combine(day, time(hour))),
            location=f"{place} fostering hub",
            capacity=capacity,
        )
        _bookings(hub, event, carers)


def _bookings(hub: Hub, event: SupportEvent, carers: list[ApprovedCarer]) -> None:
    rng, held = hub.rng, event.starts_at < timezone.now()
    count = rng.randint(event.capacity // 3, event.capacity - 2)
    if event.kind == SupportEvent.Kind.INFORMATION:
        rows = [
            Attendance(
                event=event,
                name=f"{rng.choice(BOYS + GIRLS)} {surname(hub)}",
                email=f"guest{n}.{event.pk}@example.com",
                attended=(rng.random() < 0.75) if held else None,
            )
            for n in range(count)
        ]
    else:
        active = [c for c in carers if c.is_active]
        rows = [
            Attendance(event=event, carer=c, attended=(rng.random() < 0.8) if held else None)
            for c in rng.sample(active, min(count, len(active)))
        ]
    Attendance.objects.bulk_create(rows)
