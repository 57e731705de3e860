"""Search entries of the generated pages without Material's parser (issue #26): mkdocs/sections.py reads each
page's sections as Material's search parser does, character for character, and the index is the same.

Compared with Material's own ``Parser`` and ``SearchIndex``: every page the real edition generates, as MkDocs
hands it to the search plugin; HTML that takes each turn of Material's parser; HTML outside the known shape,
which Material's parser reads; and a built site, whose ``search_index.json`` is the one Material alone writes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from material.plugins.search.plugin import Parser, SearchIndex
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.mkdocs import assets, internals
from generator.mkdocs.reading import heading_first
from generator.mkdocs.sections import Section, sections
from generator.render.frontmatter import TOC, toc_entries, written
from generator.render.pages import Output
from generator.settings import load_mkdocs_config

REPO = Path(__file__).resolve().parent.parent


def materials(html: str) -> list[Section]:
    """The sections Material's search parser reads in ``html``."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [Section(s.id, "".join(s.title), "".join(s.text), s.is_excluded()) for s in parser.data]


# Each takes a turn of Material's parser (material/plugins/search/plugin.py, Parser).
TURNS = {
    "sections by heading": '<h1 id="t">Title</h1>\n<p>One  two\nthree</p>\n<h2 id="a">A <code>x</code></h2>\n<p>b</p>',
    "text before any heading": 'Intro <em>text</em><h2 id="a">A</h2><p>b</p>',
    "an h2 first": '<h2 id="a">A</h2><p>b</p><h3 id="c">C</h3>',
    "headings without an id": "<h1>T</h1><p>x</p><h2>A</h2><p>y</p>",
    "an empty id, an id without a value": '<h1 id="t">T</h1><h2 id>A</h2><p>a</p><h3 id="">B</h3><p>b</p>',
    "a heading nested in a section that closes": '<h1 id="t">T</h1><div><section><h2 id="a">A</h2><p>in</p>'
    "</section><p>after</p></div><p>out</p>",
    "an excluded heading": '<h1 id="t">T</h1><h2 id="a" data-search-exclude>A</h2><p>x</p><h2 id="b">B</h2><p>y</p>',
    "an excluded block around a block of its tag": '<h1 id="t">T</h1><div data-search-exclude><div>x</div>y</div>'
    "<p>z</p>",
    "the error-report line": '<p class="fc-report" data-search-exclude>Spotted an error? <a href="x">Report</a>.</p>',
    "line numbers": '<div class="linenodiv"><pre>1\n2</pre></div><pre><code>a\n  b</code></pre>',
    "a permalink": '<h2 id="a">A<a class="headerlink" href="#a">&para;</a></h2><p>b</p>',
    "entities": '<p title="a &amp; b">x &amp; y &lt;z&gt; &quot;q&quot; &#39;s&#39; &nbsp;&#x2014;</p>',
    "whitespace between elements": "<p>a </p> \n <span> </span>\n<p>\n</p><p> b</p>\t<em>c</em> <em>d</em>",
    "an element holding only whitespace": '<h2 id="a">A</h2><p> </p><ul><li>\n</li></ul><p>b</p><p></p>',
    "empty list items": "<ul>\n<li>a</li>\n<li><ul><li> </li></ul></li>\n<li></li></ul><ol><li> </li></ol>",
    "void and self-closed tags": '<p>a<br>b<br/>c<span/>d<img src="x" data-search-exclude>e<hr />f</p>',
    "end tags that close nothing": "<p>a</b>b</span></p></div>c<div>d</p></div>",
    "a script and a style": '<p>a</p><script type="application/ld+json">{"x": "\\u003c/p\\u003e &amp;"}</script>'
    "<style>p { color: red }</style><script></script><p>b</p>",
    "upper-case tags and attributes": '<P CLASS="x">A</P><H2 ID="Up">U</H2><Div Data-Search-Exclude>x</Div>y',
    "markup in a title": '<h2 id="a">x<sup>2</sup> <code>y</code> <em>z</em> <sub> </sub></h2><p>b</p>',
    "preformatted text": "<p>a\n\nb</p><pre>  a\n\n  b  </pre>\n\n<pre> </pre> <p>c</p>",
    "an object": '<object data="x"><p>x</p></object><p>y</p>',
    "carriage returns and tabs": "<p>a\r\nb\tc</p>\r\n<p>\r\n</p>",
    "text after the last tag": "x<p>y</p>tail &amp",
    "attributes repeated and spread": '<div\n  class="a"\tclass="headerlink" data-x=""><a\nclass="headerlink">l</a>t</div>',
    "two h1s": '<h1 id="a">A</h1><p>x</p><h1 id="b">B</h1><p>y</p>',
    "a heading inside a permalink": '<a class="headerlink"><h2 id="a">A</h2>b</a><p>c</p>',
}

# Each is outside the shape sections.py reads: Material's parser reads it.
OUTSIDE = {
    "a comment": "<!-- c --><p>a</p>",
    "a declaration": "<!DOCTYPE html><p>a</p>",
    "a processing instruction": "<?x y?><p>a</p>",
    "a stray <": "<p>a < b</p>",
    "single quotes": "<p class='x'>a</p>",
    "an unquoted value": "<p class=x>a</p>",
    "spaces around =": '<p class = "x">a</p>',
    "a raw-text element": "<textarea><p>x</p></textarea>",
    "a < in a script": "<script>if (a<b) {}</script><p>a</p>",
    "a script not closed": "<p>a</p><script>x",
    "a tag not closed": "<p>a<",
    "a title": "<title>x</title><p>a</p>",
    "a custom element": "<my-card>x</my-card>",
}


@pytest.mark.parametrize("html", TURNS.values(), ids=TURNS.keys())
def test_sections_are_what_material_s_parser_reads(html: str) -> None:
    assert sections(html) == materials(html)


@pytest.mark.parametrize("html", OUTSIDE.values(), ids=OUTSIDE.keys())
def test_html_outside_the_shape_is_left_to_material_s_parser(html: str) -> None:
    assert sections(html) is None
    page = SimpleNamespace(content=html, toc=[], url="p.html", meta={}, title="P")
    assert _indexed([page], ours=True) == (_indexed([page], ours=False)[0], [False])


def _indexed(pages: list[Any], *, ours: bool) -> tuple[list[dict[str, Any]], list[bool]]:
    """The entries Material's SearchIndex makes of ``pages``, with their sections read by sections.py when
    ``ours``; for each page, whether sections.py read it."""
    index, read = SearchIndex(), []

    def sections_of(page: Any) -> list[Section] | None:
        found = sections(page.content)
        read.append(found is not None)
        return found

    if ours:
        assert internals.index_sections(SimpleNamespace(search_index=index), sections_of)
    for page in pages:
        index.add_entry_from_context(page)
    return index.entries, read


def _searched_pages(root: Path, rendered: Mapping[str, Output]) -> list[Page]:
    """Every page of finished HTML the project at ``root`` generates (``rendered``: its pages rendered for MkDocs,
    ``html=True``), as MkDocs hands it to the search plugin: read and rendered (internals.take_finished_html), its
    h1 first (the plugin's on_page_content)."""
    config = load_mkdocs_config(root)
    assets.use_heading_ids(config)
    pages = []
    for path, text in rendered.items():
        if not isinstance(text, str) or TOC not in written(text):
            continue
        file = File(path, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
        file.content_string = text
        page = Page(None, file, config)
        internals.take_finished_html(page, TOC, toc_entries)
        page.read_source(config)
        page.render(config, Files([file]))
        assert page.content is not None
        page.content, page.toc = heading_first(page.content, page.toc)
        pages.append(page)
    return pages


def test_every_page_of_the_edition_is_indexed_as_material_indexes_it(real_html_pages: Mapping[str, Output]) -> None:
    pages = _searched_pages(REPO, real_html_pages)
    entries, read = _indexed(pages, ours=True)
    assert len(pages) > 50 and all(read)  # every page in the shape: none left to Material's parser
    materials = _indexed(pages, ours=False)[0]
    assert entries == materials
    assert json.dumps(entries) == json.dumps(materials)  # key order too


def test_a_page_excluded_from_search_is_not_read() -> None:
    html = '<h1 id="t">T</h1><p>x</p>'
    page = SimpleNamespace(content=html, toc=[], url="p.html", meta={"search": {"exclude": True}}, title="T")
    assert _indexed([page], ours=True) == ([], [])


def test_an_index_other_than_material_s_is_left_as_it_is() -> None:
    from mkdocs.contrib.search.search_index import SearchIndex as MkDocsIndex

    index = MkDocsIndex()
    assert not internals.index_sections(SimpleNamespace(search_index=index), sections)
    assert not internals.index_sections(SimpleNamespace(), sections)  # Material's search plugin, disabled
    assert "add_entry_from_context" not in vars(index)


@pytest.mark.slow
def test_the_built_index_is_the_one_material_alone_writes(
    site_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``generator build`` of the mini project, with a newsroom's Markdown page: Material's parser reads that
    page only, and search_index.json is byte for byte the one Material's parser gives for every page."""
    from generator.cli import main

    root = site_project()
    pages = root / "overrides/site_templates/pages"
    pages.mkdir(parents=True)
    (pages / "methodology.md").write_text(
        '{% extends "base.md" %}{% block title %}Methodology{% endblock %}\n'
        "{% block body %}\n# Methodology\n\nThe desk's *own* methods.\n\n## Scale { #scale }\n\nOne.\n{% endblock %}\n",
        encoding="utf-8",
    )
    fed: list[str] = []
    feed = Parser.feed
    monkeypatch.setattr(Parser, "feed", lambda parser, data: fed.append(data) or feed(parser, data))
    assert main(["--root", str(root), "build"]) == 0
    ours = (root / "site/search/search_index.json").read_bytes()
    assert len(fed) == 1 and "The desk" in fed[0]
    monkeypatch.setattr(internals, "index_sections", lambda search, sections_of: False)
    assert main(["--root", str(root), "build"]) == 0
    assert len(fed) > 10
    assert ours == (root / "site/search/search_index.json").read_bytes()
