"""Under a preview, the rows of the pages that list every claim are rendered again only for the claims an edit
changed (render/fragments.py), and the pages equal a clean render's."""

from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.check.load import ReadCache
from generator.pipeline import check, render
from generator.render.fragments import FragmentKey, FragmentMemo, Fragments, per_claim
from generator.render.incremental import PageMemo
from generator.render.pages import Output, Page, materialise
from generator.settings import load_mkdocs_config
from tests.conftest import edit, write_project


def _preview_and_clean(
    root: Path, change: dict[str, str]
) -> tuple[PageMemo, dict[FragmentKey, Markup], dict[str, Output], dict[str, Output]]:
    """The preview's memo, the rows of its first render, and the pages after ``change`` as the preview renders
    them and as a clean render does."""
    config, cache, memo = load_mkdocs_config(root), ReadCache(), PageMemo()
    render(check(config, cache), config, memo, cache, html=True)
    first = {key: text for key, (_, text, _) in memo.fragments.texts.items()}
    write_project(root, change)
    preview = render(check(config, cache), config, memo, cache, html=True)
    return memo, first, preview, dict(materialise(render(check(config), config, html=True)))  # cards drawn


def _rows(texts: dict[FragmentKey, Markup], claim: str) -> dict[FragmentKey, Markup]:
    return {key: text for key, text in texts.items() if key[3] == claim}


def test_an_edit_to_a_claim_renders_only_its_own_rows_again(buildable: Path) -> None:
    change = edit("content/claims/death-toll.yaml", "headline: Twelve dead in the attack", "headline: Twelve killed")
    memo, first, preview, clean = _preview_and_clean(buildable, change)
    now = {key: text for key, (_, text, _) in memo.fragments.texts.items()}
    assert now.keys() == first.keys()
    pages = {key[0] for key in now}
    assert pages == {"index.md", "claims.md", "matrix.md", "contradictions.md", "sources/alpha.md", "sources/beta.md"}
    unchanged = _rows(first, "framing")
    assert unchanged and all(now[key] is text for key, text in unchanged.items())  # kept, not rendered again
    edited = _rows(now, "death-toll")
    assert edited and all("Twelve killed" in text and text != first[key] for key, text in edited.items())
    assert preview == clean


def test_an_edit_to_a_source_renders_every_row_again(buildable: Path) -> None:
    change = edit("content/sources/alpha.yaml", "name: Essay on the attack", "name: Essay on the assault")
    memo, first, preview, clean = _preview_and_clean(buildable, change)
    now = {key: text for key, (_, text, _) in memo.fragments.texts.items()}
    assert not any(now[key] is text for key, text in first.items())
    framing = now[("matrix.md", "row_card", (), "framing")]  # an unchanged claim's row names the source
    assert (
        "Essay on the assault" in framing
        and "Essay on the assault" not in first[("matrix.md", "row_card", (), "framing")]
    )
    assert preview == clean


def test_a_kept_row_records_its_headings_again() -> None:
    """A row that writes a heading() puts it in the page's table of contents whether rendered or kept."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    env.globals["per_claim"] = per_claim
    source = "{% macro row(claim) %}{% set _ = headings.append((2, claim.id, 'x')) %}<h2>{{ claim.id }}</h2>{% endmacro %}{{ per_claim(row, claim) }}"
    template = env.from_string(source)

    class Doc:
        path = "content/claims/a.yaml"

    class Claim:
        id, doc = "a", Doc()

    memo = FragmentMemo()
    for run in range(2):
        fragments, headings = memo.start("site", {"content/claims/a.yaml": "sha"}), []
        page = Page("matrix.md", "matrix.md")
        text = template.render(claim=Claim(), headings=headings, page=page, fragments=fragments)
        memo.keep(fragments)
        assert text == "<h2>a</h2>" and headings == [(2, "a", "x")], run
    assert isinstance(fragments, Fragments) and fragments.used
