"""The social cards of a build are drawn in another process from the end of the check on, while the pages render
and the engine builds the site (#26): the same bytes, no card held in memory, errors said as before."""

from __future__ import annotations

import pickle
import re
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, folder_bytes, process_runs

from generator import drawing as drawing_module
from generator import pipeline, publish
from generator.build import build
from generator.check.validate import check_project
from generator.errors import BuildFailed
from generator.render import card
from generator.render.card import social_card, social_cards
from generator.render.pages import Drawn
from generator.render.render import SiteInfo, make_env, render_site
from generator.settings import load_mkdocs_config
from generator.translations import language

Make = Callable[..., Path]


def _cards(count: int) -> dict[str, Drawn]:
    return {
        f"assets/cards/claim-{n}.png": Drawn(
            social_card, (f"Claim {n} of the edition", "Verdict: Disputed", None, "Desk")
        )
        for n in range(count)
    }


def test_the_cards_drawn_ahead_are_those_the_render_makes(project: Make) -> None:
    content, site = check_project(project()), SiteInfo("Desk", None, None, None, "ur")
    words = language(None, "ur")
    rendered = render_site(content, make_env(REPO, words), site)
    ahead = social_cards(content, site, words)
    assert ahead == {path: output for path, output in rendered.items() if isinstance(output, Drawn)}
    assert sorted(ahead) == ["assets/cards/death-toll.png", "assets/cards/framing.png"]


def test_a_build_is_given_every_card_before_a_page_renders(buildable: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    happened: list[str] = []
    rendering = pipeline.render
    monkeypatch.setattr(pipeline, "render", lambda *args: happened.append("render") or rendering(*args))
    pages = pipeline.generate_drawn_later(load_mkdocs_config(buildable), draw=lambda cards: happened.extend(cards))
    assert happened == ["assets/cards/death-toll.png", "assets/cards/framing.png", "render"]
    assert isinstance(pages["assets/cards/death-toll.png"], Drawn)


@pytest.mark.slow  # starts a worker process
def test_cards_drawn_by_a_worker_wait_in_a_spool_and_are_placed_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(publish, "DRAWN_AHEAD_FROM", 3)
    cards, site = _cards(3), tmp_path / "site"
    with publish.Cards(site) as drawing:
        drawing.start(cards)
        for path in cards:
            assert drawing._wait(path)  # delivered, and written to the spool: the build holds none of them
        (spool,) = [p for p in tmp_path.iterdir() if p.name.startswith(publish.STAGING)]
        assert sorted(p.name for p in (spool / "assets/cards").iterdir()) == [
            "claim-0.png",
            "claim-1.png",
            "claim-2.png",
        ]
        drawing.place(cards, site)
        assert drawing.ahead == 3  # none drawn again in this process
    _only_the_cards(site, cards)


def test_too_few_cards_are_drawn_as_they_are_placed(tmp_path: Path) -> None:
    cards = _cards(2)
    with publish.Cards(tmp_path / "site") as drawing:
        drawing.start(cards)
        drawing.place(cards, tmp_path / "site")
        assert drawing.ahead == 0
    _only_the_cards(tmp_path / "site", cards)


@pytest.mark.slow  # starts a worker process
def test_a_card_other_than_the_one_drawn_ahead_is_drawn_as_placed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(publish, "DRAWN_AHEAD_FROM", 1)
    path, other = (
        "assets/cards/claim-0.png",
        Drawn(social_card, ("Another headline", "Verdict: Disputed", None, "Desk")),
    )
    with publish.Cards(tmp_path / "site") as drawing:
        drawing.start(_cards(1))
        drawing.place({path: other}, tmp_path / "site")
        assert drawing.ahead == 0
    assert (tmp_path / "site" / path).read_bytes() == other.data()


@pytest.mark.parametrize(
    "ahead", [pytest.param(1, marks=pytest.mark.slow, id="drawn by a worker"), pytest.param(64, id="drawn as placed")]
)
def test_a_card_that_cannot_be_drawn_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ahead: int) -> None:
    monkeypatch.setattr(publish, "DRAWN_AHEAD_FROM", ahead)
    broken = {
        "assets/cards/claim-0.png": Drawn(social_card, ("A headline", "Verdict: Disputed", "not-a-colour", "Desk"))
    }
    message = "could not draw assets/cards/claim-0.png: ValueError: unknown color specifier: 'not-a-colour'"
    with publish.Cards(tmp_path / "site") as drawing:
        drawing.start(broken)
        with pytest.raises(BuildFailed, match=f"^{re.escape(message)}$"):
            drawing.place(broken, tmp_path / "site")
    assert list(tmp_path.iterdir()) == []  # no spool left


def test_a_build_whose_card_cannot_be_drawn_leaves_the_previous_site(
    built_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = built_project
    before = folder_bytes(root / "site")
    monkeypatch.setattr(publish, "DRAWN_AHEAD_FROM", 1)  # a worker cannot take this drawing: it is drawn as placed

    def broken(*arguments: object) -> bytes:
        raise OSError("cannot open resource")

    monkeypatch.setattr(card, "social_card", broken)
    message = "could not draw assets/cards/framing.png: OSError: cannot open resource"  # the last: placed first
    with pytest.raises(BuildFailed, match=f"^{re.escape(message)}$"):
        build(root, root / "site")
    assert folder_bytes(root / "site") == before
    assert [p.name for p in root.iterdir() if p.name.startswith(publish.STAGING)] == []


def test_a_build_that_draws_its_cards_in_a_worker_writes_the_same_site(
    built_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = built_project  # its site/ drawn by the build itself (fewer cards than publish.DRAWN_AHEAD_FROM)
    placed: list[int] = []
    placing = publish.Cards.place

    def place(self: publish.Cards, *args: object) -> None:
        assert all(self._wait(path) for path in self._started)  # every card delivered: none is taken back
        placing(self, *args)  # type: ignore[arg-type]
        placed.append(self.ahead)

    expected: list[int] = []
    expecting = publish.Cards.expect

    def expect(self: publish.Cards, claims: int) -> None:
        expected.append(claims)
        expecting(self, claims)

    monkeypatch.setattr(publish.Cards, "place", place)
    monkeypatch.setattr(publish.Cards, "expect", expect)
    monkeypatch.setattr(publish, "DRAWN_AHEAD_FROM", 1)
    build(root, root / "two")
    assert expected == [2]  # the claim files, counted before the check: the worker started then
    assert placed == [2]  # both cards drawn by the worker
    one, two = folder_bytes(root / "site"), folder_bytes(root / "two")
    assert one == two and "assets/cards/death-toll.png" in two


def test_a_worker_answers_in_a_few_bytes_having_written_the_card_itself(tmp_path: Path) -> None:
    """A worker killed while it sent a whole card (tens of KB) left the pool's reader waiting for the rest of the
    message forever, and the build hung: what travels back must fit in one write to a pipe (PIPE_BUF)."""
    drawn = next(iter(_cards(1).values()))
    target = tmp_path / "spool/assets/cards/claim-0.png"
    answer = publish.draw_into(str(target), drawn)
    assert answer is True and len(pickle.dumps(answer)) < select.PIPE_BUF
    assert target.read_bytes() == drawn.data()
    failing = Drawn(social_card, ("A headline", "Verdict: Disputed", "not-a-colour", "Desk"))
    assert publish.draw_into(str(tmp_path / "other.png"), failing) is False  # named when drawn as placed


# Run as a script (spawn imports its main module again: hence the guard). It starts the cards' worker, then kills
# it (argv[2] == "worker") or itself (argv[2] == "build"), printing the worker's pid first. A worker draws the first
# card, then waits (to be killed) before each other: so it is killed in the middle of its cards whatever the machine's
# speed, and the build draws the rest itself (a race with 300 cards drew them all twice over, mostly in the build).
_KILLED = """
import multiprocessing, os, signal, sys, time
from pathlib import Path
from typing import Any
from generator import publish
from generator.render.card import social_card
from generator.render.pages import Drawn

def card(number, *arguments):
    if number > 0 and multiprocessing.parent_process() is not None:  # in a worker, after its first card
        time.sleep(300)
    return social_card(*arguments)

if __name__ == "__main__":
    publish.DRAWN_AHEAD_FROM = 1
    site = Path(sys.argv[1])
    cards = {f"assets/cards/claim-{n}.png": Drawn(card, (n, f"Claim {n}", "Verdict: Disputed", None, "Desk"))
             for n in range(CARDS)}
    with publish.Cards(site) as drawing:
        drawing.start(cards)
        drawing._wait("assets/cards/claim-0.png")  # the worker is drawing
        workers = [process.pid for process in multiprocessing.active_children()]
        print(*workers, flush=True)
        if sys.argv[2] == "build":
            os.kill(os.getpid(), signal.SIGKILL)
        for pid in workers:
            os.kill(pid, signal.SIGKILL)
        drawing.place(cards, site)
    assert all((site / path).read_bytes() == drawn.data() for path, drawn in cards.items())
    print("placed", drawing.ahead, flush=True)
"""
CARDS = 8  # more than the workers (drawing.MOST_WORKERS) and the jobs queued ahead for them


@pytest.mark.slow  # starts worker processes
def test_a_build_whose_card_worker_is_killed_draws_the_rest_itself(tmp_path: Path) -> None:
    code, said = _run_killed(tmp_path, "worker")
    assert code == 0, said
    placed = int(said.split()[-1])
    assert placed == 1  # the first card from the spool, the rest drawn by the build itself
    assert sorted(p.name for p in tmp_path.iterdir()) == ["killed.py", "said.txt", "site"]  # no spool left


@pytest.mark.slow  # starts worker processes
def test_a_card_worker_ends_with_the_build_that_started_it(tmp_path: Path) -> None:
    code, said = _run_killed(tmp_path, "build")
    assert code == -signal.SIGKILL
    workers = [int(pid) for pid in said.splitlines()[0].split()]  # then the resource tracker may warn
    assert workers
    deadline = time.monotonic() + 30
    while any(process_runs(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(process_runs(pid) for pid in workers)


def _run_killed(tmp_path: Path, killed: str) -> tuple[int, str]:
    """Run _KILLED; its exit code and what it printed. Its output goes to a file, not a pipe: a worker left alive
    would hold a pipe open, and the run would wait for it instead of failing."""
    script, said = tmp_path / "killed.py", tmp_path / "said.txt"
    script.write_text(_KILLED.replace("CARDS", str(CARDS)), encoding="utf-8")
    with said.open("w", encoding="utf-8") as out:
        code = subprocess.run(
            [sys.executable, str(script), str(tmp_path / "site"), killed],
            stdout=out,
            stderr=out,
            timeout=300,
            check=False,
        ).returncode
    return code, said.read_text(encoding="utf-8")


def _drawing_in_a_pool_worker(_: int) -> list[tuple[str, bool]]:
    from generator.drawing import Drawing

    told: list[tuple[str, bool]] = []
    Drawing({"assets/cards/x.png": (bool, (1,))}, lambda path, done: told.append((path, done))).close()
    return told


def test_a_build_in_a_daemonic_process_draws_its_cards_itself() -> None:
    # A worker of a multiprocessing pool may start no process of its own: its cards are then drawn by the build.
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        assert pool.map(_drawing_in_a_pool_worker, [0]) == [[("assets/cards/x.png", False)]]


def test_the_workers_stop_once_every_card_is_drawn_not_when_the_build_ends() -> None:
    # The build holds its largest pages after the cards are drawn: the workers' memory is not held beside them.

    from generator.drawing import Drawing

    delivered = threading.Event()
    told: list[tuple[str, bool]] = []

    def deliver(path: str, done: bool) -> None:
        told.append((path, done))
        if len(told) == 2:
            delivered.set()

    before = _children()
    drawing = Drawing({"a.png": (bool, (1,)), "b.png": (bool, (1,))}, deliver)
    try:
        assert delivered.wait(60)
        deadline = time.monotonic() + 30
        while _children() - before and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _children() - before == set()  # without close()
        assert sorted(told) == [("a.png", True), ("b.png", True)]
    finally:
        drawing.close()


def _slow_in_a_worker(number: int, *arguments: Any) -> bytes:
    """A card that a worker draws a second late after its first; the build, at once."""
    import multiprocessing

    if number > 0 and multiprocessing.parent_process() is not None:
        time.sleep(1)
    return social_card(*arguments)


@pytest.mark.slow  # starts a worker process
def test_the_build_draws_the_cards_no_worker_has_begun_rather_than_wait_for_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(publish, "DRAWN_AHEAD_FROM", 1)
    monkeypatch.setattr(drawing_module, "workers", lambda: 1)  # the pool queues workers + 1 jobs: out of reach
    cards = {
        f"assets/cards/claim-{n}.png": Drawn(_slow_in_a_worker, (n, f"Claim {n}", "Verdict: Disputed", None, "Desk"))
        for n in range(CARDS)
    }
    site = tmp_path / "site"
    with publish.Cards(site) as drawing:
        drawing.start(cards)
        assert drawing._wait("assets/cards/claim-0.png")
        drawing.place(cards, site)  # waited for every card, it would take them all from the spool
        ahead = drawing.ahead
    assert 1 <= ahead <= 4 < CARDS  # the first, the one being drawn, the two queued behind it; the build drew the rest
    _only_the_cards(site, cards)


@pytest.mark.slow  # starts a worker process
def test_the_workers_start_while_the_content_is_checked_and_draw_the_cards_given_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    monkeypatch.setattr(publish, "DRAWN_AHEAD_FROM", 3)
    cards, site, before = _cards(3), tmp_path / "site", _children()
    with publish.Cards(site) as drawing:
        drawing.expect(2)  # too few claim files: nothing starts
        assert _children() == before
        drawing.expect(3)
        started = _children() - before
        assert len(started) == 1  # before any card is known
        drawing.start(cards)
        assert all(drawing._wait(path) for path in cards)
        drawing.place(cards, site)
        assert drawing.ahead == 3
    _only_the_cards(site, cards)
    assert not any(process_runs(pid) for pid in started)


@pytest.mark.slow  # starts a worker process
def test_workers_started_for_cards_that_never_come_stop_with_the_build(tmp_path: Path) -> None:

    before = _children()
    with publish.Cards(tmp_path / "site") as drawing:
        drawing.expect(publish.DRAWN_AHEAD_FROM)  # and then the check fails
        started = _children() - before
        assert len(started) == 1
    assert not any(process_runs(pid) for pid in started)
    assert list(tmp_path.iterdir()) == []


def _only_the_cards(site: Path, cards: dict[str, Drawn]) -> None:
    """``site`` holds exactly ``cards``, each as drawn in this process, and nothing is left beside it (the spool)."""
    assert folder_bytes(site) == {path: drawn.data() for path, drawn in cards.items()}
    assert [p.name for p in site.parent.iterdir()] == [site.name]


def _children() -> set[int]:
    """This process's live child processes, by pid (another test's may still be ending)."""
    import multiprocessing

    return {process.pid for process in multiprocessing.active_children() if process.pid is not None}


@pytest.mark.slow  # starts a worker process
def test_a_ctrl_c_while_the_cards_are_handed_over_stops_the_workers_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Held while the jobs are handed over (drawing.ctrl_c_held), it arrives as the last is: no card is drawn after.
    from concurrent.futures import ProcessPoolExecutor

    from generator.drawing import Drawing

    handing, handed = ProcessPoolExecutor.submit, []

    def submit(self: ProcessPoolExecutor, function: Any, *arguments: Any) -> Any:
        handed.append(function)
        if len(handed) == 3:
            raise KeyboardInterrupt
        return handing(self, function, *arguments)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", submit)
    before = _children()
    with pytest.raises(KeyboardInterrupt):
        Drawing({name: (bool, (1,)) for name in ("a.png", "b.png", "c.png", "d.png")}, lambda path, done: None)
    assert _children() - before == set()  # stopped before the Ctrl-C went on


@pytest.mark.slow  # starts a worker process
def test_a_worker_started_for_claims_of_which_too_few_are_listed_stops_when_the_cards_are_given(
    tmp_path: Path,
) -> None:
    before = _children()
    with publish.Cards(tmp_path / "site") as drawing:
        drawing.expect(publish.DRAWN_AHEAD_FROM)  # as many claim files, but some withdrawn: fewer cards
        assert len(_children() - before) == 1
        drawing.start(_cards(2))
        assert _children() - before == set()  # not held idle while the engine builds the site
