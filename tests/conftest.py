"""Shared fixtures: a small, valid project written into tmp_path from dedented strings."""

from __future__ import annotations

import ast
import hashlib
import os
import shutil
import socket
import textwrap
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:  # Playwright is imported by the browser tests that use it, not by every pytest process
    from playwright.sync_api import Browser

ALPHA_TEXT = "Alpha says 12 people died on 1 March 2026.\nIt calls the attack “brutal” — and says little else.\n"
# What every quotation error of editor prose ends with (check/quotations.py).
QUOTE_ADVICE = 'quote the seed\'s own words, or write {"…"} around a term that quotes no one'
BETA_TEXT = "Beta reports that 15 people died.\nOfficials said the toll may rise.\n"


def process_runs(pid: int) -> bool:
    """Whether process ``pid`` runs: it exists and is not a zombie (state Z, waiting for someone to reap it)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return False


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``: {its path inside, as posix: its bytes}, to compare two folders byte for byte."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def sha(text: str) -> str:
    """SHA-256 of a seed text as written to disk."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


MINI: dict[str, str] = {
    "seeds/alpha.txt": ALPHA_TEXT,
    "seeds/beta.txt": BETA_TEXT,
    "content/edition.yaml": """
        title: The attack of 1 March
        overview: Two sources disagree about *one* attack.
        most_disputed: [death-toll]
        published: 2026-03-01
        selection:
          sources: The two texts were supplied together.
          claims: Every point both texts address.
        """,
    "content/verdicts.yaml": """
        verdicts:
          - id: corroborated
            label: Corroborated
            definition: Sources agree.
            order: 1
          - id: disputed
            label: Disputed
            definition: Sources conflict.
            order: 2
        """,
    "content/stances.yaml": """
        stances:
          - id: supports
            label: Supports
            order: 1
            appears: true
            definition: The source states the claim or treats it as true.
          - id: disputes
            label: Disputes
            order: 2
            definition: The source states something that conflicts with the claim.
          - id: qualifies
            label: Qualifies
            order: 3
            definition: The source accepts part of the claim, or gives a different figure or reservation.
          - id: reports-only
            label: Reports only
            order: 4
            appears: true
            definition: The source relays the claim, or a figure for it, without endorsing it.
          - id: silent
            label: Silent
            order: 5
            definition: The source does not address the claim.
        """,
    "content/parties.yaml": """
        parties:
          - id: pakistani-authorities
            label: The authorities
            definition: Officials, as the texts report them.
          - id: bla
            label: The armed group
            definition: The group, as the texts report it.
        """,
    "content/source-kinds.yaml": """
        kinds:
          - id: opinion
            label: Opinion
            definition: Argues a view.
          - id: news-report
            label: News report
            definition: Reports events.
        """,
    "content/topics.yaml": """
        topics:
          - id: casualties
            label: Casualties
        """,
    "content/sources/alpha.yaml": f"""
        id: alpha
        title: Alpha's account
        title_kind: descriptive
        kind: opinion
        framing: Alpha frames the attack as brutal.
        dates:
          - date: 2026-03-01
            what: The attack.
        references: []
        seed: alpha.txt
        sha256: {sha(ALPHA_TEXT)}
        name: Essay on the attack
        outlook: critical of the attackers
        publication:
          outlet: Alpha Monthly
          url: https://example.org/alpha
          published: 2026-03-02
          retrieved: 2026-03-05
          archive: https://web.archive.org/web/2026/https://example.org/alpha
          reproduction: Reproduced with the permission of Alpha Monthly.
        """,
    "content/sources/beta.yaml": f"""
        id: beta
        title: Beta reports
        title_kind: headline
        author: B. Writer
        kind: news-report
        framing: Beta reports official figures.
        dates: []
        references:
          - text: Wire, "Toll rises", 2 March 2026.
            url: https://example.org/toll
        seed: beta.txt
        sha256: {sha(BETA_TEXT)}
        name: Report by B. Writer
        outlook: takes neither side
        publication:
          outlet: unknown
          url: unknown
          published: unknown
          retrieved: 2026-03-05
          archive: unknown
          reproduction: unknown
          unknown_reason: the text was supplied without them
        """,
    "content/claims/death-toll.yaml": """
        id: death-toll
        claim: Twelve people died in the attack.
        claimant: Alpha
        topics: [casualties]
        dates:
          - date: 2026-03-01
            what: The attack.
        verdict: disputed
        verdict_reason: Alpha says 12, Beta says 15.
        summary: The two sources give different tolls.
        positions:
          - source: alpha
            stance: supports
            note: Says 12 died.
            quotes:
              - "Alpha says 12 people died on 1 March 2026."
            figures:
              - value: 12
                unit: deaths
                counts: People killed in the attack
                date: 2026-03-01
                date_role: refers-to
                attributed_to: the author
          - source: beta
            stance: disputes
            note: Reports 15 deaths.
            quotes:
              - "Beta reports that 15 people died."
            figures:
              - value: 15
                unit: deaths
                counts: People killed
                attributed_to: officials
        contradictions:
          - between: [alpha, beta]
            kind: numeric
            about: 12 against 15 deaths.
            explained: false
        verification:
          corroborated: []
          unverified:
            - point: The exact toll.
              reason: No independent count.
          would_settle:
            - An independent count.
        related: [framing]
        headline: Twelve dead in the attack, says Alpha
        bottom_line: Alpha says 12 and Beta 15, and neither text reconciles them.
        corrections:
          - date: 2026-03-02
            kind: update
            note: Added Beta's figure of *15* deaths.
          - date: 2026-03-04
            kind: correction
            note: The verdict was corroborated; the figures conflict, so it is disputed.
        """,
    "content/claims/framing.yaml": """
        id: framing
        claim: The attack was brutal.
        claimant: Alpha
        topics: [casualties]
        dates: []
        verdict: corroborated
        verdict_reason: Only a characterisation.
        summary: Alpha calls the attack "brutal".
        positions:
          - source: alpha
            stance: supports
            note: Calls it brutal.
            quotes:
              - 'It calls the attack "brutal" - and says little else.'
          - source: beta
            stance: silent
            note: Does not characterise the attack.
        contradictions: []
        verification:
          corroborated: []
          unverified: []
          would_settle: []
        headline: The attack was brutal.
        bottom_line: Only Alpha characterises the attack.
        related: [death-toll]
        """,
}

# A complete content/publisher.yaml for tests of a named publisher; MINI has none, as a new project may not.
DESK = """
    publisher:
      name: Example Desk
      address: https://example.org/
      logo: assets/logo.png
    ownership: Example Desk is owned by its staff.
    funding: Reader donations.
    editors:
      - {name: A. Editor, role: editor}
    report_error:
      address: mailto:desk@example.org
    corrections_policy:
      who_answers: The editor.
      how_fast: Within two working days.
      appeal: Write to the editor again.
    """


def write_project(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write ``files`` under ``root``: strings are dedented, bytes written as-is, None deletes."""
    for name, body in files.items():
        path = root / name
        if body is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        elif name.startswith("seeds/"):
            path.write_bytes(body.encode("utf-8"))
        else:
            path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Callable[..., Path]:
    """Return a function that writes the mini project, with ``changes`` applied, and returns its root."""

    def make(changes: dict[str, str | bytes | None] | None = None) -> Path:
        root = tmp_path / "project"
        write_project(root, {**MINI, **(changes or {})})
        return root

    return make


@pytest.fixture
def without_markup_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """Turn off the check's markup rules, to test the renderer's sanitising: the backstop behind them."""
    monkeypatch.setattr("generator.check.markup.markup_errors", lambda doc: [])


@pytest.fixture
def without_quotation_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """Turn off the check of quotations in editor prose, to test what the renderer does with any text."""
    monkeypatch.setattr("generator.check.quotations.quotation_errors", lambda docs, seeds, known: [])


def problems(root: Path) -> list[str]:
    """Run the check on ``root`` and return its problems as one-line messages (empty when clean)."""
    from generator.check.validate import check_project
    from generator.errors import CheckFailed

    try:
        check_project(root)
    except CheckFailed as failed:
        return [str(error) for error in failed.errors]
    return []


def edit(name: str, old: str, new: str) -> dict[str, str]:
    """A change to one MINI file: replace ``old`` (which must occur exactly once) by ``new``."""
    body = MINI[name]
    assert body.count(old) == 1, f"{old!r} occurs {body.count(old)} times in {name}"
    return {name: body.replace(old, new)}


@dataclass(frozen=True)
class CliResult:
    """What one run of the command line did: its exit code and everything it printed."""

    code: int
    out: str
    err: str


def run_cli(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> CliResult:
    """Run ``python -m generator --root ROOT ARGS...`` in this process; never a traceback on stderr."""
    from generator.cli import main

    capsys.readouterr()  # only what this run prints
    code = main(["--root", str(root), *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return CliResult(code, out, err)


# Fixtures that build a whole site with an engine (or start a server): a test using one is marked slow, and one
# using the browser is marked browser, so `pytest -m "not browser and not slow"` runs the rest in seconds.
SLOW_FIXTURES = frozenset(
    {"site_project", "built_project", "built_site", "engine_site", "served", "explainer", "visits"}
)
LOOPBACK_MODULES = frozenset({"test_preview", "test_zpreview", "test_search"})  # tests that start servers on 127.0.0.1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & {"browser", "visits"}:
            item.add_marker(pytest.mark.browser)
        if used & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)
        if "served" in used or item.module.__name__ in LOOPBACK_MODULES:  # type: ignore[attr-defined]
            item.add_marker(pytest.mark.loopback)


def loopback_problem() -> str | None:
    """Why no server can be reached on 127.0.0.1 (no loopback interface, say in a container), or None."""
    try:
        with socket.socket() as server:
            server.bind(("127.0.0.1", 0))
            server.listen()
            socket.create_connection(server.getsockname(), timeout=2).close()
    except OSError as exc:
        return (
            f"no loopback interface (127.0.0.1: {exc.strerror or exc}): the tests that start a server need one; "
            "bring it up (ip link set lo up) or deselect them (-m 'not loopback')"
        )
    return None


def pytest_collection_finish(session: pytest.Session) -> None:
    """Stop at once, in one line, when tests that start servers are selected and no server can be reached:
    each would otherwise wait for its server until it times out."""
    if any(item.get_closest_marker("loopback") for item in session.items) and (problem := loopback_problem()):
        if not hasattr(session.config, "workerinput"):
            pytest.exit(problem, returncode=1)
        # A worker of pytest -n cannot exit here (its controller would report a crash): it stops after its first
        # test, which pytest_runtest_setup fails at once with the reason; the controller stops with it.
        session.shouldfail = problem


def pytest_runtest_setup(item: pytest.Item) -> None:
    if isinstance(stop := item.session.shouldfail, str) and stop == loopback_problem():
        pytest.fail(stop, pytrace=False)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the current output; read the diff before committing it",
    )


@dataclass(frozen=True)
class Engine:
    """What the reader tests need to know of the site an engine builds."""

    name: str
    search_box: str  # what a reader clicks, then types into
    search_result: str  # a link in the results (Zensical's search dialog is in an open shadow root)
    search_index: str  # the search index's path in the site


@pytest.fixture(autouse=True)
def fresh_mkdocs_plugins() -> Iterator[None]:
    """Each test gets new MkDocs plugin instances, as each build or preview gets its own process in use.

    MkDocs keeps a plugin that has ``on_startup`` for the whole process, whatever config loads it (for
    ``mkdocs serve``'s rebuilds): Material's search then merged a previous test's dirty index into the next test's
    plain build (test_finished_html before test_internals in one worker)."""
    from mkdocs.config.defaults import MkDocsConfig

    MkDocsConfig.plugins.plugin_cache.clear()
    yield


ENGINES = {
    "mkdocs": Engine("mkdocs", "input.md-search__input", ".md-search-result__link", "search/search_index.json"),
    "zensical": Engine("zensical", ".md-search__button", "[role=listbox] a[role=option]", "search.json"),
}
_SITES: dict[str, Path] = {}


def built(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content, built by ``engine`` once per test session; returns the site folder (read it, never
    write into it: every test of the session shares it)."""
    if engine not in _SITES:
        _SITES[engine] = _built_once(engine, tmp_path_factory)
    return _SITES[engine]


def _built_once(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Under pytest -n the workers share one build (pytest-xdist's documented pattern: the session's common
    temporary folder and a lock): the first worker to need it builds it, the others wait and read it."""
    import fcntl
    import os

    from generator.build import build

    shared = tmp_path_factory.getbasetemp()
    shared = shared.parent if "PYTEST_XDIST_WORKER" in os.environ else shared
    site, done = shared / f"real-{engine}" / "site", shared / f"real-{engine}.done"
    with open(shared / f"real-{engine}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            done.write_text(str(build(REPO, site, engine=engine).pages), encoding="utf-8")
    return site


@pytest.fixture(scope="session", autouse=True)
def shared_sites_unchanged() -> Iterator[None]:
    """The sites built once per session (``built``) are read by many tests and written by none: at the end of
    the session (of each worker), each still holds exactly the files its manifest lists, byte for byte."""
    yield
    from generator.manifest import _files, read_manifest

    for engine, site in _SITES.items():
        listed, found = read_manifest(site) or {}, dict(_files(site))  # _files: what a manifest records
        changed = sorted(name for name in listed.keys() | found.keys() if listed.get(name) != found.get(name))
        assert changed == [], f"a test changed the {engine} site the session shares: {changed[:5]}"


def built_pages(engine: str, tmp_path_factory: pytest.TempPathFactory) -> int:
    """How many HTML pages the session's build of the real content by ``engine`` said it wrote (BuildResult.pages),
    whichever worker built it."""
    site = built(engine, tmp_path_factory)
    return int((site.parent.parent / f"real-{engine}.done").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content, built by MkDocs once per test session; returns the site folder."""
    return built("mkdocs", tmp_path_factory)


@pytest.fixture(scope="session", params=sorted(ENGINES))
def engine_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Engine, Path]:
    """The real content built by each engine in turn (the reader checks run on both): the engine and the site."""
    return ENGINES[request.param], built(request.param, tmp_path_factory)


REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def real_pages() -> Mapping[str, Any]:
    """Every file the real content renders to for a publisher named "Desk" with no address and no logo, as
    render.render_site returns it ({path in the docs folder: text}); rendered once per test session (per worker
    under pytest -n) for the tests that only read it, and read-only so that no test changes what another reads."""
    from generator.check.validate import check_project
    from generator.render.render import SiteInfo, make_env, render_site

    return MappingProxyType(render_site(check_project(REPO), make_env(REPO), SiteInfo("Desk", None, None)))


@pytest.fixture(scope="session")
def real_html_pages() -> Mapping[str, Any]:
    """real_pages rendered as finished HTML, as for MkDocs (``html=True``): once per test session (per worker),
    read-only, for the tests that pass the edition's pages through MkDocs (test_finished_html, test_sections)."""
    from generator.check.validate import check_project
    from generator.render.render import SiteInfo, make_env, render_site

    return MappingProxyType(render_site(check_project(REPO), make_env(REPO, html=True), SiteInfo("Desk", None, None)))


@pytest.fixture(scope="session")
def generator_nodes() -> Mapping[Path, tuple[ast.AST, ...]]:
    """Every module of generator/ ({its path from the repository, as generator/x.py: every node of its syntax tree,
    in ast.walk's order}), for the tests that read the shape of the code: parsed once per test session (per
    worker under pytest -n) rather than once per test, and read-only, like real_pages."""
    modules = sorted((REPO / "generator").rglob("*.py"))
    return MappingProxyType(
        {path.relative_to(REPO): tuple(ast.walk(ast.parse(path.read_text(encoding="utf-8")))) for path in modules}
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium, driven by Playwright (tests/sitecheck.py launches it), one per test session
    (per worker under pytest -n); each test opens its own context."""
    from playwright.sync_api import sync_playwright
    from sitecheck import launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def site_project(project: Callable[..., Path]) -> Callable[..., Path]:
    """A mini project that can be built: the real mkdocs.yml and templates (the plugin is installed)."""

    def make(changes: dict[str, str | None] | None = None) -> Path:
        return _with_site_files(project(changes))

    return make


@pytest.fixture
def buildable(project: Callable[..., Path]) -> Path:
    """The mini project with the real mkdocs.yml and templates, for tests that build no site (not marked slow)."""
    return _with_site_files(project())


@pytest.fixture(scope="session")
def _mini_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini project with the real mkdocs.yml and templates, and the site ``generator build`` writes into its
    site/ folder: built once per session (per worker); tests get copies (``built_project``), never this one."""
    from mkdocs.config.defaults import MkDocsConfig

    from generator.build import build

    root = _with_site_files(write_project(tmp_path_factory.mktemp("mini-built") / "project", dict(MINI)))
    MkDocsConfig.plugins.plugin_cache.clear()  # built before the test's own fresh_mkdocs_plugins, so as it does
    build(root, root / "site")
    return root


@pytest.fixture
def built_project(tmp_path: Path, _mini_built: Path) -> Path:
    """A copy of the mini project that can be built (``site_project()``) with its site already built into site/,
    for tests of what a later build, check or edit does to a built site. A build of the mini project writes the
    same bytes in any folder, so the site is copied rather than built again; times and modes are kept."""
    return Path(shutil.copytree(_mini_built, tmp_path / "project", symlinks=True))


def _with_site_files(root: Path) -> Path:
    """``root`` with this repository's mkdocs.yml and site_templates/, as a project that can be built."""
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "site_templates", root / "site_templates", dirs_exist_ok=True)
    return root


ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="session")
def visits(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Every page of the real content, built by each engine, visited once per colour scheme and device: what
    each visit recorded (sitecheck.Visit), by sitecheck.Sweep and page. The page checks assert on these records.

    On the way, MkDocs' claim with the most figures, the matrix, home and contradictions are photographed into
    tests/artifacts/ (test_reader.test_screenshots).

    Its users all live in tests/test_reader.py: pytest -n runs a module's tests on one worker (--dist loadfile),
    so the pages are visited once; a user in another module would have a second worker visit them all again."""
    from sitecheck import visit_sites

    from generator.check.validate import check_project

    content = check_project(REPO)
    titles = {f"claims/{claim.id}.html": claim.headline for claim in content.claims}  # the h1 is the headline
    ARTIFACTS.mkdir(exist_ok=True)

    def shots(sweep: Any) -> dict[str, list[Path]]:
        if sweep.engine != "mkdocs":
            return {}
        return {
            name: [ARTIFACTS / f"{stem}-{sweep.device}-{sweep.scheme}{full}.png" for full in ("", "-full")]
            for name, stem in screenshot_pages(content).items()
        }

    sites = {engine: built(engine, tmp_path_factory) for engine in sorted(ENGINES)}
    return visit_sites(sites, titles, shots)


def expected_pages(content: Any) -> list[str]:
    """Every HTML page the site should have: one per page of render/pages.site_pages, and the theme's 404."""
    from generator.render.pages import html_path, site_pages

    pages = [html_path(page.path) for page in site_pages(content) if page.path.endswith((".md", ".html"))]
    return sorted([*pages, "404.html"])


def screenshot_pages(content: Any) -> dict[str, str]:
    """The pages photographed for people to look at: {page: file stem}."""
    claim = next(c for c in content.claims if len(c.figures) > 1)
    return {f"claims/{claim.id}.html": "claim", "matrix.html": "matrix", "index.html": "index",
            "contradictions.html": "contradictions"}  # fmt: skip
