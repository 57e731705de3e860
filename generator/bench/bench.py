"""``python -m generator bench``: time the check, the render and the build on synthetic content of growing size,
against plain MkDocs + Material building the very pages ``generator render`` writes (the baseline, without our
plugin), the Zensical build, and Hugo laying out the same pages (the floor).

Every timed stage runs in a fresh child process (``python -m generator.bench.bench STAGE ROOT OUT``), which reports
its own time and peak memory, so nothing the parent has accumulated is measured.
"""

from __future__ import annotations

import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from generator.bench import baseline, hugo, synthetic
from generator.errors import GeneratorError
from generator.outputs import write_file

STAGES = ("check", "render", "build", "baseline", "zensical", "hugo")
ABSENT = "absent"  # a column's figure when its tool is not installed
COLUMNS = (
    ("claims", "claims", "{:d}"), ("runs", "runs", "{:d}"), ("check_s", "check (s)", "{:.2f}"),
    ("render_s", "render (s)", "{:.2f}"), ("build_s", "build (s)", "{:.2f}"),
    ("baseline_s", "MkDocs baseline (s)", "{:.2f}"), ("ratio", "build / baseline", "{:.2f}"),
    ("build_user_s", "build CPU (s)", "{:.2f}"), ("baseline_user_s", "baseline CPU (s)", "{:.2f}"),
    ("zensical_s", "Zensical build (s)", "{:.2f}"),
    ("zensical_user_s", "Zensical CPU (s)", "{:.2f}"), ("hugo_s", "Hugo build (s)", "{:.2f}"),
    ("peak_mb", "peak memory (MiB)", "{:.0f}"), ("site_mb", "site (MB)", "{:.1f}"),
    ("baseline_site_mb", "baseline site (MB)", "{:.1f}"),
)  # fmt: skip


@dataclass(frozen=True)
class Row:
    """The medians measured at one size."""

    claims: int  # synthetic claims in the project
    runs: int  # runs per stage; each figure is the median
    check_s: float  # check_project
    render_s: float  # rendering every page to Markdown, after the check
    build_s: float  # the whole build: check, render, MkDocs, swap into place
    baseline_s: float  # MkDocs + Material, without our plugin, on the docs folder `generator render` writes
    ratio: float  # build / baseline, the median of each run's ratio (the two run back to back)
    build_user_s: float  # user CPU time of the build (less noisy than wall time on a shared machine)
    baseline_user_s: float  # user CPU time of the baseline
    zensical_s: float  # the whole build with --engine zensical: check, render, Zensical, CSP, swap
    zensical_user_s: float  # its user CPU time, Zensical's child process included
    hugo_s: float | None  # Hugo on the same pages as HTML in a minimal layout (bench/hugo.py); None: not installed
    peak_mb: float  # the most resident memory a build and its processes held at once (MiB; run_watched)
    site_mb: float  # size of the built site
    baseline_site_mb: float  # size of the baseline's site


def main(repo: Path, claims: str, runs: int | None, json_out: str | None, serve: int | None) -> int:
    """``python -m generator bench``: print the table (or write JSON), optionally with the preview latency."""
    sizes = parse_sizes(claims)
    if runs is not None and runs < 1:
        raise GeneratorError(f"--runs must be at least 1, not {runs}")
    if serve is not None and serve < 1:
        raise GeneratorError(f"--serve must be at least 1 claim, not {serve}")
    rows = run(repo.resolve(), sizes, runs)
    latencies: dict[str, list[float]] = {}
    if serve is not None:
        from generator.bench.benchserve import measure_serve, measure_zensical_serve

        for mode in ("serve", "serve --dirty"):
            latencies[mode] = measure_serve(repo.resolve(), serve, dirty=mode != "serve")
        latencies["zensical serve"] = measure_zensical_serve(repo.resolve(), serve)
    if json_out != "-":
        print(heading(rows), format_table(rows), *growth_lines(rows), *serve_lines(serve, latencies), sep="\n\n")
    if json_out is not None:
        text = to_json(rows, serve, latencies)
        if json_out == "-":
            sys.stdout.write(text)
        else:  # through the guard, as every file the tool writes (no link in the project, no project folder)
            write_file(repo, Path(json_out), text.encode("utf-8"))
    return 0


def parse_sizes(text: str) -> list[int]:
    """``100,1000`` as [100, 1000]; anything else is refused with a clear message."""
    try:
        sizes = [int(part) for part in text.split(",")]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 1:
        raise GeneratorError(f"--claims expects positive whole numbers separated by commas, not {text!r}")
    return sizes


def heading(rows: list[Row]) -> str:
    """What the table measures, and on what."""
    runs = ", ".join(f"{row.runs} at {row.claims:,}" for row in rows)
    return (
        f"Benchmark of {time.strftime('%Y-%m-%d')} on {os.cpu_count()} CPU cores, Python {sys.version.split()[0]}. "
        f"Times in seconds, medians of several runs ({runs} claims). The baseline is MkDocs + Material building "
        "the pages `generator render` writes, without our plugin; the ratio is the median of each run's "
        "build / baseline. Hugo lays out the same pages as HTML in a minimal layout (the floor)"
        + (f", {ABSENT}: Hugo is not installed here. " if any(row.hugo_s is None for row in rows) else ". ")
        + "Peak memory is the most the build and the processes it starts (card workers, search sections) held "
        "at once, read every 20 ms, in MiB. CPU is user time, child processes included."
    )


def growth_lines(rows: list[Row]) -> list[str]:
    """How the build's time grows from each size to the next (the baseline's for comparison)."""
    return [
        f"Growth: from {small.claims:,} to {large.claims:,} claims ({large.claims / small.claims:.1f} times as "
        f"many), the build took {large.build_s / small.build_s:.2f} times as long, the baseline "
        f"{large.baseline_s / small.baseline_s:.2f} times."
        for small, large in itertools.pairwise(rows)
    ]


def serve_lines(claims: int | None, latencies: dict[str, list[float]]) -> list[str]:
    """A line per preview mode: how long an edit to one claim takes to show in ``mkdocs serve`` or Zensical's."""
    if claims is None or not latencies:
        return ["Preview latency not measured (add --serve CLAIMS)."]
    return [
        f"Preview: an edit to one claim showed in `{_server(mode)}` at {claims:,} claims after a median of "
        f"{statistics.median(values):.2f} s (edits: {', '.join(f'{value:.2f}' for value in values)} s)."
        for mode, values in latencies.items()
    ]


def _server(mode: str) -> str:
    return "generator preview --engine zensical" if mode.startswith("zensical") else f"mkdocs {mode}"


def run(repo: Path, sizes: list[int], runs: int | None = None) -> list[Row]:
    """Measure every size; ``runs`` defaults to 3, and to 1 from 5,000 claims on to keep the total short."""
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
            rows.append(_measure(repo, Path(tmp), size, runs or (3 if size < 5000 else 1)))
    return rows


def _measure(repo: Path, tmp: Path, size: int, runs: int) -> Row:
    project, plain, floor = tmp / "project", tmp / "baseline", tmp / "hugo"
    project.mkdir()
    synthetic.write_project(project, repo, size)
    baseline.write_project(plain, project)
    measured = STAGES if hugo.command() else tuple(stage for stage in STAGES if stage != "hugo")
    if "hugo" in measured:
        hugo.write_project(floor, plain)
    roots = {"baseline": plain, "hugo": floor}
    times: dict[str, list[float]] = {stage: [] for stage in measured}
    cpu: dict[str, list[float]] = {stage: [] for stage in measured}
    peak = 0.0
    for run_number in range(runs):
        # Alternate the order of the builds, so a slow spell on a shared machine hits them alike.
        stages = measured if run_number % 2 == 0 else (*measured[:2], *reversed(measured[2:]))
        for stage in stages:
            seconds, rss_mb, user_s = _child(stage, roots.get(stage, project), tmp / f"site-{stage}")
            times[stage].append(seconds)
            cpu[stage].append(user_s)
            peak = max(peak, rss_mb) if stage == "build" else peak
    median = {stage: statistics.median(values) for stage, values in times.items()}
    ratio = statistics.median(b / a for b, a in zip(times["build"], times["baseline"], strict=True))
    return Row(
        size, runs, median["check"], median["render"], median["build"], median["baseline"], ratio,
        statistics.median(cpu["build"]), statistics.median(cpu["baseline"]),
        median["zensical"], statistics.median(cpu["zensical"]), median.get("hugo"),
        peak, _size_mb(tmp / "site-build"), _size_mb(tmp / "site-baseline"),
    )  # fmt: skip


def _child(stage: str, root: Path, out: Path) -> tuple[float, float, float]:
    command = [sys.executable, "-m", "generator.bench.bench", stage, str(root), str(out)]
    code, stdout, stderr, peak_kib = run_watched(command)
    if code != 0:
        raise GeneratorError(f"bench stage {stage} failed on {root}:\n{stderr[-3000:]}")
    report = json.loads(stdout.strip().splitlines()[-1])
    return float(report["seconds"]), (peak_kib or float(report["maxrss_kb"])) / 1024, float(report["user_s"])


def run_watched(command: list[str]) -> tuple[int, str, str, int]:
    """Run ``command``: its exit code, output, errors, and the most resident memory it and the processes it
    started held at once (VmRSS added over the process tree, read every 20 ms: a build's card workers and its
    search-sections process run beside it), in KiB. 0 where /proc is not there to read."""
    peak = 0
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, text=True)
        while process.poll() is None:
            peak = max(peak, sum(_resident_kib(pid) for pid in _tree(process.pid)))
            time.sleep(0.02)
        out.seek(0)
        err.seek(0)
        return process.returncode, out.read(), err.read(), peak


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants, as /proc lists each thread's children; but a child that runs its parent's
    command line, a fork that has not run its own program yet, whose pages are its parent's (a process is
    started that way, and its parent's memory would count twice)."""
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return []
    children = []
    for task in tasks:
        try:
            children += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    own = _command_line(pid)
    return [pid] + [found for child in children if _command_line(child) != own for found in _tree(child)]


def _command_line(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _resident_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def format_table(rows: list[Row]) -> str:
    """A Markdown table, one row per size."""
    head = "| " + " | ".join(title for _, title, _ in COLUMNS) + " |"
    rule = "|" + "|".join("---:" for _ in COLUMNS) + "|"
    body = ["| " + " | ".join(_figure(getattr(row, key), fmt) for key, _, fmt in COLUMNS) + " |" for row in rows]
    return "\n".join([head, rule, *body])


def _figure(value: float | None, fmt: str) -> str:
    return ABSENT if value is None else fmt.format(value)


def to_json(rows: list[Row], serve: int | None = None, latencies: dict[str, list[float]] | None = None) -> str:
    """The same figures as JSON."""
    data: dict[str, Any] = {"heading": heading(rows), "rows": [asdict(row) for row in rows]}
    if serve is not None:
        data["serve"] = {"claims": serve, "latencies_s": latencies or {}}
    return json.dumps(data, indent=2) + "\n"


def _stage(stage: str, root: Path, out: Path) -> float:
    """Run one stage in this (child) process and return its duration."""
    import logging

    from mkdocs.commands.build import build as mkdocs_build  # imported before timing, for both builds alike

    from generator import pipeline
    from generator.build import build
    from generator.settings import load_mkdocs_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_mkdocs_config(root) if stage in ("check", "render") else None
    started = time.perf_counter()
    if stage == "check":
        pipeline.check(config)
    elif stage == "render":
        content = pipeline.check(config)
        started = time.perf_counter()
        pipeline.render(content, config)
    elif stage == "build":
        build(root, out)
    elif stage == "zensical":
        build(root, out, engine="zensical")
    elif stage == "hugo":
        hugo.build(root, out)
    else:
        mkdocs_build(load_mkdocs_config(root, site_dir=str(out), strict=True))
    return time.perf_counter() - started


def _main(argv: list[str]) -> None:
    stage, root, out = argv
    seconds = _stage(stage, Path(root), Path(out))
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    user_s = own.ru_utime + children.ru_utime
    report: dict[str, Any] = {"seconds": seconds, "maxrss_kb": own.ru_maxrss, "user_s": user_s}
    print(json.dumps(report))


if __name__ == "__main__":
    _main(sys.argv[1:])
