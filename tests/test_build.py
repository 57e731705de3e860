"""The build: checks first, writes the site atomically, and never harms what it must not touch."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from conftest import edit, folder_bytes, run_cli
from mkdocs.commands.build import build as mkdocs_build

from generator import pipeline
from generator.build import build, export_markdown
from generator.errors import BuildFailed, CheckFailed, TemplateFailed
from generator.manifest import mark_rendered
from generator.settings import load_mkdocs_config, read_mkdocs_yml

Make = Callable[..., Path]


def test_build_writes_a_page_per_claim_and_source(site_project: Callable[..., Path]) -> None:
    root = site_project()
    result = build(root, root / "site")
    pages = sorted(p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*.html"))
    assert pages == [
        "404.html", "about.html", "claims.html", "claims/death-toll.html", "claims/framing.html", "contradictions.html",
        "corrections.html", "index.html", "matrix.html", "methodology.html", "sources/alpha.html", "sources/beta.html", "sources/index.html",
    ]  # fmt: skip
    assert (root / "site/claims.json").is_file()
    assert result.pages == len(pages)
    assert "Twelve people died in the attack." in (root / "site/claims/death-toll.html").read_text()


def test_failed_check_leaves_the_previous_site_untouched(built_project: Path) -> None:
    root = built_project
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    (root / "content/claims/framing.yaml").write_text("id: [broken\n")
    with pytest.raises(CheckFailed):
        build(root, root / "site")
    after = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in root.iterdir() if p.name.startswith(".factcheck-staging-")] == []


def test_broken_template_leaves_the_previous_site_untouched(
    built_project: Path,
) -> None:
    root = built_project
    before = (root / "site/index.html").read_bytes()
    (root / "site_templates/pages/claim.md").write_text("{{ claim.no_such_field }}")
    message = "template claim.md, line 1: 'generator.model.Claim object' has no attribute 'no_such_field'"
    with pytest.raises(TemplateFailed, match=re.escape(message)):
        build(root, root / "site")
    assert (root / "site/index.html").read_bytes() == before


def test_deleted_claims_do_not_survive_a_rebuild(built_project: Path) -> None:
    root = built_project
    assert (root / "site/claims/framing.html").is_file()
    (root / "content/claims/framing.yaml").unlink()
    (root / "content/claims/death-toll.yaml").write_text(
        edit("content/claims/death-toll.yaml", "related: [framing]", "related: []")["content/claims/death-toll.yaml"]
        .replace("\n        ", "\n")
        .lstrip("\n")
    )
    build(root, root / "site")
    assert not (root / "site/claims/framing.html").exists()


@pytest.mark.parametrize("target", [".", "content", "seeds", "content/claims", "generator", ".."])
def test_refuses_to_build_over_the_project(site_project: Callable[..., Path], target: str) -> None:
    root = site_project()
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    with pytest.raises(BuildFailed, match="refusing to build into"):
        build(root, root / target)
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_refuses_to_replace_a_folder_that_is_not_a_site(site_project: Callable[..., Path], tmp_path: Path) -> None:
    root = site_project()
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    message = (
        f"refusing to replace {precious}: this tool did not write it (it holds notes.txt and no "
        ".factcheck-manifest.json); choose another folder, or move these files away"
    )
    with pytest.raises(BuildFailed, match=re.escape(message)):
        build(root, precious)
    assert (precious / "notes.txt").read_text() == "keep me"


def test_two_builds_are_byte_identical_and_dated_by_the_last_commit(built_project: Path) -> None:
    """Two builds of the same project, in two folders: the one built_project copied, and one here (what lets
    built_project copy a site rather than build it)."""
    root = built_project
    build(root, root / "two")
    one = folder_bytes(root / "site")
    assert one == folder_bytes(root / "two")
    # Outside git the epoch is 0: the gzip header's mtime (bytes 4-8) must say so, not today's date.
    assert one["sitemap.xml.gz"][4:8] == b"\0\0\0\0"


@pytest.mark.usefixtures("without_markup_check")
def test_hostile_titles_cannot_inject_into_the_theme(site_project: Callable[..., Path]) -> None:
    # The check refuses this text (see test_adversarial.py); with that off, the rendering must still hold.
    # Material writes page.title unescaped into <title> and the header: our front matter must escape it.
    hostile = "'</title><img src=x onerror=alert(1)><script>alert(2)</script> A & B'"
    claim = edit("content/claims/death-toll.yaml", "claim: Twelve people died in the attack.", f"claim: {hostile}")
    toll = claim["content/claims/death-toll.yaml"]  # the headline is the page's title; the claim is on the card
    toll = toll.replace("headline: Twelve dead in the attack, says Alpha", f"headline: {hostile}")
    root = site_project({"content/claims/death-toll.yaml": toll})
    build(root, root / "site")
    for page in (root / "site").rglob("*.html"):
        html = page.read_text()
        assert "<img src=x" not in html and "<script>alert" not in html, page
    head = (root / "site/claims/death-toll.html").read_text().split("</head>")[0]
    assert (
        "<title>&lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt; A &amp; B - "
        in head
    )


def test_markdown_export_writes_the_rendered_pages_and_assets(site_project: Callable[..., Path]) -> None:
    root = site_project()
    export_markdown(root, root / "md")
    written = sorted(p.relative_to(root / "md").as_posix() for p in (root / "md").rglob("*") if p.is_file())
    assert "claims/death-toll.md" in written and "claims.json" in written and "assets/factcheck.css" in written
    text = (root / "md/claims/death-toll.md").read_text()
    assert text.startswith(
        '---\ntitle: "Twelve dead in the attack, says Alpha"\n'
        'description: "Verdict: Disputed. Alpha says 12 and Beta 15, and neither text reconciles them."\n'
        'og_type: article\nheadline_boost: 4\nog_image: "../assets/cards/death-toll.png"\n---\n'
    )
    site_name = read_mkdocs_yml(root)["site_name"]
    assert f'"name": {json.dumps(site_name)}' in text  # the publisher comes from mkdocs.yml


@pytest.mark.parametrize("setting", ["use_directory_urls: true", "# use_directory_urls: unset, MkDocs' default (true)"])
@pytest.mark.parametrize("command", [["build"], ["build", "--engine", "zensical"], ["render", "{root}/out"]])
def test_directory_urls_are_refused_in_one_line(
    site_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], command: list[str], setting: str
) -> None:
    """Every page has one address, claims/ID.html (render/pages.py): with claims/ID/ every internal link breaks."""
    root = site_project()
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text.replace("use_directory_urls: false", setting, 1), encoding="utf-8")
    result = run_cli(capsys, root, *(arg.format(root=root) for arg in command))
    assert (result.code, result.err) == (
        1,
        "error: mkdocs.yml: use_directory_urls: true is not supported: the pages link to each other as "
        "claims/ID.html and open from disk; set use_directory_urls: false\n",
    )
    assert not (root / "site").exists() and not (root / "out").exists()


def test_a_build_checks_once_and_mkdocs_writes_what_a_plain_mkdocs_build_writes(
    site_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The plugin is driven only through MkDocs' own run: under `generator build` it takes the pages from the docs
    # folder the build wrote (manifest.rendered) instead of checking a second time, and the site is the one a plain
    # `mkdocs build` writes (the same pages, the same search index in the same order, the same policies).
    root = site_project()
    checks: list[Path] = []
    checked = pipeline.check_project
    monkeypatch.setattr(pipeline, "check_project", lambda *args: checks.append(args[0]) or checked(*args))
    build(root, root / "site")
    assert checks == [root]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # as generator build dates a project outside git
    config = load_mkdocs_config(root, site_dir=str(root / "plain"))
    config.plugins.on_startup(command="build", dirty=False)
    mkdocs_build(config)
    config.plugins.on_shutdown()

    assert folder_bytes(root / "site") == folder_bytes(root / "plain")


def test_the_engines_set_nothing_on_the_plugin(generator_nodes: Mapping[Path, tuple[ast.AST, ...]]) -> None:
    # The plugin's state is its own: no module outside the plugin assigns an attribute of a plugin instance.
    for path, nodes in generator_nodes.items():
        if path.as_posix() == "generator/mkdocs/plugin.py":
            continue
        for node in nodes:
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                for element in target.elts if isinstance(target, ast.Tuple) else [target]:
                    if isinstance(element, ast.Attribute) and isinstance(element.value, ast.Name):
                        assert element.value.id != "plugin", f"{path}:{node.lineno}"


def test_a_rendered_mark_in_the_projects_docs_folder_changes_nothing(site_project: Callable[..., Path]) -> None:
    # Only the docs folder generator build writes beside its staging site tells the plugin the pages are there:
    # a mark put in the project's own docs_dir leaves a plain `mkdocs build` checking, generating, adding policies.
    root = site_project()
    config = load_mkdocs_config(root, site_dir=str(root / "plain"))
    mark_rendered(Path(config.docs_dir), ["claims/death-toll.md"])
    config.plugins.on_startup(command="build", dirty=False)
    mkdocs_build(config)
    config.plugins.on_shutdown()
    page = (root / "plain/claims/death-toll.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy"' in page
