"""A build's search sections are read in another process while MkDocs builds the site (#26): the same index, and
the build never waits for that process nor depends on it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, folder_bytes, process_runs

from generator.build import build
from generator.manifest import mark_rendered
from generator.mkdocs import ahead
from generator.mkdocs.ahead import SectionsAhead
from generator.mkdocs.sections import sections

Make = Callable[..., Path]

PAGE = """---
title: "Page {n}"
toc: []
---
<h1 id="page-{n}">Page {n}</h1>
<p>What the sources say &amp; where they differ, on page {n}.</p>
<h2 id="more">More</h2>
<ul><li>one</li><li>two</li></ul>
"""


def _docs(folder: Path, count: int) -> list[str]:
    folder.mkdir()
    names = [f"claims/page-{n}.md" for n in range(count)]
    (folder / "claims").mkdir()
    for n, name in enumerate(names):
        (folder / name).write_text(PAGE.format(n=n), encoding="utf-8")
    (folder / "plain.md").write_text("# A page of Markdown\n\nNo toc in its front matter.\n", encoding="utf-8")
    mark_rendered(folder, [*names, "plain.md", "claims.json"])  # as generator build marks its docs folder
    return [*names, "plain.md"]


def _content(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8").split("---\n", 2)[2]  # the text after the front matter


def test_the_sections_read_ahead_are_those_read_in_the_build(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    names = _docs(docs, ahead.AHEAD_FROM + ahead.CHUNK)  # two chunks and more
    reader = SectionsAhead(docs, tmp_path / "sections")
    reader.wait()
    for name in names[:-1]:
        html = _content(docs, name)
        found = reader.sections(name, html)
        assert found is not None and found == sections(html)
        assert found[1].title == "More" and "<li>one</li>" in found[1].text
    assert reader.sections("plain.md", "<h1>A page of Markdown</h1>") is None  # no toc: not read ahead
    assert reader.ahead == len(names) - 1
    reader.stop()


def test_a_page_whose_text_changed_since_or_asked_twice_is_read_by_the_build(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    names = _docs(docs, ahead.AHEAD_FROM)
    reader = SectionsAhead(docs, tmp_path / "sections")
    reader.wait()
    first = _content(docs, names[0])
    assert reader.sections(names[0], first.replace("Page 0", "Page zero")) is None  # another text than was read
    assert reader.sections(names[0], first) is None  # asked for once only
    assert reader.sections(names[1], _content(docs, names[1])) is not None
    assert reader.sections("claims/elsewhere.md", first) is None
    reader.stop()


def test_no_process_for_few_pages_and_none_waited_for(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    few = _docs(docs, ahead.AHEAD_FROM - 2)
    reader = SectionsAhead(docs, tmp_path / "sections")
    assert reader.sections(few[0], _content(docs, few[0])) is None and not (tmp_path / "sections").exists()
    many = _docs(tmp_path / "more", ahead.AHEAD_FROM)
    slow = SectionsAhead(tmp_path / "more", tmp_path / "late")
    slow.stop()  # ended before it wrote a chunk (killed, late): the build reads the pages itself, at once
    assert all(slow.sections(name, _content(tmp_path / "more", name)) is None for name in many[:-1])


@pytest.mark.slow  # builds the mini project's site three times with MkDocs
def test_a_build_with_the_sections_read_ahead_writes_the_same_site(
    site_project: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = site_project()
    build(root, root / "one")
    counted: list[int] = []
    starting, stopping = SectionsAhead.__init__, SectionsAhead.stop

    def start(self: SectionsAhead, *args: object) -> None:
        starting(self, *args)  # type: ignore[arg-type]
        self.wait()  # every page read ahead before MkDocs asks for the first

    def stop(self: SectionsAhead) -> None:
        counted.append(self.ahead)
        stopping(self)

    monkeypatch.setattr(ahead, "AHEAD_FROM", 1)
    monkeypatch.setattr(SectionsAhead, "__init__", start)
    monkeypatch.setattr(SectionsAhead, "stop", stop)
    build(root, root / "two")
    index = json.loads((root / "two/search/search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert counted and counted[0] >= 8 and counted[0] <= len(pages)  # the generated pages' sections came ahead
    assert folder_bytes(root / "one") == folder_bytes(root / "two")


def test_a_page_the_process_cannot_read_ends_its_reading_quietly(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    names = _docs(docs, ahead.AHEAD_FROM + ahead.CHUNK)
    (docs / names[ahead.CHUNK]).write_bytes(
        b"---\ntitle: x\ntoc: []\n---\n\xff not UTF-8\n"
    )  # the second chunk's first
    reader = SectionsAhead(docs, tmp_path / "sections")
    reader.wait()
    assert reader.sections(names[0], _content(docs, names[0])) is not None  # the first chunk was written
    assert reader.sections(names[ahead.CHUNK + 1], _content(docs, names[ahead.CHUNK + 1])) is None  # the rest: not
    reader.stop()
    assert capfd.readouterr().err == ""  # MkDocs says what is wrong with the page, not this process


def test_a_process_stuck_on_a_page_is_never_waited_for_leaves_ctrl_c_to_the_build_and_is_stopped(
    tmp_path: Path,
) -> None:
    docs = tmp_path / "docs"
    names = _docs(docs, ahead.AHEAD_FROM)
    (docs / names[0]).unlink()
    os.mkfifo(docs / names[0])  # the process's first read never ends: a process late for ever
    reader = SectionsAhead(docs, tmp_path / "sections")
    process = reader._process
    assert process is not None
    writer, deadline = None, time.monotonic() + 60
    while writer is None:  # until the process opens the page (after it took Ctrl-C from the build, as_worker);
        try:  # it then reads for as long as the page is open for writing here
            writer = os.open(docs / names[0], os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            assert time.monotonic() < deadline
            time.sleep(0.01)
    answers: list[object] = []
    asking = threading.Thread(
        target=lambda: answers.extend(reader.sections(name, _content(docs, names[1])) for name in names[:3]),
        daemon=True,
    )
    asking.start()
    asking.join(10)
    assert not asking.is_alive() and answers == [None, None, None]  # read by the build at once, not waited for
    os.kill(process.pid, signal.SIGINT)
    time.sleep(0.3)  # a Ctrl-C it did not ignore would have ended it by now
    assert process.is_alive()  # Ctrl-C is the build's to answer
    reader.stop()
    os.close(writer)
    assert not process.is_alive() and process.exitcode == -signal.SIGTERM


def test_the_process_ends_with_the_build_that_started_it(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    names = _docs(docs, ahead.AHEAD_FROM)
    (docs / names[0]).unlink()
    os.mkfifo(docs / names[0])  # it waits for a page for ever, unless it ends with its build
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from generator.mkdocs.ahead import SectionsAhead\n"
        "if __name__ == '__main__':\n"
        "    reader = SectionsAhead(Path(sys.argv[1]), Path(sys.argv[2]))\n"
        "    print(reader._process.pid, flush=True)\n"
        "    time.sleep(60)\n"
    )
    (tmp_path / "build.py").write_text(script, encoding="utf-8")
    build_process = subprocess.Popen(
        [sys.executable, str(tmp_path / "build.py"), str(docs), str(tmp_path / "sections")],
        stdout=subprocess.PIPE, text=True, cwd=REPO,
    )  # fmt: skip
    assert build_process.stdout is not None
    child = int(build_process.stdout.readline())
    build_process.kill()  # as the out-of-memory killer would
    build_process.wait()
    build_process.stdout.close()
    deadline = time.monotonic() + 20
    while process_runs(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not process_runs(child)
