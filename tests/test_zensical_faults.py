"""Issue #20, items 6 and 14: Zensical's own errors reach the editor in a few lines, a full disk in one, and a
killed build leaves no Zensical process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import process_runs

from generator.zensical import engine

Make = Callable[..., Path]

# What zensical 0.0.73 printed for a theme partial with `{% if %}` (stderr, after "Build started" on stdout).
TEMPLATE_ERROR = """Build started
No issues found
Traceback (most recent call last):
  File "<frozen runpy>", line 198, in _run_module_as_main
  File "/venv/lib/python3.11/site-packages/zensical/main.py", line 81, in execute_build
    build(os.path.abspath(config_file), kwargs)
RuntimeError: could not render include: error in "partials/footer.html" (in base.html:222): syntax error: \
unexpected end of block (in partials/copyright.html:14)
"""
# What it printed on a full disk: one panic like this per thread (61 lines in all).
DISK_FULL = """Build started
thread 'zrx/executor/1' (6225) panicked at crates/zensical/src/workflow/cached.rs:104:24:
invariant: Os { code: 28, kind: StorageFull, message: "No space left on device" }
stack backtrace:
note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.
"""


def _zensical_printing(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    def fake(*args: object, **kwargs: object) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess([], 1, "", text)

    monkeypatch.setattr(engine.subprocess, "run", fake)


def test_zensical_s_own_error_is_shown(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _zensical_printing(monkeypatch, TEMPLATE_ERROR)
    with pytest.raises(engine.BuildFailed) as failed:
        engine.run(tmp_path)
    assert str(failed.value) == (
        'Zensical failed:\ncould not render include: error in "partials/footer.html" (in base.html:222): syntax '
        "error: unexpected end of block (in partials/copyright.html:14)"
    )


def test_a_full_disk_under_zensical_is_one_line(
    site_project: Make, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import run_cli

    root = site_project()
    _zensical_printing(monkeypatch, DISK_FULL * 12)
    result = run_cli(capsys, root, "build", "--engine", "zensical")
    assert (result.code, result.err) == (
        1,
        f"error: the disk is full: could not write {root / 'site'}; it is unchanged\n",
    )
    assert not (root / "site").exists()


def test_a_broken_theme_partial_names_the_partial(site_project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import run_cli

    root = site_project()
    partial = root / "site_templates/theme/partials/copyright.html"
    partial.write_text(partial.read_text() + "{% if %}\n")
    result = run_cli(capsys, root, "build", "--engine", "zensical")
    assert result.code == 1
    assert result.err.startswith("error: Zensical failed:\ncould not render include: ")
    assert "syntax error: " in result.err and "(in partials/copyright.html:" in result.err
    assert "No issues found" not in result.err and len(result.err.splitlines()) == 2


# A parent that runs engine.run with a child that lives a minute, prints the child's pid, and waits.
PARENT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from generator.zensical import engine

    engine.ZENSICAL = (sys.executable, "-c", "import os, time; print(os.getpid(), flush=True); time.sleep(60)")
    engine.subprocess.run = lambda *a, _run=engine.subprocess.run, **k: _run(*a, **{**k, "capture_output": False})
    engine.run(Path(sys.argv[1]))
    """
)


def test_zensical_dies_with_a_killed_build(tmp_path: Path) -> None:
    with subprocess.Popen([sys.executable, "-c", PARENT, str(tmp_path)], stdout=subprocess.PIPE, text=True) as parent:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        os.kill(parent.pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and process_runs(child):
        time.sleep(0.05)
    assert not process_runs(child)


def test_a_full_disk_under_the_zensical_preview_is_one_line(tmp_path: Path) -> None:
    import io

    from generator.zensical.server import Zensical

    output = io.StringIO()
    zensical = Zensical(tmp_path, ("127.0.0.1", 1), output, lambda: None)
    zensical._echo(io.BytesIO(DISK_FULL.encode() + DISK_FULL.split("\n", 1)[1].encode() * 12))
    assert output.getvalue() == f"Build started\nZensical: the disk is full: could not write {tmp_path}\n"
    assert zensical.error == f"the disk is full: could not write {tmp_path}"
