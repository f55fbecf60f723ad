"""The recruitment funnel, carers approved and lost, and capacity. Pure: plain rows in, figures out.

Rows come from ``fostering.selectors_carers``; pages, CSVs, the API and tests share this
arithmetic. No Django and no names: only dates, sources, councils and counts.

Definitions, so anyone can check a figure by hand:
- *window*: the ``months`` calendar months ending with the month of ``today``.
- *funnel by month* is by cohort: enquiries received in a month, and how many of *those* have
  reached each stage so far. Recent months are still moving, so their later stages look low.
- a row has *reached* a stage when it has a date for that stage or any later one (someone
  approved had an application, even where its date was not recorded).
- *conversion* between two stages: reached the later / reached the earlier (None when the
  earlier is 0). ``enquiry_to_application`` is the national headline (about 6%; 23% in a hub).
- *median days* of a step: calendar days between the two dates, for rows of the window that
  have both, to 0.1 of a day.
- *carers approved / lost* by the month of their approval / of leaving; net = approved - lost.
- *capacity*: active carers only. Places = approved number of children; free = places less
  children living there (never below 0); offered = places in vacancies still open or held.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

TENTH = Decimal("0.1")
MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# (attribute of Counts, date field of EnquiryRow), in funnel order
STAGES = (
    ("enquiries", "received_on"),
    ("initial_visits", "initial_visit_on"),
    ("applications", "application_on"),
    ("stage_2", "stage_2_on"),
    ("approvals", "approved_on"),
)
STAGE_LABELS = {
    "enquiries": "Enquiries",
    "initial_visits": "Initial visits",
    "applications": "Applications",
    "stage_2": "Stage 2 starts",
    "approvals": "Approvals",
}
STEPS = (  # (label, from date, to date) of the median-days table
    ("Enquiry to initial visit", "received_on", "initial_visit_on"),
    ("Initial visit to application", "initial_visit_on", "application_on"),
    ("Application to Stage 2", "application_on", "stage_2_on"),
    ("Stage 2 to approval", "stage_2_on", "approved_on"),
    ("Enquiry to approval", "received_on", "approved_on"),
)


@dataclass(frozen=True)
class EnquiryRow:
    received_on: date
    source: str
    initial_visit_on: date | None = None
    application_on: date | None = None
    stage_2_on: date | None = None
    approved_on: date | None = None


@dataclass(frozen=True)
class CarerRow:
    council: str
    approved_on: date
    left_on: date | None = None
    active: bool = True
    places: int = 1
    children: int = 0
    offered: int = 0


@dataclass(frozen=True)
class Counts:
    key: str  # "2025-01" for a month, the source's code for a source, "all" for the total
    label: str
    enquiries: int
    initial_visits: int
    applications: int
    stage_2: int
    approvals: int

    @property
    def visit_rate(self) -> Fraction | None:
        return share(self.initial_visits, self.enquiries)

    @property
    def application_rate(self) -> Fraction | None:
        return share(self.applications, self.initial_visits)

    @property
    def stage_2_rate(self) -> Fraction | None:
        return share(self.stage_2, self.applications)

    @property
    def approval_rate(self) -> Fraction | None:
        return share(self.approvals, self.stage_2)

    @property
    def enquiry_to_application(self) -> Fraction | None:
        return share(self.applications, self.enquiries)

    @property
    def enquiry_to_approval(self) -> Fraction | None:
        return share(self.approvals, self.enquiries)


@dataclass(frozen=True)
class StageTime:
    step: str
    people: int
    median_days: Decimal | None


@dataclass(frozen=True)
class CarerMonth:
    key: str
    label: str
    approved: int
    lost: int

    @property
    def net(self) -> int:
        return self.approved - self.lost


@dataclass(frozen=True)
class Capacity:
    council: str
    carers: int
    places: int
    children: int
    free_places: int
    offered: int


@dataclass(frozen=True)
class Funnel:
    months: list[Counts]
    sources: list[Counts]
    total: Counts
    stage_times: list[StageTime]
    carers: list[CarerMonth]
    carers_total: CarerMonth
    capacity: list[Capacity]  # by council, then a total row when there is more than one

    @property
    def stages(self) -> list[tuple[str, int, Fraction | None]]:
        """(label, people, conversion from the stage before) of the whole window."""
        rows, before = [], None
        for name, _ in STAGES:
            value = getattr(self.total, name)
            rows.append(
                (STAGE_LABELS[name], value, None if before is None else share(value, before))
            )
            before = value
        return rows


def share(part: int, whole: int) -> Fraction | None:
    return Fraction(part, whole) if whole else None


def month_key(on: date) -> str:
    return f"{on.year:04d}-{on.month:02d}"


def month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{MONTH_NAMES[int(month) - 1]} {year}"


def window(today: date, months: int = 12) -> list[str]:
    """The month keys of the window, oldest first, ending with today's month."""
    index = today.year * 12 + today.month - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - months + 1, index + 1)]


def reached(row: EnquiryRow) -> tuple[bool, ...]:
    """Whether the row reached each stage: a later stage's date implies the earlier ones."""
    dates = [getattr(row, field) is not None for _, field in STAGES]
    return tuple(any(dates[i:]) for i in range(len(dates)))


def _counts(key: str, label: str, rows: Iterable[EnquiryRow]) -> Counts:
    totals = [0] * len(STAGES)
    for row in rows:
        totals = [t + r for t, r in zip(totals, reached(row), strict=True)]
    return Counts(key, label, *totals)


def _median(values: Sequence[int]) -> Decimal | None:
    if not values:
        return None
    return Decimal(str(statistics.median(values))).quantize(TENTH, rounding=ROUND_HALF_UP)


def stage_times(rows: Sequence[EnquiryRow]) -> list[StageTime]:
    times = []
    for label, start, end in STEPS:
        days = [
            (getattr(r, end) - getattr(r, start)).days
            for r in rows
            if getattr(r, start) is not None and getattr(r, end) is not None
        ]
        times.append(StageTime(label, len(days), _median(days)))
    return times


def _grouped(rows: Iterable[EnquiryRow], key: Callable[[EnquiryRow], str]):
    groups: dict[str, list[EnquiryRow]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return groups


def by_month(rows: Sequence[EnquiryRow], months: Sequence[str]) -> list[Counts]:
    groups = _grouped(rows, lambda r: month_key(r.received_on))
    return [_counts(m, month_label(m), groups.get(m, [])) for m in months]


def by_source(rows: Sequence[EnquiryRow], labels: Mapping[str, str]) -> list[Counts]:
    """Most enquiries first (then by label), so the biggest sources lead."""
    groups = _grouped(rows, lambda r: r.source)
    made = [_counts(s, labels.get(s, s), found) for s, found in groups.items()]
    return sorted(made, key=lambda c: (-c.enquiries, c.label))


def carers_by_month(carers: Sequence[CarerRow], months: Sequence[str]) -> list[CarerMonth]:
    approved = _tally(month_key(c.approved_on) for c in carers)
    lost = _tally(month_key(c.left_on) for c in carers if c.left_on is not None)
    return [CarerMonth(m, month_label(m), approved[m], lost[m]) for m in months]


def _tally(keys: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for key in keys:
        counts[key] += 1
    return counts


def capacity(
    carers: Iterable[CarerRow], everyone: str = "All councils", *, with_total: bool = True
) -> list[Capacity]:
    councils: dict[str, list[CarerRow]] = defaultdict(list)
    for carer in carers:
        if carer.active:
            councils[carer.council].append(carer)
    rows = [_capacity(name, councils[name]) for name in sorted(councils)]
    if with_total and len(rows) > 1:
        rows.append(_capacity(everyone, [c for name in sorted(councils) for c in councils[name]]))
    return rows


def _capacity(council: str, carers: Sequence[CarerRow]) -> Capacity:
    return Capacity(
        council=council,
        carers=len(carers),
        places=sum(c.places for c in carers),
        children=sum(c.children for c in carers),
        free_places=sum(max(c.places - c.children, 0) for c in carers),
        offered=sum(c.offered for c in carers),
    )


def funnel(
    enquiries: Iterable[EnquiryRow],
    carers: Iterable[CarerRow],
    *,
    today: date,
    months: int = 12,
    source_labels: Mapping[str, str] | None = None,
) -> Funnel:
    keys = window(today, months)
    first = date(int(keys[0][:4]), int(keys[0][5:]), 1)
    rows = [r for r in enquiries if first <= r.received_on <= today]
    carer_rows = list(carers)
    per_month = carers_by_month(carer_rows, keys)
    return Funnel(
        months=by_month(rows, keys),
        sources=by_source(rows, source_labels or {}),
        total=_counts("all", "All enquiries", rows),
        stage_times=stage_times(rows),
        carers=per_month,
        carers_total=CarerMonth(
            "all",
            "All months",
            sum(c.approved for c in per_month),
            sum(c.lost for c in per_month),
        ),
        capacity=capacity(carer_rows),
    )
