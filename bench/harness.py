"""One small harness for every bench: timings as min / median / max with the machine's load beside
them, interleaved pairs when two things are compared, peak memory read from the measured process
itself, a ``--scale`` option, and the tables that ``bench/README.md`` is made from.

Pure parts (``Stats``, ``summarise``, ``interleave_order``, ``ratios``, ``vm_hwm_mb``,
``markdown_table``, ``assemble_readme``) know nothing of Django; ``tests/bench`` tests them.

Each bench builds a ``Report``: ``report.time(label, fn)`` and ``report.pair(...)`` measure,
``report.row(...)`` adds a row worked out elsewhere; ``report.finish()`` prints the table and, with
``--record``, writes it to ``bench/results/<bench>-scale<N>.md``. ``python bench/harness.py readme``
then writes ``bench/README.md`` from ``bench/README.head.md`` and every recorded table, so no
figure in the README is typed by hand.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
SCALES = (1, 2, 4)
MEMORY_MARK = "BENCH-MEMORY "


# --- pure parts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stats:
    """Seconds of several runs of one thing."""

    runs: tuple[float, ...]

    @property
    def min(self) -> float:
        return min(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def max(self) -> float:
        return max(self.runs)

    def ms(self) -> str:
        """``min / median / max`` in milliseconds."""
        return f"{self.min * 1000:.1f} / {self.median * 1000:.1f} / {self.max * 1000:.1f}"

    def s(self) -> str:
        """``min / median / max`` in seconds."""
        return f"{self.min:.2f} / {self.median:.2f} / {self.max:.2f}"


def summarise(runs: Sequence[float]) -> Stats:
    if not runs:
        raise ValueError("no runs to summarise")
    return Stats(tuple(runs))


def interleave_order(names: Sequence[str], rounds: int) -> list[list[str]]:
    """The order of each round when things are compared: every round runs each once, and the
    first place rotates (A B, B A, A B ...), so neither side always runs first, when caches are
    cold or the machine's load is changing."""
    order = []
    for n in range(rounds):
        shift = n % len(names)
        order.append([*names[shift:], *names[:shift]])
    return order


def ratios(ours: Sequence[float], theirs: Sequence[float]) -> Stats:
    """Each round's ratio (ours over theirs, the pair measured side by side)."""
    if len(ours) != len(theirs):
        raise ValueError("pairs need as many runs on each side")
    return summarise([a / b for a, b in zip(ours, theirs, strict=True)])


def vm_hwm_mb(status_text: str) -> float:
    """Peak resident memory (VmHWM) in MB from the text of ``/proc/<pid>/status``."""
    for line in status_text.splitlines():
        if line.startswith("VmHWM:"):
            value, unit = line.split()[1:3]
            assert unit == "kB", unit
            return int(value) / 1024
    raise ValueError("no VmHWM line")


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (``share`` 0.95 for p95) of some values."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = max(1, math.ceil(share * len(ordered) - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    def cell(value: object) -> str:
        return str(value).replace("|", "\\|")

    lines = ["| " + " | ".join(cell(h) for h in header) + " |"]
    lines.append("|" + "---|" * len(header))
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def assemble_readme(head: str, sections: Sequence[str]) -> str:
    """The README: the hand-written head (what each bench does, no figures), then every recorded
    table as its bench wrote it."""
    body = "\n\n".join(s.strip() for s in sections)
    return head.rstrip() + "\n\n" + body + "\n"


# --- the machine -----------------------------------------------------------------------------


def load() -> str:
    """The 1-minute load average now."""
    return f"{os.getloadavg()[0]:.1f}"


def own_peak_mb() -> float:
    """This process's own peak resident memory (not its parent's, unlike ru_maxrss after fork)."""
    return vm_hwm_mb(Path("/proc/self/status").read_text())


def print_own_peak() -> None:
    """For a measured child process: the last line it prints, read by ``child_peak``."""
    print(MEMORY_MARK + json.dumps({"peak_mb": own_peak_mb()}), flush=True)


def run_child(command: Sequence[str], env: dict | None = None) -> tuple[str, float]:
    """Run a measured child process; return its output and its own peak memory in MB, as it
    read it from its /proc/self/status just before it ended (``print_own_peak``)."""
    done = subprocess.run(  # noqa: S603 (benches run their own scripts)
        list(command), capture_output=True, text=True, check=False, env=env or os.environ.copy()
    )
    if done.returncode:
        raise RuntimeError(f"{shlex.join(command)} failed:\n{done.stderr[-3000:]}")
    peak = None
    kept = []
    for line in done.stdout.splitlines():
        if line.startswith(MEMORY_MARK):
            peak = json.loads(line[len(MEMORY_MARK) :])["peak_mb"]
        else:
            kept.append(line)
    if peak is None:
        raise RuntimeError("the child did not report its peak memory")
    return "\n".join(kept), peak


# --- a bench's report --------------------------------------------------------------------------


def arguments(
    description: str, parser: argparse.ArgumentParser | None = None
) -> argparse.Namespace:
    parser = parser or argparse.ArgumentParser(description=description)
    parser.add_argument("--scale", type=int, choices=SCALES, default=1, help="data x1, x2, x4")
    parser.add_argument("--rounds", type=int, default=None, help="runs (or interleaved rounds)")
    parser.add_argument(
        "--record", action="store_true", help="write the table to bench/results/ for the README"
    )
    return parser.parse_args()


@dataclass
class Report:
    """The table one bench prints (and records): a row per measurement."""

    bench: str
    title: str
    scale: int
    header: tuple[str, ...] = ("measurement", "min / median / max", "load", "notes")
    rows: list[tuple[object, ...]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def time(
        self, label: str, fn: Callable[[], object], rounds: int, *, warm: int = 1, note: str = ""
    ) -> Stats:
        for _ in range(warm):
            fn()
        runs, cpu = [], []
        before = load()
        for _ in range(rounds):
            start, start_cpu = time.perf_counter(), time.process_time()
            fn()
            runs.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        stats = summarise(runs)
        # This process's CPU time is less sensitive to other work on the machine than the wall
        # time (the database's own time is not in it): printed beside it to help read a loaded
        # run.
        own = f"this process's CPU median {summarise(cpu).median * 1000:.1f} ms"
        notes = f"{note or f'{rounds} runs'}; {own}"
        self.row(label, f"{stats.ms()} ms", f"{before}-{load()}", notes)
        return stats

    def pair(
        self,
        label: str,
        sides: dict[str, Callable[[], float | None]],
        rounds: int,
        *,
        unit: str = "s",
    ) -> dict[str, Stats]:
        """Time two things in interleaved rounds; each callable may return its own figure of
        seconds (e.g. a child process's own timing) or None to be timed from outside."""
        names = list(sides)
        runs: dict[str, list[float]] = {n: [] for n in names}
        before = load()
        for order in interleave_order(names, rounds):
            for name in order:
                start = time.perf_counter()
                own = sides[name]()
                runs[name].append(own if own is not None else time.perf_counter() - start)
        after = load()
        stats = {n: summarise(r) for n, r in runs.items()}
        fmt = Stats.s if unit == "s" else Stats.ms
        for name in names:
            self.row(f"{label}: {name}", f"{fmt(stats[name])} {unit}", f"{before}-{after}",
                     f"{rounds} interleaved rounds")  # fmt: skip
        first, second = names
        ratio = ratios(runs[first], runs[second])
        self.row(
            f"{label}: {first} / {second}, per round",
            f"{ratio.min:.2f} / {ratio.median:.2f} / {ratio.max:.2f} x",
            f"{before}-{after}",
            "",
        )
        return stats

    def row(self, *cells: object) -> None:
        cells = tuple(cells) + ("",) * (len(self.header) - len(cells))
        self.rows.append(cells)
        print(" | ".join(str(c) for c in cells), flush=True)

    def note(self, text: str) -> None:
        self.notes.append(text)
        print(text, flush=True)

    def markdown(self) -> str:
        command = shlex.join(["python", *sys.argv])
        database = os.environ.get("DATABASE_URL", "")
        where = f" (DATABASE_URL={database})" if database else ""
        when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        machine = f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
        parts = [
            f"### {self.title}, scale {self.scale}",
            f"`{command}`{where}; {when}, {machine}. Times are min / median / max; load is the "
            "1-minute load average before and after.",
            markdown_table(self.header, self.rows),
        ]
        if self.notes:
            parts.append("\n".join(f"- {n}" for n in self.notes))
        return "\n\n".join(parts)

    def finish(self, record: bool) -> None:
        text = self.markdown()
        if record:
            RESULTS.mkdir(exist_ok=True)
            (RESULTS / f"{self.bench}-scale{self.scale}.md").write_text(text + "\n")
            print(f"recorded in bench/results/{self.bench}-scale{self.scale}.md")


def write_readme() -> None:
    """``bench/README.md`` from ``README.head.md`` and the recorded tables, in bench order."""
    order = ["run", "providers", "placements", "burst", "ssda903", "api_903", "forecasting"]

    def key(path: Path) -> tuple[int, str]:
        bench = path.stem.rsplit("-scale", 1)[0]
        return (order.index(bench) if bench in order else len(order), path.stem)

    sections = [p.read_text() for p in sorted(RESULTS.glob("*.md"), key=key)]
    head = (HERE / "README.head.md").read_text()
    (HERE / "README.md").write_text(assemble_readme(head, sections))


if __name__ == "__main__":
    if sys.argv[1:] == ["readme"]:
        write_readme()
    else:
        sys.exit("usage: python bench/harness.py readme")
