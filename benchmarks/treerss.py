"""Run a command and print the peak resident memory of its process and of it with all its descendants together.

``python3 benchmarks/treerss.py .venv/bin/python -m generator --root PROJECT build``: samples /proc every 0.1 s.
The benchmark's own figure (``ru_maxrss``) is the build process's alone; since the social cards are drawn in a
worker process, their sum is what a machine must hold. Sizes in KiB / 1024, as in results.md."""

import subprocess
import sys
import time
from pathlib import Path


def descendants(pid: int) -> list[int]:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid] + [p for child in children for p in descendants(int(child))]


def resident_kib(pid: int) -> int:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in lines if line.startswith("VmRSS:")), 0)


process = subprocess.Popen(sys.argv[1:])
started, own, together = time.monotonic(), 0, 0
while process.poll() is None:
    own = max(own, resident_kib(process.pid))
    together = max(together, sum(resident_kib(pid) for pid in descendants(process.pid)))
    time.sleep(0.1)
print(
    f"wall {time.monotonic() - started:.1f} s; peak of the process {own / 1024:.0f} MiB; "
    f"of it and its descendants together {together / 1024:.0f} MiB; exit {process.returncode}",
    file=sys.stderr,
)
sys.exit(process.returncode)
