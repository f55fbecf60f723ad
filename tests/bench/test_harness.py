"""The bench harness's pure parts: the figures every bench reports are worked here."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench import harness

STATUS = """Name:\tpython
VmPeak:\t  300000 kB
VmHWM:\t   92160 kB
VmRSS:\t   81920 kB
"""


def test_stats_are_min_median_max():
    stats = harness.summarise([0.030, 0.010, 0.020, 0.100])
    assert (stats.min, stats.median, stats.max) == (0.010, 0.025, 0.100)
    assert stats.ms() == "10.0 / 25.0 / 100.0"


def test_no_runs_is_an_error_not_a_zero():
    with pytest.raises(ValueError):
        harness.summarise([])


def test_interleaved_rounds_alternate_which_side_goes_first():
    assert harness.interleave_order(["ours", "copy"], 4) == [
        ["ours", "copy"],
        ["copy", "ours"],
        ["ours", "copy"],
        ["copy", "ours"],
    ]


def test_ratios_are_worked_per_round_not_from_best_of_each_side():
    # Best over best would be 1.0 / 0.5 = 2.0; each round's own ratio is what was measured
    # side by side.
    stats = harness.ratios([1.0, 3.0, 2.0], [1.0, 1.0, 0.5])
    assert stats.runs == (1.0, 3.0, 4.0)
    assert stats.median == 3.0


def test_ratios_need_pairs():
    with pytest.raises(ValueError):
        harness.ratios([1.0], [1.0, 2.0])


def test_peak_memory_is_the_processs_own_high_water_mark():
    assert harness.vm_hwm_mb(STATUS) == 90.0
    with pytest.raises(ValueError):
        harness.vm_hwm_mb("Name:\tpython\n")


def test_own_peak_reads_this_process():
    assert 1 < harness.own_peak_mb() < 100_000


def test_p95_is_the_nearest_rank():
    values = list(range(1, 201))  # 200 requests
    assert harness.percentile(values, 0.95) == 190
    assert harness.percentile(values, 0.5) == 100
    assert harness.percentile([7.0], 0.95) == 7.0


def test_markdown_table_escapes_pipes():
    table = harness.markdown_table(["a", "b"], [["x|y", 1]])
    assert table.splitlines() == ["| a | b |", "|---|---|", "| x\\|y | 1 |"]


def test_readme_is_the_head_then_each_recorded_table():
    text = harness.assemble_readme("# Benchmarks\n\nprose\n\n", ["### one\n\n| a |\n", "### two"])
    assert text == "# Benchmarks\n\nprose\n\n### one\n\n| a |\n\n### two\n"
