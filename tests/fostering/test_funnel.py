"""The funnel and the charts, pure: hand-computed rows in, figures out."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from fostering import funnel
from fostering.funnel import CarerRow, EnquiryRow
from rcc.kit import charts

TODAY = date(2025, 3, 31)
D = date
# Five enquiries in the window (January to March with months=3), one before it.
ENQUIRIES = [
    EnquiryRow(D(2025, 1, 5), "website", D(2025, 1, 10), D(2025, 1, 20), D(2025, 3, 1),
               D(2025, 3, 10)),
    EnquiryRow(D(2025, 1, 20), "social", D(2025, 1, 25)),
    EnquiryRow(D(2025, 2, 3), "website"),
    EnquiryRow(D(2025, 2, 10), "website", D(2025, 2, 12), D(2025, 2, 28)),
    EnquiryRow(D(2025, 3, 1), "event"),
    EnquiryRow(D(2024, 12, 31), "website", D(2025, 1, 2)),  # before the window
]  # fmt: skip
CARERS = [
    CarerRow("Bolton", D(2025, 1, 15), places=2, children=1, offered=1),
    CarerRow("Bolton", D(2020, 5, 1), left_on=D(2025, 2, 20), active=False),
    CarerRow("Bury", D(2025, 2, 2), places=3, children=0, offered=2),
    CarerRow("Bury", D(2025, 3, 3), places=1, children=1),
    CarerRow("Bury", D(2024, 12, 1), left_on=D(2024, 12, 20), active=False),  # before the window
]
LABELS = {"website": "This website", "social": "Social media", "event": "An information event"}


@pytest.fixture
def figures() -> funnel.Funnel:
    return funnel.funnel(ENQUIRIES, CARERS, today=TODAY, months=3, source_labels=LABELS)


def _counts(c: funnel.Counts) -> tuple[int, ...]:
    return (c.enquiries, c.initial_visits, c.applications, c.stage_2, c.approvals)


@pytest.mark.parametrize(
    ("today", "months", "expected"),
    [
        (D(2025, 3, 31), 3, ["2025-01", "2025-02", "2025-03"]),
        (D(2025, 2, 1), 3, ["2024-12", "2025-01", "2025-02"]),
        (D(2025, 1, 15), 1, ["2025-01"]),
        (D(2025, 12, 31), 12, [f"2025-{m:02d}" for m in range(1, 13)]),
    ],
)
def test_the_window_is_whole_months_ending_this_month(today, months, expected):
    assert funnel.window(today, months) == expected


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (EnquiryRow(D(2025, 1, 1), "web"), (True, False, False, False, False)),
        (EnquiryRow(D(2025, 1, 1), "web", D(2025, 1, 3)), (True, True, False, False, False)),
        # an approval without the earlier dates still counts at every stage before it
        (EnquiryRow(D(2025, 1, 1), "web", approved_on=D(2025, 6, 1)), (True,) * 5),
        (EnquiryRow(D(2025, 1, 1), "web", stage_2_on=D(2025, 3, 1)), (True,) * 4 + (False,)),
    ],
)  # fmt: skip
def test_a_later_stage_implies_the_earlier_ones(row, expected):
    assert funnel.reached(row) == expected


def test_months_count_each_cohort_by_its_month_of_enquiry(figures):
    assert [(m.key, m.label, _counts(m)) for m in figures.months] == [
        ("2025-01", "Jan 2025", (2, 2, 1, 1, 1)),
        ("2025-02", "Feb 2025", (2, 1, 1, 0, 0)),
        ("2025-03", "Mar 2025", (1, 0, 0, 0, 0)),
    ]
    assert _counts(figures.total) == (5, 3, 2, 1, 1)


def test_conversion_is_between_each_stage_and_the_one_before(figures):
    t = figures.total
    assert (t.visit_rate, t.application_rate, t.stage_2_rate, t.approval_rate) == (
        Fraction(3, 5),
        Fraction(2, 3),
        Fraction(1, 2),
        Fraction(1, 1),
    )
    assert (t.enquiry_to_application, t.enquiry_to_approval) == (Fraction(2, 5), Fraction(1, 5))
    march = figures.months[2]
    assert (march.visit_rate, march.application_rate) == (Fraction(0), None)
    assert figures.stages == [
        ("Enquiries", 5, None),
        ("Initial visits", 3, Fraction(3, 5)),
        ("Applications", 2, Fraction(2, 3)),
        ("Stage 2 starts", 1, Fraction(1, 2)),
        ("Approvals", 1, Fraction(1)),
    ]


def test_sources_come_most_enquiries_first_then_by_label(figures):
    assert [(s.key, s.label, _counts(s)) for s in figures.sources] == [
        ("website", "This website", (3, 2, 2, 1, 1)),
        ("event", "An information event", (1, 0, 0, 0, 0)),
        ("social", "Social media", (1, 1, 0, 0, 0)),
    ]


def test_median_days_of_each_step(figures):
    assert [(t.step, t.people, t.median_days) for t in figures.stage_times] == [
        ("Enquiry to initial visit", 3, Decimal("5.0")),  # 5, 5, 2
        ("Initial visit to application", 2, Decimal("13.0")),  # 10, 16
        ("Application to Stage 2", 1, Decimal("40.0")),  # 20 January to 1 March
        ("Stage 2 to approval", 1, Decimal("9.0")),
        ("Enquiry to approval", 1, Decimal("64.0")),
    ]


def test_a_step_nobody_finished_has_no_median():
    f = funnel.funnel([EnquiryRow(D(2025, 3, 2), "web")], [], today=TODAY, months=1)
    assert [t.median_days for t in f.stage_times] == [None] * 5
    assert f.sources[0].label == "web"  # no label known: the code itself


def test_carers_approved_and_lost_by_month_with_the_net_change(figures):
    assert [(c.label, c.approved, c.lost, c.net) for c in figures.carers] == [
        ("Jan 2025", 1, 0, 1),
        ("Feb 2025", 1, 1, 0),
        ("Mar 2025", 1, 0, 1),
    ]
    total = figures.carers_total
    assert (total.approved, total.lost, total.net) == (3, 1, 2)


def test_capacity_counts_active_carers_by_council_with_a_total(figures):
    rows = [(c.council, c.carers, c.places, c.children, c.free_places, c.offered)
            for c in figures.capacity]  # fmt: skip
    assert rows == [
        ("Bolton", 1, 2, 1, 1, 1),
        ("Bury", 2, 4, 1, 3, 2),
        ("All councils", 3, 6, 2, 4, 3),
    ]


def test_free_places_never_go_below_zero_and_one_council_has_no_total_row():
    rows = funnel.capacity([CarerRow("Wigan", D(2020, 1, 1), places=1, children=2)])
    assert [(r.council, r.free_places) for r in rows] == [("Wigan", 0)]
    assert (
        funnel.capacity([CarerRow("A", TODAY), CarerRow("B", TODAY)], with_total=False)[-1].council
        == "B"
    )


def test_nothing_at_all_gives_zeros_not_errors():
    f = funnel.funnel([], [], today=TODAY)
    assert len(f.months) == 12 and _counts(f.total) == (0, 0, 0, 0, 0)
    assert f.total.visit_rate is None and f.sources == [] and f.capacity == []


# Charts ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (0, [0, 1]),
        (7, [0, 2, 4, 6, 8]),
        (23, [0, 5, 10, 15, 20, 25]),
        (300, [0, 100, 200, 300]),
        (0.4, [0, 0.1, 0.2, 0.3, 0.4]),
    ],
)
def test_axis_ticks_are_round_numbers_reaching_the_top(top, ticks):
    assert charts.nice_ticks(top) == ticks


def _bars() -> str:
    return charts.bar_chart(
        chart_id="c1",
        title="Places <by> council",
        description="Numbers & more",
        labels=["Brighton & Hove", "Kent"],
        series=[("Places", [3, 5]), ("Free places", [1, 0])],
    )


def test_a_bar_chart_is_an_image_with_a_title_and_escaped_text():
    svg = _bars()
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'role="img"' in svg and 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Places &lt;by&gt; council</title>' in svg
    assert "Brighton &amp; Hove" in svg and "Brighton & Hove" not in svg
    assert svg.count("<rect") == 4 + 2  # four bars and two legend keys


def test_charts_need_no_script_no_inline_style_and_nothing_from_elsewhere():
    lines = charts.line_chart(
        chart_id="c2", title="T", description="D", labels=["Jan 2025", "Feb 2025"],
        series=[("Enquiries", [10, 12]), ("Approvals", [0, 1])],
    )  # fmt: skip
    for svg in (_bars(), lines):
        assert "<script" not in svg and "style=" not in svg and "@font-face" not in svg
        assert re.findall(r"https?://[^\"]+", svg) == ["http://www.w3.org/2000/svg"]
    assert lines.count("<polyline") == 2 and lines.count("<circle") == 4
    assert 'stroke-dasharray="8 4"' in lines  # the second series is told apart by more than colour
