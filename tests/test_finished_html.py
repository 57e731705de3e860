"""MkDocs takes the generated pages as finished HTML (issue #26): skipping Python-Markdown loses nothing.

What is compared, page by page, for every page the real edition and the mini project generate: MkDocs' own
``Page.render`` (the project's markdown_extensions, with attr_list as the plugin adds it, and MkDocs' raw-HTML,
anchor, link and title treatment) on the page as rendered for the engines that convert Markdown themselves
(``html=False``: headings as ``## title { #id }``) gives (1) the HTML body of the page as rendered for MkDocs
(``html=True``, as MkDocs' front matter reader gives it), character for character, and (2) the table of contents
that page records, entry for entry, the h1 first (reading.heading_first) as the plugin shows it; and (3) the same
``Page.render`` on the finished HTML gives it back unchanged, so a template that writes Markdown (``## x``,
``*y*``) in a page it declares finished fails here.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from generator.check.validate import check_project
from generator.mkdocs import assets, internals
from generator.mkdocs.reading import heading_first
from generator.render.frontmatter import TOC, toc_entries, written
from generator.render.pages import Output
from generator.render.render import SiteInfo, make_env, render_site
from generator.settings import load_mkdocs_config

REPO = Path(__file__).resolve().parent.parent


def _config(root: Path) -> Any:
    config = load_mkdocs_config(root)
    assets.use_heading_ids(config)  # as the plugin's on_config does
    return config


def _page(config: Any, path: str, text: str, finished: bool = False) -> Page:
    """``text`` as MkDocs reads and renders the docs file ``path``: by Page.render, or as the plugin lets it."""
    file = File(path, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
    file.content_string = text
    page = Page(None, file, config)
    if finished:
        internals.take_finished_html(page, TOC, toc_entries)
    page.read_source(config)
    page.render(config, Files([file]))
    return page


def _entries(toc: TableOfContents) -> list[tuple[int, str, str, list[Any]]]:
    return [(item.level, item.id, item.title, _entries(TableOfContents(item.children))) for item in toc]


def _shown(page: Page) -> tuple[str, list[Any]]:
    """The page's HTML and table of contents as the theme gets them (the plugin's on_page_content)."""
    assert page.content is not None
    html, toc = heading_first(page.content, page.toc)
    return html, _entries(toc)


def markdown_changes(
    root: Path, site: SiteInfo, rendered: tuple[Mapping[str, Output], Mapping[str, Output]] | None = None
) -> tuple[list[str], int]:
    """What Markdown would change in the finished pages of the project ``root``, as messages; how many pages
    of Markdown (``.md``) it renders that are not finished HTML. ``rendered``: the project's pages for ``site``
    rendered already, as Markdown and as finished HTML (else they are rendered here)."""
    config = _config(root)
    if rendered is None:
        content = check_project(root)
        rendered = render_site(content, make_env(root), site), render_site(content, make_env(root, html=True), site)
    as_markdown, as_html = rendered
    changes, unfinished = [], 0
    for path, text in as_html.items():
        if not isinstance(text, str) or TOC not in written(text):
            unfinished += path.endswith(".md")
            continue
        before = as_markdown[path]
        assert isinstance(before, str)
        converted, taken = _page(config, path, before), _page(config, path, text, finished=True)
        (html, toc), (converted_html, converted_toc) = _shown(taken), _shown(converted)
        if html != converted_html:
            changes.append(f"{path}: Python-Markdown gives other HTML")
        if toc != converted_toc:
            changes.append(f"{path}: Python-Markdown gives another table of contents")
        if _page(config, path, text).content != taken.content:
            changes.append(f"{path}: the finished HTML is not left as it is by Python-Markdown")
    return changes, unfinished


def test_markdown_changes_nothing_in_the_edition_s_pages(
    real_pages: Mapping[str, Output], real_html_pages: Mapping[str, Output]
) -> None:
    changes, unfinished = markdown_changes(REPO, SiteInfo("Desk", None, None), (real_pages, real_html_pages))
    assert changes == []
    assert unfinished == 0  # every page the edition generates is finished HTML


def test_markdown_changes_nothing_in_the_mini_project_s_pages(buildable: Path) -> None:
    changes, unfinished = markdown_changes(buildable, SiteInfo("Desk", None, None))
    assert changes == []
    assert unfinished == 0


@pytest.mark.parametrize(
    ("written_in_it", "change"),
    [
        ("## Part { #part }\n", "Python-Markdown gives another table of contents"),
        ("<p>x</p>\n*y*\n", "the finished HTML is not left as it is by Python-Markdown"),
    ],
)
def test_a_finished_page_that_writes_markdown_fails(buildable: Path, written_in_it: str, change: str) -> None:
    """A page template of the project's own (as the package's are) that declares finished HTML and writes Markdown."""
    (buildable / "site_templates/pages/methodology.md").write_text(
        '{% set finished_html = true %}{% extends "base.md" %}{% block title %}Methodology{% endblock %}\n'
        f"{{% block body %}}\n<h1>Methodology</h1>\n{written_in_it}{{% endblock %}}\n",
        encoding="utf-8",
    )
    changes, _ = markdown_changes(buildable, SiteInfo("Desk", None, None))
    assert f"methodology.md: {change}" in changes


def test_a_page_rendered_for_mkdocs_carries_its_headings(
    real_pages: Mapping[str, Output], real_html_pages: Mapping[str, Output]
) -> None:
    """The table of contents is the one the render recorded (the h2s it wrote through ``heading``)."""
    text = real_html_pages["methodology.md"]
    assert isinstance(text, str)
    entries = toc_entries(written(text)[TOC])
    assert entries[:2] == [
        (2, "what-this-site-does", "What this site does"),
        (2, "what-source-means-here", 'What "source" means here'),
    ]
    assert '<h2 id="what-this-site-does">What this site does</h2>' in text
    assert "## " not in text and "{ #" not in text
    assert TOC not in written(real_pages["methodology.md"])  # rendered for Zensical and `render`: Markdown headings


@pytest.mark.parametrize("declared", ["", "{% set finished_html = true %}"])
def test_a_newsroom_s_markdown_page_template_is_converted_as_ever(
    site_project: Callable[..., Path], declared: str
) -> None:
    """A page template in overrides/site_templates/pages/ may write Markdown, whatever it declares: MkDocs
    converts it, toc and all (the package's templates are taken as finished HTML because this file tests them)."""
    from generator.cli import main

    root = site_project()
    pages = root / "overrides/site_templates/pages"
    pages.mkdir(parents=True)
    (pages / "methodology.md").write_text(
        declared + '{% extends "base.md" %}{% block title %}Methodology{% endblock %}\n'
        "{% block body %}\n# Methodology\n\nThe desk's *own* methods.\n\n"
        '## {{ _("Verdict scale") }} { #verdict-scale }\n\nOne.\n{% endblock %}\n',
        encoding="utf-8",
    )
    assert main(["--root", str(root), "build"]) == 0
    html = (root / "site/methodology.html").read_text(encoding="utf-8")
    assert "<p>The desk's <em>own</em> methods.</p>" in html
    assert '<h2 id="verdict-scale">Verdict scale</h2>' in html
    assert 'href="#verdict-scale"' in html  # in the table of contents


@pytest.mark.parametrize("how", ["generator build", "mkdocs build", "mkdocs serve --dirty"])
def test_no_generated_page_goes_through_python_markdown(
    site_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """Under every way MkDocs builds the site, Python-Markdown converts editor prose only, never a page (each
    page ends with its error-report line, class fc-report); the site still has its pages' tables of contents."""
    import markdown
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from generator.cli import main

    converted: list[str] = []
    convert = markdown.Markdown.convert
    monkeypatch.setattr(markdown.Markdown, "convert", lambda md, text: converted.append(text) or convert(md, text))
    root = site_project()
    if how == "generator build":
        assert main(["--root", str(root), "build"]) == 0
    else:
        monkeypatch.chdir(root)
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
        dirty = how.endswith("--dirty")
        config.plugins.on_startup(command="serve" if dirty else "build", dirty=dirty)
        mkdocs_build(config, dirty=dirty)
        config.plugins.on_shutdown()
    assert [text[:60] for text in converted if "fc-report" in text] == []
    html = (root / "site/methodology.html").read_text(encoding="utf-8")
    assert 'href="#verdict-scale"' in html  # the table of contents, from the headings the render recorded


def _with_extensions(root: Path, extensions: str) -> Path:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "markdown_extensions:\n  - toc:\n      permalink: false\n" in text
    config.write_text(
        text.replace("markdown_extensions:\n  - toc:\n      permalink: false\n", extensions), encoding="utf-8"
    )
    return root


@pytest.mark.parametrize(
    ("extensions", "fits"),
    [
        ("markdown_extensions:\n  - toc:\n      permalink: false\n", True),
        ("", True),
        ("markdown_extensions:\n  - attr_list\n  - toc:\n      toc_depth: 3\n", False),
        ("markdown_extensions:\n  - toc:\n      permalink: true\n", False),
        ("markdown_extensions:\n  - toc:\n      baselevel: 2\n", False),
        ("markdown_extensions:\n  - toc\n  - abbr\n", False),
    ],
)
def test_finished_html_only_under_extensions_that_would_leave_it(buildable: Path, extensions: str, fits: bool) -> None:
    config = _config(_with_extensions(buildable, extensions))
    assert assets.finished_html_fits(config) is fits


def test_under_a_toc_with_permalinks_the_pages_are_converted_as_ever(site_project: Callable[..., Path]) -> None:
    from generator.cli import main

    root = _with_extensions(site_project(), "markdown_extensions:\n  - toc:\n      permalink: true\n")
    assert main(["--root", str(root), "build"]) == 0
    html = (root / "site/methodology.html").read_text(encoding="utf-8")
    assert '<h2 id="verdict-scale">Verdict scale<a class="headerlink" href="#verdict-scale"' in html


def test_a_preview_renders_the_pages_again_when_they_change_between_html_and_markdown(buildable: Path) -> None:
    """Under ``mkdocs serve`` an edit to mkdocs.yml's Markdown extensions changes the form of every page: the
    memo of the last render (render/incremental.py) gives no page in the other form."""
    from generator.check.load import ReadCache
    from generator.pipeline import check, render
    from generator.render.incremental import PageMemo

    config, cache, memo = _config(buildable), ReadCache(), PageMemo()
    content = check(config, cache)
    as_html = render(content, config, memo, cache, html=True)
    as_markdown = render(content, config, memo, cache, html=False)
    assert TOC in written(as_html["methodology.md"])
    assert TOC not in written(as_markdown["methodology.md"])
    assert memo.rendered == len(as_markdown)


def test_a_page_is_finished_html_only_when_no_template_it_is_rendered_from_is_overridden(buildable: Path) -> None:
    overrides = buildable / "overrides/site_templates/pages"
    overrides.mkdir(parents=True)
    macros = (REPO / "site_templates/pages/macros.md").read_text(encoding="utf-8")
    (overrides / "macros.md").write_text(macros, encoding="utf-8")  # claim, index, claims, ... import it
    pages = render_site(check_project(buildable), make_env(buildable, html=True), SiteInfo("Desk", None, None))
    finished = {path for path, text in pages.items() if isinstance(text, str) and TOC in written(text)}
    assert finished == {"about.md"}  # the one page template that imports nothing from macros.md
    assert "index.md" not in finished and not any(path.startswith("claims/") for path in finished)
    assert "## " in str(pages["index.md"])  # its headings in Markdown, for MkDocs' toc extension


def test_every_claim_page_s_own_search_entry_is_boosted(built_project: Path) -> None:
    import json

    root = built_project
    entries = json.loads((root / "site/search/search_index.json").read_text(encoding="utf-8"))["docs"]
    boosts = {entry["location"]: entry.get("boost") for entry in entries if entry["location"].startswith("claims/")}
    own = {location for location in boosts if "#" not in location}
    assert own and all(boosts[location] == 4 for location in own)
    assert all(boost is None for location, boost in boosts.items() if location not in own)


def test_a_build_holds_the_pages_html_as_utf8_from_mkdocs_reading_them_to_building_them(
    built_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # MkDocs reads every page before it builds one; a str with one typographic quote takes two bytes a character.
    from conftest import folder_bytes
    from mkdocs.plugins import CombinedEvent

    from generator.build import build
    from generator.mkdocs.plugin import FactcheckPlugin

    root, seen = built_project, {}
    holding, building, built = FactcheckPlugin.on_page_content, FactcheckPlugin.on_env, FactcheckPlugin.on_post_build

    not_held = CombinedEvent(FactcheckPlugin._on_page_content_toc)  # as before the pages were held
    monkeypatch.setattr(FactcheckPlugin, "on_page_content", not_held)
    build(root, root / "plain")
    monkeypatch.setattr(FactcheckPlugin, "on_page_content", holding)

    def on_env(self: FactcheckPlugin, env: Any, *, config: Any, files: Files) -> Any:  # every page read, none built
        pages = [file.page for file in files.documentation_pages() if file.src_uri in self.generated]
        seen["read"] = (sorted(self.held), {(page.markdown, page.content) for page in pages}, len(pages))
        seen["pages"] = pages
        return building(self, env, config=config, files=files)

    def on_post_build(self: FactcheckPlugin, *, config: Any) -> None:
        seen["built"] = (self.held, {page.content for page in seen["pages"]})
        built(self, config=config)

    monkeypatch.setattr(FactcheckPlugin, "on_env", on_env)
    monkeypatch.setattr(FactcheckPlugin, "on_post_build", on_post_build)
    build(root, root / "held")
    held, texts, count = seen["read"]
    assert count > 5 and len(held) == count and "claims/death-toll.md" in held
    assert texts == {("", "")}  # held as UTF-8 only
    assert seen["built"] == ({}, {None})  # each let go once built
    assert folder_bytes(root / "held") == folder_bytes(root / "plain")  # titles, search index: all the same


def test_beside_a_newsroom_s_hook_the_pages_html_is_never_held(built_project: Path) -> None:
    # A hook (or any plugin but ours, search and offline) may read a page's HTML at any event, here at the end of the
    # build, when a page held as UTF-8 would have let it go. Beside one, each page keeps its HTML throughout.
    from generator.build import build

    root = built_project
    (root / "hooks").mkdir()
    (root / "hooks/probe.py").write_text(
        textwrap.dedent(
            """
            from pathlib import Path

            pages = []

            def on_page_context(context, page, config, nav):
                pages.append(page)
                return context

            def on_post_build(config):
                kept = sum(bool(page.content) for page in pages)
                Path(config["site_dir"], "probe.txt").write_text(f"{kept} of {len(pages)}")
            """
        ),
        encoding="utf-8",
    )
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("hooks:\n  - hooks/probe.py\n")
    build(root, root / "hooked")
    kept, _, count = (root / "hooked/probe.txt").read_text(encoding="utf-8").partition(" of ")
    assert int(count) > 5 and kept == count
