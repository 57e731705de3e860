"""A pytest plugin that records each test's CPU time, everything its worker started included.

Chromium's processes outlive the calls that start them and are not reaped up the chain, so neither
``/usr/bin/time`` nor ``resource.getrusage`` nor a walk of ``/proc`` counts them all (on this machine they
missed half of the suite's CPU). Each worker moves itself into a cgroup of its own (v1 ``cpuacct``, as root), and a
cgroup keeps every descendant, reparented or not. Usage, from the repository (see benchmarks/tests.md):

    PYTHONPATH=benchmarks .venv/bin/python -m pytest -p cgprof
    python3 benchmarks/cgprof.py            # the table: CPU and wall by file, the 30 largest tests

The records go to ``benchmarks/cpu-<worker>.json`` (not committed): [test id, CPU s, wall s, start].
"""

from __future__ import annotations

import collections
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
CGROUP = Path(f"/sys/fs/cgroup/cpuacct/cgprof-{os.getpid()}")
_rows: list[tuple[str, float, float, float]] = []


def _usage() -> float:
    return int((CGROUP / "cpuacct.usage").read_text()) / 1e9


def pytest_configure(config: Any) -> None:
    CGROUP.mkdir(exist_ok=True)
    (CGROUP / "cgroup.procs").write_text(str(os.getpid()))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: Any, nextitem: Any) -> Iterator[None]:
    """Setup, call and teardown of one test."""
    cpu, start = _usage(), time.monotonic()
    yield
    _rows.append((item.nodeid, _usage() - cpu, time.monotonic() - start, start))


def pytest_sessionfinish(session: Any) -> None:
    (HERE / f"cpu-{WORKER}.json").write_text(json.dumps(_rows))


def _table() -> None:
    rows = [r for path in sorted(HERE.glob("cpu-gw*.json")) for r in json.loads(path.read_text())]
    by_file: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0.0, 0])
    for test, cpu, wall, _ in rows:
        entry = by_file[test.split("::")[0]]
        entry[0], entry[1], entry[2] = entry[0] + cpu, entry[1] + wall, entry[2] + 1
    print(f"{len(rows)} tests, {sum(r[1] for r in rows):.0f} CPU-s")
    print("\n| file | tests | CPU (s) | wall (s) |\n|---|---:|---:|---:|")
    for name, (cpu, wall, count) in sorted(by_file.items(), key=lambda kv: -kv[1][0])[:25]:
        print(f"| {name} | {count:.0f} | {cpu:.1f} | {wall:.1f} |")
    print("\n| test | CPU (s) | wall (s) |\n|---|---:|---:|")
    for test, cpu, wall, _ in sorted(rows, key=lambda r: -r[1])[:30]:
        print(f"| {test} | {cpu:.1f} | {wall:.1f} |")


if __name__ == "__main__":
    _table()
