"""A newsroom starts its own explainer from the command line: init, new-source, new, check, build.

The story here (a fire at a mill, two invented texts) shares nothing with this repository's edition,
and the built site must show nothing of that edition either.
"""

from __future__ import annotations

import re
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from playwright.sync_api import Browser
from sitecheck import reader

from generator.check.validate import check_project
from generator.cli import main
from generator.settings import read_mkdocs_yml

GAZETTE = "The fire at the mill started at 9 p.m., the Gazette says.\nFour workers were hurt.\n"
OWNERS = "Neighbours saw smoke by 8 p.m.\nThe owners say no one was hurt.\n"

SEEDS = {"gazette-report": "gazette.txt", "mill-statement": "owners.txt"}
SOURCES = {
    "gazette-report": """
        name: Report in the Gazette
        title: Fire at the mill
        title_kind: headline
        kind: news-report
        outlook: relays the fire service
        framing: A short report on the fire at the mill.
        dates: []
        references: []
        publication: {outlet: The Gazette, url: unknown, published: unknown, retrieved: unknown, archive: unknown,
                      reproduction: unknown, unknown_reason: the desk did not record them}
        """,
    "mill-statement": """
        name: Statement by the owners
        title: Statement on the fire
        title_kind: descriptive
        kind: commentary
        outlook: speaks for the mill
        framing: A statement for the mill, with what neighbours saw.
        dates: []
        references: []
        publication: {outlet: unknown, url: unknown, published: unknown, retrieved: unknown, archive: unknown,
                      reproduction: unknown, unknown_reason: the desk did not record them}
        """,
}

CLAIMS = {
    "start-time": """
        claim: The fire started at 9 p.m., according to the Gazette.
        claimant: the Gazette
        topics: [general]
        dates: []
        verdict: disputed
        verdict_reason: The two texts give different times.
        summary: The {gazette-report} gives 9 p.m.; the {mill-statement} reports smoke by 8 p.m.
        positions:
          - source: gazette-report
            stance: supports
            note: Gives 9 p.m.
            quotes: ["The fire at the mill started at 9 p.m., the Gazette says."]
          - source: mill-statement
            stance: disputes
            note: Reports smoke by 8 p.m.
            quotes: ["Neighbours saw smoke by 8 p.m."]
        contradictions:
          - {between: [gazette-report, mill-statement], kind: timing, about: 9 p.m. against smoke by 8 p.m., explained: false}
        verification: {corroborated: [], unverified: [], would_settle: []}
        related: [injuries]
        headline: The fire started at 9 p.m., says the Gazette
        bottom_line: The two texts give different times and neither reconciles them.
        """,
    "injuries": """
        claim: Four workers were hurt, according to the Gazette.
        claimant: the Gazette
        topics: [general]
        dates: []
        verdict: disputed
        verdict_reason: One text reports four hurt, the other none.
        summary: The {gazette-report} reports four workers hurt; the {mill-statement} says no one was.
        positions:
          - source: gazette-report
            stance: supports
            note: Four workers hurt.
            quotes: ["Four workers were hurt."]
          - source: mill-statement
            stance: disputes
            note: The owners say no one was hurt.
            quotes: ["The owners say no one was hurt."]
        contradictions: []
        verification: {corroborated: [], unverified: [], would_settle: []}
        related: []
        headline: Four workers were hurt, says the Gazette
        bottom_line: One text reports four hurt and the other none.
        """,
    "smoke-seen": """
        claim: Neighbours saw smoke by 8 p.m., according to the owners' statement.
        claimant: the owners
        topics: [general]
        dates: []
        verdict: single-source
        verdict_reason: Only the owners' statement mentions the smoke; the report does not.
        summary: Only the {mill-statement} mentions what neighbours saw.
        positions:
          - source: mill-statement
            stance: supports
            note: Reports the smoke.
            quotes: ["Neighbours saw smoke by 8 p.m."]
          - source: gazette-report
            stance: silent
            note: Does not mention neighbours.
        contradictions: []
        verification: {corroborated: [], unverified: [], would_settle: []}
        related: []
        headline: Neighbours saw smoke by 8 p.m., say the owners
        bottom_line: Only one text reports it.
        """,
}


def fill(path: Path, body: str, **keep: str) -> None:
    """Fill a scaffolded file as an editor would: keep its first line (the modeline) and the named fields."""
    modeline = path.read_text(encoding="utf-8").splitlines()[0]
    kept = "".join(f"{key}: {value}\n" for key, value in keep.items())
    path.write_text(f"{modeline}\n{kept}{textwrap.dedent(body).lstrip()}", encoding="utf-8")


def fill_source(path: Path) -> None:
    """Fill a scaffolded source file, keeping the id, seed and SHA-256 that new-source wrote."""
    scaffold = yaml.safe_load(path.read_text(encoding="utf-8"))
    keep = {key: scaffold[key] for key in ("id", "seed", "sha256")}
    fill(path, SOURCES[scaffold["id"]], **keep)


def start_explainer(root: Path) -> Path:
    """Run the newsroom's commands in order, filling each scaffold in between; return the project."""
    assert main(["init", str(root), "--name", "The mill fire", "--description", "Two texts on a fire."]) == 0
    (root / "seeds/gazette.txt").write_bytes(GAZETTE.encode())
    (root / "seeds/owners.txt").write_bytes(OWNERS.encode())
    for source_id in SOURCES:
        seed = root / f"seeds/{SEEDS[source_id]}"
        assert main(["--root", str(root), "new-source", source_id, "--seed", str(seed)]) == 0
        fill_source(root / f"content/sources/{source_id}.yaml")
    for claim_id in CLAIMS:
        assert main(["--root", str(root), "new", claim_id, "--source", "gazette-report"]) == 0
        fill(root / f"content/claims/{claim_id}.yaml", CLAIMS[claim_id], id=claim_id)
    edition = root / "content/edition.yaml"
    edition.write_text(edition.read_text(encoding="utf-8").replace("most_disputed: []", "most_disputed: [injuries]"))
    return root


def edition_strings() -> set[str]:
    """Words that belong to this repository's edition: its source names, title and places, derived from it."""
    content = check_project(REPO)
    names = {source.name for source in content.sources} | {source.title for source in content.sources}
    site_name = read_mkdocs_yml(REPO)["site_name"]
    return names | {content.edition.title, site_name, "Balochistan", "Herof", "BLA", "Pakistan", "Quetta"}


@pytest.fixture(scope="module")
def explainer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = start_explainer(tmp_path_factory.mktemp("newsroom") / "mill-fire")
    assert main(["--root", str(root), "build"]) == 0
    return root


def test_init_writes_a_content_only_project(explainer: Path) -> None:
    assert sorted(p.name for p in explainer.iterdir()) == [
        ".github", ".gitignore", "README.md", "content", "mkdocs.yml", "overrides", "requirements.txt", "schemas",
        "seeds", "site",
    ]  # fmt: skip
    assert check_project(explainer).edition.title == "The mill fire"


def test_the_scaffolds_hash_the_seed_and_point_at_the_schema(tmp_path: Path) -> None:
    root = tmp_path / "x"
    main(["init", str(root)])
    (root / "seeds/gazette.txt").write_bytes(GAZETTE.encode())
    assert main(["--root", str(root), "new-source", "gazette", "--seed", "gazette.txt"]) == 0
    path = root / "content/sources/gazette.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    schema = lines[0].removeprefix("# yaml-language-server: $schema=")
    assert schema == "../../schemas/source.schema.json"  # the project's own copy, never a virtual environment's
    assert (path.parent / schema).read_bytes() == (REPO / "generator/schemas/source.schema.json").read_bytes()
    import hashlib

    assert f"sha256: {hashlib.sha256(GAZETTE.encode()).hexdigest()}" in path.read_text(encoding="utf-8")
    assert "seed: gazette.txt" in lines


def test_the_new_site_builds_with_every_claim(explainer: Path) -> None:
    assert sorted(p.stem for p in (explainer / "site/claims").glob("*.html")) == sorted(CLAIMS)
    home = (explainer / "site/index.html").read_text(encoding="utf-8")
    assert "The mill fire" in home
    assert (explainer / "site/assets/factcheck.css").is_file()  # the package's assets, not the project's
    assert 'class="md-skip"' in home  # the package's theme overrides are in use


def test_render_exports_the_pages_with_the_packaged_assets(explainer: Path, tmp_path: Path) -> None:
    assert main(["--root", str(explainer), "render", str(tmp_path / "md")]) == 0
    assert (tmp_path / "md/claims/injuries.md").is_file()
    packaged = REPO / "site_templates/static/assets/factcheck.css"
    assert (tmp_path / "md/assets/factcheck.css").read_bytes() == packaged.read_bytes()


def test_the_project_s_own_templates_and_assets_win_over_the_package_s(tmp_path: Path) -> None:
    root = start_explainer(tmp_path / "mill-fire")
    (root / "overrides/docs/assets").mkdir(parents=True)
    (root / "overrides/docs/assets/factcheck.css").write_text("/* the desk's own styles */\n")
    (root / "overrides/site_templates/pages").mkdir(parents=True)
    (root / "overrides/site_templates/pages/methodology.md").write_text(
        '{% extends "base.md" %}\n{% block title %}Methodology{% endblock %}\n'
        "{% block body %}\n<h1>Methodology</h1>\n\n<p>The desk's own methodology.</p>\n{% endblock %}\n"
    )
    assert main(["--root", str(root), "build"]) == 0
    assert (root / "site/assets/factcheck.css").read_text() == "/* the desk's own styles */\n"
    assert "The desk's own methodology." in (root / "site/methodology.html").read_text(encoding="utf-8")
    assert (root / "site/assets/filter.js").is_file()  # what the project does not override still comes from the package


def test_nothing_of_this_edition_reaches_the_new_site(explainer: Path) -> None:
    strings = edition_strings()
    found = set()
    for path in (explainer / "site").rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".js", ".css", ".txt"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            found |= {s for s in strings if re.search(rf"\b{re.escape(s)}\b", text)}
    assert found == set()


def test_the_new_site_reads_from_disk_with_search_and_nothing_fetched(browser: Browser, explainer: Path) -> None:
    site = explainer / "site"
    pages = sorted(site.rglob("*.html"))
    with reader(browser) as tab:
        for path in pages:
            tab.page.goto(path.as_uri())
            tab.page.wait_for_load_state("load")
        tab.page.goto((site / "index.html").as_uri())
        tab.page.locator("input.md-search__input").click()
        tab.page.keyboard.type("workers", delay=40)
        result = tab.page.locator(".md-search-result__link").first
        result.wait_for(timeout=15_000)  # the search worker ran from the package's shim, offline
        assert "Four workers were hurt" in result.inner_text()
        assert tab.errors == [] and tab.off_disk == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new-source", "gazette", "--seed", "missing.txt"],
         "error: no file missing.txt: put the text in {root}/seeds/ first (new-source copies nothing)\n"),
        (["new-source", "Gazette", "--seed", "gazette.txt"],
         "error: 'Gazette' is not a valid id: use a lowercase slug (a-z, 0-9, single hyphens)\n"),
        (["new-source", "owners", "--seed", "{outside}"],
         "error: {outside} is not in {root}/seeds/: move it there first (new-source copies nothing)\n"),
    ],
)  # fmt: skip
def test_new_source_refuses_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    root = tmp_path / "x"
    main(["init", str(root)])
    (root / "seeds/gazette.txt").write_bytes(GAZETTE.encode())
    outside = tmp_path / "owners.txt"
    outside.write_bytes(OWNERS.encode())
    capsys.readouterr()
    filled = [a.format(outside=outside) for a in args]
    assert main(["--root", str(root), *filled]) == 1
    assert capsys.readouterr().err == message.format(root=root, outside=outside)
    assert not list((root / "content/sources").glob("*.yaml"))


@pytest.mark.parametrize("given", ["gazette.txt", "seeds/gazette.txt", "{root}/seeds/gazette.txt"])
def test_new_source_finds_the_seed_from_the_project_or_seeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    root = tmp_path / "desk/explainers/x"
    main(["init", str(root)])
    (root / "seeds/gazette.txt").write_bytes(GAZETTE.encode())
    monkeypatch.chdir(tmp_path / "desk")  # a repository with several explainers, run from its top
    assert main(["--root", "explainers/x", "new-source", "gazette", "--seed", given.format(root=root)]) == 0
    assert "seed: gazette.txt" in (root / "content/sources/gazette.yaml").read_text(encoding="utf-8").splitlines()


def test_new_source_refuses_an_existing_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "x"
    main(["init", str(root)])
    (root / "seeds/gazette.txt").write_bytes(GAZETTE.encode())
    main(["--root", str(root), "new-source", "gazette", "--seed", "gazette.txt"])
    before = (root / "content/sources/gazette.yaml").read_bytes()
    capsys.readouterr()
    assert main(["--root", str(root), "new-source", "gazette", "--seed", "gazette.txt"]) == 1
    path = root / "content/sources/gazette.yaml"
    assert capsys.readouterr().err == f"error: a source with id 'gazette' exists already: {path}\n"
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--url", "example.org"],
            "error: --url: expected an http:// or https:// address without quotes, spaces or "
            "brackets, got 'example.org'\n",
        ),
        (
            ["--contact", "desk"],
            "error: --contact: expected a mailto: or an http:// or https:// address without "
            "quotes, spaces or brackets, got 'desk'\n",
        ),
        (["--language", "English"], "error: --language: 'English' is not a language tag such as en, fr or pt-BR\n"),
    ],
)
def test_init_refuses_a_malformed_setting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["init", str(tmp_path / "x"), *args]) == 1
    assert capsys.readouterr().err == message
    assert not (tmp_path / "x").exists()


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["init", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"error: {tmp_path} is not empty; init writes only into a new or empty folder\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_init_writes_the_settings_into_mkdocs_yml_and_publisher_yaml(tmp_path: Path) -> None:
    root = tmp_path / "x"
    args = ["--name", "A 'quoted': name #1 \U0001F600", "--url", "https://news.example.org/fire/",
            "--publisher", "The Desk", "--publisher-url", "https://news.example.org/", "--language", "fr",
            "--contact", "mailto:desk@example.org"]  # fmt: skip
    assert main(["init", str(root), *args]) == 0
    config = read_mkdocs_yml(root)
    assert config["site_name"] == "A 'quoted': name #1 \U0001f600"
    assert config["site_url"] == "https://news.example.org/fire/"
    assert config["theme"]["language"] == "fr"
    assert "publisher" not in config["extra"] and "report_error_url" not in config["extra"]
    masthead = yaml.safe_load((root / "content/publisher.yaml").read_text(encoding="utf-8"))
    assert masthead == {
        "publisher": {"name": "The Desk", "address": "https://news.example.org/"},
        "report_error": {"address": "mailto:desk@example.org"},
    }
    assert config["plugins"][-1] == "factcheck-explainer"


def test_init_copies_the_rules_and_nothing_of_this_story(tmp_path: Path) -> None:
    root = tmp_path / "x"
    main(["init", str(root)])
    for scale in ("content/verdicts.yaml", "content/stances.yaml"):
        own = (REPO / scale).read_text(encoding="utf-8").split("\n", 1)[1]
        assert (root / scale).read_text(encoding="utf-8").split("\n", 1)[1] == own
    strings = edition_strings() | {"attack", "deaths"}
    for path in root.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert not {s for s in strings if re.search(rf"\b{re.escape(s)}\b", text, re.IGNORECASE)}, path


def test_the_claim_scaffold_hints_are_neutral() -> None:
    text = (REPO / "site_templates/scaffold/new-claim.yaml").read_text(encoding="utf-8")
    assert not {s for s in edition_strings() | {"attack", "deaths"} if re.search(rf"\b{s}\b", text, re.IGNORECASE)}


# --- several explainers in one repository: explainers/<name>/, each with its own mkdocs.yml --------------------


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


@pytest.mark.slow  # builds two explainers
def test_several_explainers_in_one_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "desk"
    for name in ("mill-fire", "river-flood"):
        start_explainer(repo / "explainers" / name)
        edition = repo / f"explainers/{name}/mkdocs.yml"
        edition.write_text(edition.read_text(encoding="utf-8").replace("The mill fire", f"Explainer {name}"))
    for path in (repo / "explainers").rglob("*.yaml"):  # every modeline reaches its schema from its own depth
        schema = path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# yaml-language-server: $schema=")
        assert (path.parent / schema).resolve().is_file(), path
    for name in ("mill-fire", "river-flood"):
        root = repo / "explainers" / name
        assert main(["--root", str(root), "check"]) == 0
        assert main(["--root", str(root), "build", "--site-dir", str(tmp_path / "pages" / name)]) == 0
        assert f"Explainer {name}" in (tmp_path / f"pages/{name}/index.html").read_text(encoding="utf-8")
    # Once both are published, a verdict changed in one needs its corrections entry there, as in a
    # repository of its own.
    for name in ("mill-fire", "river-flood"):
        edition = repo / f"explainers/{name}/content/edition.yaml"
        edition.write_text(edition.read_text(encoding="utf-8") + "published: 2026-03-01\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "-c", "user.name=Desk", "-c", "user.email=desk@example.org", "commit", "-q", "-m", "two explainers")
    claim = repo / "explainers/river-flood/content/claims/start-time.yaml"
    claim.write_text(claim.read_text(encoding="utf-8").replace("verdict: disputed", "verdict: interpretation"))
    capsys.readouterr()
    assert main(["--root", str(repo / "explainers/river-flood"), "check", "--base", "main"]) == 1
    assert capsys.readouterr().err.startswith(
        "content/claims/start-time.yaml:7:10: verdict: changed from 'disputed' at main to 'interpretation', but no"
    )
    assert main(["--root", str(repo / "explainers/mill-fire"), "check", "--base", "main"]) == 0


def test_a_plain_zensical_build_of_a_new_explainer_stops_with_one_line(tmp_path: Path) -> None:
    import sys

    from generator.zensical.guard import MESSAGE

    root = start_explainer(tmp_path / "mill-fire")
    done = subprocess.run(
        [sys.executable, "-m", "zensical", "build"], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert (done.returncode, done.stderr) == (
        1,
        f"Error: Encountered an error parsing the configuration file: {MESSAGE}\n",
    )
    assert not (root / "site").exists()


def test_a_second_init_in_one_process_compiles_no_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Its templates go through the process's one bytecode cache (render/compiled.py), like every page template.
    import jinja2

    assert main(["init", str(tmp_path / "one")]) == 0
    compiled: list[str | None] = []
    compile_ = jinja2.Environment.compile

    def counted(
        self: jinja2.Environment, source: str, name: str | None = None, *args: object, **kwargs: object
    ) -> object:
        compiled.append(name)
        return compile_(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    assert main(["init", str(tmp_path / "two")]) == 0
    assert compiled == []
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == sorted(p.name for p in (tmp_path / "one").iterdir())
