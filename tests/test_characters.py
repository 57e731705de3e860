"""Every character an editor may write reaches the pages as written, and none that could mislead does.

Characters outside the Basic Multilingual Plane (emoji, "fancy font" letters, CJK Extension B) in the page
metadata; the one policy for invisible characters in YAML and seeds; Unicode normalisation of quotes.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import BETA_TEXT, MINI, edit, problems, run_cli, sha
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build import build
from generator.characters import LINE_SEPARATORS, REFUSED
from generator.check.validate import check_project
from generator.errors import BuildFailed
from generator.postbuild import require_metadata
from generator.render.frontmatter import scalar, written

Make = Callable[..., Path]
# An emoji, an emoji sequence joined by U+200D, mathematical bold letters, a CJK Extension B ideograph.
ASTRAL = "\U0001f600 \U0001f469\u200d\U0001f52c \U0001d401\U0001d40b\U0001d400 \U00020000"
FIELDS = {  # reader-facing texts that go into a page's title (the claim's other fields: in the test below)
    "headline": edit("content/claims/death-toll.yaml", "headline: Twelve", f"headline: {ASTRAL} Twelve"),
    "verdict label": edit("content/verdicts.yaml", "label: Disputed", f"label: {ASTRAL} Disputed"),
    "source title": edit("content/sources/beta.yaml", "title: Beta reports", f"title: {ASTRAL} Beta reports"),
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
        .replace("headline: Twelve", f"headline: {ASTRAL} Twelve")
        .replace("bottom_line: Alpha", f"bottom_line: {ASTRAL} Alpha")
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
    build(root, site, engine=engine)
    assert _title(site, "claims/death-toll.html").startswith(f"{ASTRAL} Twelve dead in the attack, says Alpha - ")
    assert _og_title(site, "claims/death-toll.html") == f"{ASTRAL} Twelve dead in the attack, says Alpha"
    assert _title(site, "sources/beta.html").startswith(f"{ASTRAL} Beta reports - ")
    assert _title(site, "index.html").startswith(f"{ASTRAL} The attack of 1 March - ")
    claim = (site / "claims/death-toll.html").read_text(encoding="utf-8")
    description = f"Verdict: {ASTRAL} Disputed. {ASTRAL} Alpha says 12 and Beta 15, and neither text reconciles them."
    assert f'<meta property="og:description" content="{description}">' in claim
    assert f"{ASTRAL} Report by B. Writer" in claim
    assert "title: " not in re.sub(r"<script.*?</script>", "", claim, flags=re.S)  # no front matter as text


def test_mkdocs_losing_a_page_s_metadata_fails_the_build_naming_the_page(
    site_project: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = site_project(FIELDS["headline"])  # the headline is the page's title
    build(root, root / "site")
    before = (root / "site/index.html").read_bytes()
    monkeypatch.setattr("generator.render.render.scalar", json.dumps)  # the old writer: surrogate pairs
    with pytest.raises(BuildFailed) as failed:
        build(root, root / "site")
    assert str(failed.value) == (
        "claims/death-toll.md: MkDocs did not read the page's front matter as written; the page would show it as "
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


BETA_SEED = "content/sources/beta.yaml"


def _beta_seed(text: str | bytes, language: str = "") -> dict[str, str | bytes]:
    """Replace Beta's seed text (and its hash in beta.yaml) by ``text``, written as given, in ``language``."""
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    old, new = f"sha256: {sha(BETA_TEXT)}", f"sha256: {hashlib.sha256(raw).hexdigest()}"
    return {
        "seeds/beta.txt": raw,
        BETA_SEED: MINI[BETA_SEED].replace(old, new + (f"\n{' ' * 8}language: {language}" if language else "")),
    }


@pytest.mark.parametrize(
    ("char", "name", "reason"),
    [
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE", "which makes the text display in another order than it is written"),
        ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE", "which makes the text display in another order than it is written"),
        ("\x00", "U+0000 NULL", "an invisible control character that can drive a terminal"),
        ("\x1b", "U+001B ESCAPE", "an invisible control character that can drive a terminal"),
        ("\x7f", "U+007F DELETE", "an invisible control character that can drive a terminal"),
        ("\x9b", "U+009B C1 CONTROL", "an invisible control character that can drive a terminal"),
        ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE", "an invisible character that changes the text without showing"),
        ("\u200b", "U+200B ZERO WIDTH SPACE", "an invisible character that changes the text without showing"),
        ("\U000e0041", "U+E0041 TAG LATIN CAPITAL LETTER A", "an invisible tag character that can hide text"),
    ],
)
def test_a_seed_with_a_misleading_character_is_refused_naming_it_and_its_place(
    project: Make, capsys: pytest.CaptureFixture[str], char: str, name: str, reason: str
) -> None:
    root = project(_beta_seed(f"Beta reports that 15 people died.\nOfficials said {char}52 died, {char}52.\n"))
    result = run_cli(capsys, root, "check")
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"seeds/beta.txt:2:16: (text): contains {name}, {reason} (2 times); remove it from the copy and update the "
        "source's sha256"
    )


def test_a_right_to_left_override_in_a_seed_never_reaches_a_page(project: Make) -> None:
    root = project(_beta_seed("Beta reports that 15 people died.\n\u202edellik 52 officials said.\n"))
    assert problems(root) == [
        "seeds/beta.txt:2:1: (text): contains U+202E RIGHT-TO-LEFT OVERRIDE, which makes the text display in "
        "another order than it is written; remove it from the copy and update the source's sha256"
    ]


URDU_QUOTE = "وزارت\u200cخارجہ نے کہا کہ حملے میں 15 افراد ہلاک ہوئے"  # noqa: RUF001  # Urdu, not look-alikes
URDU = URDU_QUOTE + "\u06d4\n"  # ARABIC FULL STOP


def test_an_urdu_quote_with_a_zero_width_non_joiner_is_found_and_shown(site_project: Make) -> None:
    root = site_project(
        {
            **_beta_seed(URDU, "ur"),
            **edit("content/claims/death-toll.yaml", '"Beta reports that 15 people died."', f'"{URDU_QUOTE}"'),
        }
    )
    (content,) = [check_project(root)]
    quote = content.claims[0].positions[1].quotes[0]
    assert URDU[quote.start : quote.end] == URDU_QUOTE
    build(root, root / "site")
    source = (root / "site/sources/beta.html").read_text(encoding="utf-8")
    assert f'<span class="fc-anchor" id="q-death-toll-0"></span>{URDU_QUOTE}</mark>' in source
    assert URDU_QUOTE in (root / "site/claims/death-toll.html").read_text(encoding="utf-8")


def test_a_crlf_seed_with_a_byte_order_mark_is_read_as_its_text_and_hashed_as_its_bytes(project: Make) -> None:
    raw = "\ufeffBeta reports that 15 people\r\ndied.\rOfficials said the toll may rise.\r\n".encode()
    root = project(
        {
            **_beta_seed(raw),
            **edit("content/claims/death-toll.yaml", "Beta reports that 15 people died.", "15 people died."),
        }
    )
    assert problems(root) == []
    beta = check_project(root).sources[1]
    assert beta.text == "Beta reports that 15 people\ndied.\nOfficials said the toll may rise.\n"


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_a_quote_is_found_whichever_unicode_form_either_side_is_in(project: Make, form: str) -> None:
    seed = unicodedata.normalize(form, "Beta reports that 15 people died in Zürich.\nThe café was “brûlé”.\n")
    other = "NFD" if form == "NFC" else "NFC"
    quote = unicodedata.normalize(other, 'The café was "brûlé".')
    root = project(
        {
            **_beta_seed(seed),
            **edit("content/claims/death-toll.yaml", '"Beta reports that 15 people died."', json.dumps(quote)),
        }
    )
    assert problems(root) == []
    found = check_project(root).claims[0].positions[1].quotes[0]
    assert seed[found.start : found.end] == unicodedata.normalize(form, "The café was “brûlé”.")


def test_direction_marks_and_soft_hyphens_are_not_compared(project: Make) -> None:
    seed = "Beta reports that \u200f15\u200e peo\u00adple died.\n"
    root = project(
        {
            **_beta_seed(seed),
            **edit("content/claims/death-toll.yaml", "Beta reports that 15 people died.", "that 15 people\u200f died"),
        }
    )
    assert problems(root) == []
    found = check_project(root).claims[0].positions[1].quotes[0]
    assert seed[found.start : found.end] == "that \u200f15\u200e peo\u00adple died"


@pytest.mark.parametrize(
    ("claimant", "expected"),
    [
        ('"Al\\ud83d\\ude00pha"',
         "content/claims/death-toll.yaml:3:16: (yaml): found invalid Unicode character escape code while parsing a "
         "quoted scalar; half a surrogate pair (\\ud800 to \\udfff) is not a character: write the character itself"),
        ("Al\u2028pha",
         "content/claims/death-toll.yaml:3:13: (yaml): contains U+2028 LINE SEPARATOR, which YAML reads as a line "
         "break; write a line break or a space"),
        ('"Al\\u2029pha"',
         "content/claims/death-toll.yaml:3:11: claimant: contains U+2029 PARAGRAPH SEPARATOR, which YAML reads as a "
         "line break; write a line break or a space"),
        ("Al\x85pha",
         "content/claims/death-toll.yaml:3:13: (yaml): contains U+0085 C1 CONTROL, an invisible control character "
         "that can drive a terminal; delete it"),
    ],
)  # fmt: skip
def test_yaml_escapes_and_separators_yaml_reads_otherwise_are_named(
    project: Make, claimant: str, expected: str
) -> None:
    root = project(edit("content/claims/death-toll.yaml", "claimant: Alpha", f"claimant: {claimant}"))
    assert problems(root) == [expected]


def test_line_separators_in_a_seed_are_line_breaks(project: Make) -> None:
    root = project(_beta_seed("Beta reports that 15\u2028people died.\u2029Officials said the toll may rise.\n"))
    assert problems(root) == []
    assert (
        check_project(root).sources[1].text
        == "Beta reports that 15\npeople died.\n\nOfficials said the toll may rise.\n"
    )


def _sample(step: int = 251) -> str:
    """Characters from every plane the policy accepts, one in every ``step`` code points, and YAML's special ones."""
    codes = [*range(0xA0, 0x110000, step), 0xFFFE, 0xFFFF, 0x10FFFF]
    chars = (chr(code) for code in codes if not 0xD800 <= code <= 0xDFFF)
    return "".join(c for c in chars if not REFUSED.match(c) and not LINE_SEPARATORS.match(c) and not c.isspace())


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_title_of_characters_from_every_plane_reads_back_on_both_engines(site_project: Make, engine: str) -> None:
    sample = _sample(step=4001)  # every character is read back through PyYAML by the hypothesis test above
    escaped = "".join(f"\\U{ord(c):08x}" for c in sample)  # the content file stays ASCII
    root = site_project(  # a source's title is a page title of at most 300 characters: 16 or more from each plane
        edit("content/sources/beta.yaml", "title: Beta reports", f'title: "{escaped} Beta reports"')
    )
    build(root, root / "site", engine=engine)
    shown = _title(root / "site", "sources/beta.html")
    assert shown == f"{sample} Beta reports - Operation Herof: claims and sources"
