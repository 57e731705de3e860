"""The list of pages: paths, links relative from each page's depth, the files each page reads, no clashes."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from conftest import run_cli

from generator.check.validate import check_project
from generator.render.pages import EVERYTHING, href, html_path, path_errors, site_pages, theme_links, without_plugin

Make = Callable[..., Path]


def test_every_page_has_one_path_a_template_and_its_inputs(project: Make) -> None:
    pages = {page.path: page for page in site_pages(check_project(project()))}
    assert list(pages) == [
        "index.md", "claims.md", "contradictions.md", "matrix.md", "methodology.md", "corrections.md",
        "sources/index.md", "about.md", "claims/death-toll.md", "claims/framing.md", "sources/alpha.md", "sources/beta.md",
        "claims.json", "assets/verdicts.css", "assets/cards/death-toll.png", "assets/cards/framing.png", "feed.xml",
    ]  # fmt: skip
    assert pages["claims/death-toll.md"].template == "claim.md"
    assert pages["claims/death-toll.md"].inputs == (
        "content/claims/death-toll.yaml",
        "content/claims/framing.yaml",  # related, and the next claim on its topic
        "content/stances.yaml", "content/parties.yaml", "content/source-kinds.yaml", "content/verdicts.yaml",
        "content/topics.yaml", "content/edition.yaml", "content/publisher.yaml",
        "content/sources/alpha.yaml", "content/sources/beta.yaml",
    )  # fmt: skip
    assert pages["matrix.md"].inputs == (EVERYTHING,)
    assert pages["sources/alpha.md"].inputs == (EVERYTHING,)  # every claim has a position for every source


@pytest.mark.parametrize(
    ("page", "target", "anchor", "expected"),
    [
        ("index.md", "matrix.md", "", "matrix.html"),
        ("index.md", "sources/index.md", "", "sources/index.html"),
        ("claims/a.md", "claims.json", "", "../claims.json"),
        ("claims/a.md", "methodology.md", "corrections", "../methodology.html#corrections"),
        ("sources/b.md", "claims/a.md", "pos-b", "../claims/a.html#pos-b"),
    ],
)
def test_links_are_relative_from_the_pages_depth(page: str, target: str, anchor: str, expected: str) -> None:
    assert href(page, target, anchor) == expected


def test_links_to_claims_and_sources_go_through_their_paths(project: Make) -> None:
    content = check_project(project())
    assert href("sources/alpha.md", content.claims[0]) == "../claims/death-toll.html"
    assert href("matrix.md", content.sources[1], "x") == "sources/beta.html#x"


def test_a_static_file_where_a_page_goes_is_refused_by_name(project: Make) -> None:
    pages = site_pages(check_project(project()))
    errors = path_errors(pages, ["assets/x.css", "matrix.md", "claims/framing.html"], "site_templates/static")
    assert [str(error) for error in errors] == [
        "site_templates/static/claims/framing.html:1:1: (file): is served at claims/framing.html, where the site "
        "already has the page of content/claims/framing.yaml; rename it",
        "site_templates/static/matrix.md:1:1: (file): is served at matrix.html, where the site already has the page "
        "made from the template matrix.md; rename it",
    ]


def test_the_build_refuses_a_static_file_that_a_page_would_replace(
    site_project: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_project({"site_templates/static/claims/death-toll.md": "# Mine\n"})
    expected = (
        "site_templates/static/claims/death-toll.md:1:1: (file): is served at claims/death-toll.html, where the site "
        "already has the page of content/claims/death-toll.yaml; rename it"
    )
    result = run_cli(capsys, root, "build", "--site-dir", str(root / "site"))
    assert result.code == 1
    assert result.err.splitlines()[0] == expected
    assert not (root / "site").exists()
    checked = run_cli(capsys, root, "check")  # what an editor runs (and pre-commit) says the same
    assert (checked.code, checked.err.splitlines()[0]) == (1, expected)


def test_an_alias_is_a_redirect_page_that_reads_its_claim(project: Make) -> None:
    from conftest import edit

    root = project(
        edit(
            "content/claims/framing.yaml",
            "related: [death-toll]",
            "related: [death-toll]\n        aliases: [old-framing]",
        )
    )
    pages = {page.path: page for page in site_pages(check_project(root))}
    redirect = pages["claims/old-framing.html"]
    assert redirect.template == "(redirect)"
    assert redirect.inputs == ("content/claims/framing.yaml", "content/sources/alpha.yaml", "content/sources/beta.yaml")
    assert redirect.origin is not None and redirect.origin.path == "content/claims/framing.yaml"


# A page address written into a template: an href, src or content value ending in a page's extension, a literal
# piped to MkDocs' `url` filter, or an address built from an id ("{{ claim.id }}.html").
_HARD_CODED = re.compile(
    r"""(?:href|src|content)=["'][^"'{]*\.(?:html|xml|json|css|png)["']"""
    r"""|\{\{\s*["'][^"']*\.(?:html|xml|json|css|png)["']\s*\|\s*url"""
    r"""|\}\}\.(?:html|xml|json|png)"""
    r"""|~\s*["'][^"']*\.(?:html|xml|json|png)["']"""
)


def test_no_template_hard_codes_a_page_address() -> None:
    # Every address comes from render/pages.py: url_for in the page templates, config.extra.factcheck_links
    # (pages.theme_links) in the theme's.
    templates = [p for p in Path("site_templates").rglob("*") if p.suffix in (".html", ".md") and p.is_file()]
    assert len(templates) > 10
    found = [f"{path}: {m.group()}" for path in templates for m in _HARD_CODED.finditer(path.read_text("utf-8"))]
    assert found == []


def test_only_render_pages_builds_a_claim_or_source_address(
    generator_nodes: Mapping[Path, tuple[ast.AST, ...]],
) -> None:
    found = []
    for path, nodes in generator_nodes.items():
        if path.as_posix() == "generator/render/pages.py":
            continue
        for node in nodes:
            text = node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""
            if text.startswith(("claims/", "sources/", "assets/cards/")):
                found.append(f"{path}:{node.lineno}: {text!r}")
    assert found == []


def test_the_theme_gets_its_links_from_the_pages(project: Make) -> None:
    paths = {html_path(page.path) for page in site_pages(check_project(project()))}
    assert set(theme_links().values()) <= paths  # each a page the site has
    assert theme_links()["about"] == "about.html" and theme_links()["feed"] == "feed.xml"


@pytest.mark.parametrize(
    ("plugins", "extensions", "expected"),
    [
        (["search", "factcheck-explainer"], ["toc"], ["toc", "attr_list"]),
        (
            ["search", {"factcheck-explainer": {"watch_events": False}}],
            ["toc", {"attr_list": {}}],
            ["toc", {"attr_list": {}}],
        ),
    ],
    ids=["names", "with-options"],
)
def test_a_build_without_our_plugin_gets_what_the_plugin_adds(
    plugins: list[object], extensions: list[object], expected: list[object]
) -> None:
    """Zensical and the benchmark's baseline cannot run our plugin: it is left out of mkdocs.yml's settings, as an
    entry with options too, and what it adds to MkDocs' configuration is given instead, attr_list once."""
    mkdocs = {"site_name": "S", "plugins": plugins, "markdown_extensions": extensions, "extra": {"generator": False}}
    config = without_plugin(mkdocs)
    assert config["plugins"] == ["search"]
    assert config["markdown_extensions"] == expected
    assert config["extra"] == {"generator": False, "factcheck_links": theme_links()}
    assert mkdocs["plugins"] == plugins and mkdocs["markdown_extensions"] == extensions  # the settings read stay
