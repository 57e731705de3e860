"""The benchmark runs end to end at a tiny size, so it cannot rot; it asserts shapes, never wall-clock times."""

from __future__ import annotations

import contextlib
import io
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import folder_bytes

from generator.bench import baseline, benchserve, hugo, synthetic
from generator.bench.bench import COLUMNS, Row, format_table, growth_lines, heading, parse_sizes, run_watched
from generator.check.validate import check_project
from generator.cli import main
from generator.errors import GeneratorError
from generator.render.pages import theme_links

REPO = Path(__file__).resolve().parent.parent


def test_synthetic_project_passes_the_check_with_every_kind_of_content(tmp_path: Path) -> None:
    root = synthetic.write_project(tmp_path, REPO, 12)
    content = check_project(root)
    assert [c.id for c in content.claims] == [synthetic.claim_id(i) for i in range(12)]
    assert len(content.sources) == 5
    positions = [p for c in content.claims for p in c.positions]
    assert {p.stance for p in positions} == {"supports", "disputes", "qualifies", "reports-only", "silent"}
    assert all(len(c.positions) == 5 for c in content.claims)
    assert sum(len(p.quotes) for p in positions) > 2 * len(content.claims)
    kinds = {item.kind for c in content.claims for item in c.contradictions}
    assert kinds == {"factual", "numeric"}
    assert any(c.figures for c in content.claims)
    assert all(c.related and c.id not in c.related for c in content.claims)


def test_synthetic_claims_do_not_depend_on_the_size_but_for_related_ones(tmp_path: Path) -> None:
    small, large = tmp_path / "small", tmp_path / "large"
    for root, size in ((small, 3), (large, 40)):
        root.mkdir()
        synthetic.write_project(root, REPO, size)
    first = (small / "content/claims/claim-00001.yaml").read_text().split("related:")[0]
    assert first == (large / "content/claims/claim-00001.yaml").read_text().split("related:")[0]


def test_the_baseline_builds_the_pages_generator_render_writes_without_our_plugin(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    synthetic.write_project(project, REPO, 4)
    plain = baseline.write_project(tmp_path / "plain", project)
    assert main(["--root", str(project), "render", str(tmp_path / "rendered")]) == 0
    assert folder_bytes(plain / "docs") == folder_bytes(
        tmp_path / "rendered"
    )  # the same pages and static files, byte for byte
    config = yaml.safe_load((plain / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == ["search", "offline"]
    assert config["docs_dir"] == "docs"
    assert config["markdown_extensions"] == [{"toc": {"permalink": False}}, "attr_list"]  # as the plugin adds it
    assert config["extra"]["factcheck_links"] == theme_links()
    assert (plain / "site_templates" / "theme" / "main.html").is_file()


def test_the_hugo_project_holds_every_page_as_html_at_its_address_and_every_other_file(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    synthetic.write_project(project, REPO, 3)
    plain = baseline.write_project(tmp_path / "plain", project)
    site = hugo.write_project(tmp_path / "hugo", plain)
    docs = folder_bytes(plain / "docs")
    pages = {name for name in docs if name.endswith(".md")}
    content = folder_bytes(site / "content")
    assert len(content) == len(pages) and "index-page.html" in content and "sources/index-page.html" in content
    claim = content["claims/claim-00001.html"].decode("utf-8")
    front, body = claim.removeprefix("---\n").split("---\n", 1)
    assert yaml.safe_load(front)["url"] == "/claims/claim-00001.html"
    assert '<h2 id="figures">Figures</h2>' in body and "{ #" not in body  # its Markdown converted beforehand
    urls = {yaml.safe_load(text.decode("utf-8").split("---\n")[1])["url"] for text in content.values()}
    assert urls == {"/" + name.removesuffix(".md") + ".html" for name in pages}
    others = {name: data for name, data in docs.items() if name not in pages and not name.startswith(".")}
    assert folder_bytes(site / "static") == others  # the cards, claims.json, the feed, styles and scripts
    assert yaml.safe_load((site / "config.yaml").read_text(encoding="utf-8"))["uglyURLs"] is True


def test_a_missing_tool_is_one_word_in_its_column(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hugo, "HUGO", "hugo-is-not-installed")  # a command no PATH holds: the stage is left out
    assert hugo.command() is None
    row = Row(10, 1, 0.1, 0.1, 1.0, 2.0, 0.5, 1.0, 2.0, 3.0, 3.0, None, 100.0, 1.0, 2.0)
    cells = format_table([row]).splitlines()[2].strip("| ").split(" | ")
    assert cells[[key for key, _, _ in COLUMNS].index("hugo_s")] == "absent"
    assert "(the floor), absent: Hugo is not installed here. Peak memory" in heading([row])
    assert "(the floor). Peak memory" in heading([replace(row, hugo_s=0.2)])


def test_growth_compares_each_size_with_the_next() -> None:
    rows = [Row(n, 1, 0.1, 0.1, b, a, b / a, 1.0, 1.0, 3.0, 3.0, 0.2, 100.0, 1.0, 2.0) for n, b, a in
            ((100, 2.0, 1.0), (1000, 10.0, 8.0), (5000, 55.0, 44.0))]  # fmt: skip
    assert growth_lines(rows) == [
        "Growth: from 100 to 1,000 claims (10.0 times as many), the build took 5.00 times as long, the baseline "
        "8.00 times.",
        "Growth: from 1,000 to 5,000 claims (5.0 times as many), the build took 5.50 times as long, the baseline "
        "5.50 times.",
    ]


@dataclass(frozen=True)
class BenchRun:
    """What one run of ``generator bench`` printed and wrote."""

    lines: list[str]
    data: dict[str, Any]


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory: pytest.TempPathFactory) -> BenchRun:
    """One run of the whole benchmark at tiny sizes, table, JSON and preview, shared by the tests that read it:
    each run builds every stage's site in its own process, so three runs cost three times as much."""
    out = tmp_path_factory.mktemp("bench") / "bench.json"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = main(
            ["--root", str(REPO), "bench", "--claims", "2,3", "--runs", "1", "--serve", "2", "--json", str(out)]
        )
    assert code == 0
    return BenchRun(printed.getvalue().splitlines(), json.loads(out.read_text()))


@pytest.mark.slow  # runs the benchmark: builds synthetic sites with MkDocs
@pytest.mark.loopback  # and serves them
def test_bench_prints_a_table_with_a_row_per_size(bench_run: BenchRun) -> None:
    lines = bench_run.lines
    assert lines[0].startswith("Benchmark of ")
    assert "medians of several runs (1 at 2, 1 at 3 claims)" in lines[0]
    table = [line for line in lines if line.startswith("|")]
    assert table[0] == "| " + " | ".join(title for _, title, _ in COLUMNS) + " |"
    assert [row.split(" | ")[0] for row in table[2:]] == ["| 2", "| 3"]
    assert all(len(row.split("|")) == len(COLUMNS) + 2 for row in table)
    growth = [line for line in lines if line.startswith("Growth: ")]
    assert len(growth) == 1 and growth[0].startswith("Growth: from 2 to 3 claims (1.5 times as many), the build took ")
    assert [line.split(" after a median of ")[0] for line in lines if line.startswith("Preview")] == [
        f"Preview: an edit to one claim showed in `{server}` at 2 claims"
        for server in ("mkdocs serve", "mkdocs serve --dirty", "generator preview --engine zensical")
    ]


@pytest.mark.slow  # runs the benchmark: builds synthetic sites with MkDocs
@pytest.mark.loopback  # and serves them
def test_bench_json_has_the_same_figures(bench_run: BenchRun) -> None:
    rows = bench_run.data["rows"]
    assert [row["claims"] for row in rows] == [2, 3]
    for row in rows:
        assert set(row) == {key for key, _, _ in COLUMNS}
        assert row["runs"] == 1
        assert row["build_s"] > 0 and row["baseline_s"] > 0 and row["peak_mb"] > 10 and row["site_mb"] > 0
        assert row["zensical_s"] > 0 and row["build_user_s"] > 0 and row["baseline_user_s"] > 0
        assert row["zensical_user_s"] > 0.3  # Zensical's own process is counted (it alone takes more than that)
        assert row["hugo_s"] is not None and row["hugo_s"] > 0  # the CI installs Hugo (.ci/system-deps)
        assert row["ratio"] == pytest.approx(row["build_s"] / row["baseline_s"])  # one run: its own ratio
    printed = [line for line in bench_run.lines if line.startswith("| 3 | 1 |")]
    assert len(printed) == 1  # the table is printed too when JSON goes to a file
    assert printed[0].split(" | ")[[key for key, _, _ in COLUMNS].index("hugo_s")] == f"{rows[1]['hugo_s']:.2f}"


@pytest.mark.slow  # runs the benchmark: builds synthetic sites with MkDocs
@pytest.mark.loopback  # and serves them
def test_bench_measures_the_preview_latency(bench_run: BenchRun) -> None:
    serve = bench_run.data["serve"]
    assert serve["claims"] == 2
    assert set(serve["latencies_s"]) == {"serve", "serve --dirty", "zensical serve"}
    for values in serve["latencies_s"].values():
        assert len(values) == 3 and all(value > 0 for value in values)


def test_an_edit_is_timed_from_its_write_until_the_page_shows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    synthetic.write_project(project, REPO, 2)
    path = project / "content" / "claims" / f"{synthetic.claim_id(0)}.yaml"
    before, inode = path.read_text(encoding="utf-8"), path.stat().st_ino
    clock = [100.0]  # a clock of our own: the test asserts which interval is timed, not how long it takes
    monkeypatch.setattr(benchserve.time, "perf_counter", lambda: clock[0])
    monkeypatch.setattr(benchserve.time, "sleep", lambda seconds: clock.__setitem__(0, clock[0] + seconds))
    written = []

    def served(url: str, marker: str, timeout: float, server: object) -> None:
        written.append(f"claim: {marker}\n" in path.read_text(encoding="utf-8"))  # on disk before the wait
        clock[0] += 0.25  # the server's rebuild

    monkeypatch.setattr(benchserve, "_wait_until", served)
    assert benchserve._edit_and_wait(project, "http://127.0.0.1:1/", 0, _Running()) == 0.25  # the pause excluded
    assert written == [True]
    assert path.stat().st_ino != inode  # one atomic replacement: a watcher never reads half a file
    after = path.read_text(encoding="utf-8")
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert len(changed) == 1 and changed[0].startswith("claim: Edited claim, version 0 of ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]  # nothing left beside it


class _Running:
    """A server that has not stopped."""

    def poll(self) -> int | None:
        return None


@pytest.mark.parametrize("text", ["", "x", "10,-1", "0", "1,,2"])
def test_bad_sizes_are_refused_with_a_message(text: str) -> None:
    with pytest.raises(GeneratorError) as caught:
        parse_sizes(text)
    assert str(caught.value) == f"--claims expects positive whole numbers separated by commas, not {text!r}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--runs", "0"], "error: --runs must be at least 1, not 0\n"),
        (["--serve", "0"], "error: --serve must be at least 1 claim, not 0\n"),
        (["--claims", "ten"], "error: --claims expects positive whole numbers separated by commas, not 'ten'\n"),
    ],
)
def test_bad_options_exit_1_with_a_message(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(REPO), "bench", *args]) == 1
    assert capsys.readouterr().err == message


def test_the_peak_memory_is_what_the_build_and_its_processes_hold_at_once() -> None:
    # Two children holding 100 MiB each at once, as a build's card worker and its search-sections process: each
    # holds it until told to let go, once both hold it (on a loaded machine, one child could otherwise start
    # Python after the other had ended).
    hold = "import sys; b = b'x' * (100 * 2 ** 20); print('holding', flush=True); sys.stdin.read()"
    script = (
        "import subprocess, sys, time\n"
        f"children = [subprocess.Popen([sys.executable, '-c', {hold!r}], stdin=subprocess.PIPE, stdout=subprocess.PIPE,"
        " text=True) for _ in range(2)]\n"
        "assert [child.stdout.readline() for child in children] == ['holding\\n'] * 2\n"
        "time.sleep(0.2)  # read about ten times meanwhile\n"
        "for child in children:\n"
        "    child.stdin.close()\n"
        "print(sum(child.wait() for child in children))\n"
    )
    code, stdout, _, peak_kib = run_watched([sys.executable, "-c", script])
    assert (code, stdout) == (0, "0\n")
    assert peak_kib > 200 * 1024  # both children's 100 MiB at once; the largest process alone holds about 110


def test_the_peak_memory_counts_a_fork_before_it_runs_its_program_once() -> None:
    # A process starts another by forking, then running the other's program: until then, the fork's pages are
    # its parent's, and their memory is held once.
    script = (
        "import os, time\n"
        "b = b'x' * (200 * 2 ** 20)\n"
        "child = os.fork()\n"
        "if child == 0:\n"
        "    time.sleep(0.3)\n"
        "    os._exit(0)\n"
        "os.waitpid(child, 0)\n"
    )
    code, _, _, peak_kib = run_watched([sys.executable, "-c", script])
    assert code == 0 and 200 * 1024 < peak_kib < 300 * 1024
