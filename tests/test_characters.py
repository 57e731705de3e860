"""Every character an editor may write reaches the pages as written, and none that could mislead does.

Characters outside the Basic Multilingual Plane (emoji, "fancy font" letters, CJK Extension B) in the page
metadata; the one policy for invisible characters in YAML and seeds; Unicode normalisation of quotes.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import MINI, edit
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build import build
from generator.errors import BuildFailed
from generator.postbuild import require_metadata
from generator.render.frontmatter import scalar, written
from generator.zensical import engine as zensical

Make = Callable[..., Path]
# An emoji, an emoji sequence joined by U+200D, mathematical bold letters, a CJK Extension B ideograph.
ASTRAL = "\U0001f600 \U0001f469\u200d\U0001f52c \U0001d401\U0001d40b\U0001d400 \U00020000"
FIELDS = {  # one reader-facing text of each kind that goes into a page's title or description
    "claim": edit("content/claims/death-toll.yaml", "claim: Twelve", f"claim: {ASTRAL} Twelve"),
    "reason": edit("content/claims/death-toll.yaml", "verdict_reason: Alpha", f"verdict_reason: {ASTRAL} Alpha"),
    "verdict label": edit("content/verdicts.yaml", "label: Disputed", f"label: {ASTRAL} Disputed"),
    "source title": edit("content/sources/beta.yaml", "title: Beta reports", f"title: {ASTRAL} Beta reports"),
    "source name": edit("content/sources/beta.yaml", "name: Report", f"name: {ASTRAL} Report"),
    "edition title": edit("content/edition.yaml", "title: The attack", f"title: {ASTRAL} The attack"),
}
# Characters YAML reads differently from JSON inside a quoted scalar, or refuses in a file.
YAML_SPECIAL = "\x7f\x80\x85\x9f\u2028\u2029\ufeff\ufffe\uffff"


@given(st.text(st.characters(exclude_categories=("Cs",))))  # every code point but lone surrogates
@settings(max_examples=500)
def test_front_matter_reads_back_every_character_as_pyyaml_reads_it(text: str) -> None:
    page = f"---\ntitle: {scalar(text)}\n---\n"
    assert yaml.load(page.split("---\n")[1], Loader=yaml.CSafeLoader) == {"title": text}  # MkDocs' loader
    assert yaml.safe_load(page.split("---\n")[1]) == {"title": text}
    assert written(page) == {"title": text}


def test_front_matter_writes_characters_outside_the_bmp_as_themselves_and_yaml_breaks_escaped() -> None:
    assert scalar(f'{ASTRAL}{YAML_SPECIAL}\n"') == (
        '"\U0001f600 \U0001f469\u200d\U0001f52c \U0001d401\U0001d40b\U0001d400 \U00020000'
        '\\u007f\\u0080\\u0085\\u009f\\u2028\\u2029\\ufeff\\ufffe\\uffff\\n\\""'
    )


def _title(site: Path, page: str) -> str:
    found = re.search(r"<title>(.*?)</title>", (site / page).read_text(encoding="utf-8"), re.S)
    assert found
    return html.unescape(found.group(1))


def _og_title(site: Path, page: str) -> str:
    found = re.search(r'<meta property="og:title" content="([^"]*)">', (site / page).read_text(encoding="utf-8"))
    assert found
    return html.unescape(found.group(1))


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_characters_outside_the_bmp_reach_every_title_on_both_engines(site_project: Make, engine: str) -> None:
    changes = {  # every field of FIELDS at once
        "content/claims/death-toll.yaml": MINI["content/claims/death-toll.yaml"]
        .replace("claim: Twelve", f"claim: {ASTRAL} Twelve")
        .replace("verdict_reason: Alpha", f"verdict_reason: {ASTRAL} Alpha"),
        **FIELDS["verdict label"],
        **FIELDS["source title"],
        **FIELDS["edition title"],
        "content/sources/beta.yaml": FIELDS["source title"]["content/sources/beta.yaml"].replace(
            "name: Report", f"name: {ASTRAL} Report"
        ),
    }
    root = site_project(changes)
    site = root / "site"
    (zensical.build if engine == "zensical" else build)(root, site)
    assert _title(site, "claims/death-toll.html").startswith(f"{ASTRAL} Twelve people died in the attack. - ")
    assert _og_title(site, "claims/death-toll.html") == f"{ASTRAL} Twelve people died in the attack."
    assert _title(site, "sources/beta.html").startswith(f"{ASTRAL} Beta reports - ")
    assert _title(site, "index.html").startswith(f"{ASTRAL} The attack of 1 March - ")
    claim = (site / "claims/death-toll.html").read_text(encoding="utf-8")
    description = f"Verdict: {ASTRAL} Disputed. {ASTRAL} Alpha says 12, Beta says 15."
    assert f'<meta property="og:description" content="{description}">' in claim
    assert f"{ASTRAL} Report by B. Writer" in claim
    assert "title: " not in re.sub(r"<script.*?</script>", "", claim, flags=re.S)  # no front matter as text


def test_mkdocs_losing_a_page_s_metadata_fails_the_build_naming_the_page(
    site_project: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = site_project(FIELDS["claim"])
    build(root, root / "site")
    before = (root / "site/index.html").read_bytes()
    monkeypatch.setattr("generator.render.render.scalar", json.dumps)  # the old writer: surrogate pairs
    with pytest.raises(BuildFailed) as failed:
        build(root, root / "site")
    assert str(failed.value) == (
        "MkDocs failed: claims/death-toll.md: MkDocs did not read the page's front matter as written; the page would show it as "
        "text and its title would be the file name (please report this as a bug of the generator)"
    )
    assert (root / "site/index.html").read_bytes() == before


def test_a_built_page_whose_title_is_not_its_front_matter_s_fails_naming_the_page(tmp_path: Path) -> None:
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims/a.html").write_text("<title>A - Site</title>", encoding="utf-8")
    (tmp_path / "claims/b.html").write_text("<title>b - Site</title>", encoding="utf-8")
    pages = {"claims/a.md": f"---\ntitle: {scalar('A')}\n---\n", "claims/b.md": f"---\ntitle: {scalar('B 😀')}\n---\n"}
    with pytest.raises(BuildFailed) as failed:
        require_metadata(tmp_path, pages, "Zensical")
    assert str(failed.value) == (
        "claims/b.md: Zensical did not read the page's front matter as written; the page would show it as text "
        "and its title would be the file name (please report this as a bug of the generator)"
    )
    require_metadata(tmp_path, {"claims/a.md": pages["claims/a.md"]}, "Zensical")
