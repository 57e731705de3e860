"""Urdu in the input, end to end: seeds and quotes with the joiners and direction marks Urdu writing uses,
`init` settings with them, and figures written in Urdu (Persian) or Arabic digits."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ALPHA_TEXT, edit, problems, sha

from generator.check.validate import check_project
from generator.cli import main
from generator.settings import read_mkdocs_yml
from generator.translations import language

ZWNJ, ZWJ, LRM, RLM = "\u200c", "\u200d", "\u200e", "\u200f"
# An Urdu sentence as an Urdu keyboard writes it: کم‌از‌کم ("at least") and بے‌بنیاد ("baseless") with U+200C.
URDU_SEED = f"حکام کے مطابق کم{ZWNJ}از{ZWNJ}کم ۱۹ افراد ہلاک ہوئے۔\nتنظیم نے ان دعووں کو بے{ZWNJ}بنیاد قرار دیا۔\n"
FIRST = f"کم{ZWNJ}از{ZWNJ}کم ۱۹ افراد ہلاک ہوئے"
BASELESS = f"بے{ZWNJ}بنیاد قرار دیا"


def urdu_alpha(quote: str) -> dict[str, str]:
    """The mini project with Alpha's seed in Urdu and Alpha's quote on the death toll replaced by ``quote``."""
    seed = URDU_SEED
    changes = {"seeds/alpha.txt": seed}
    source = edit("content/sources/alpha.yaml", f"sha256: {sha(ALPHA_TEXT)}", f"sha256: {sha(seed)}")
    claim = edit("content/claims/death-toll.yaml", '"Alpha says 12 people died on 1 March 2026."', f'"{quote}"')
    # The framing claim quotes Alpha's English text: keep only death-toll.
    claim["content/claims/death-toll.yaml"] = claim["content/claims/death-toll.yaml"].replace(
        "related: [framing]", "related: []"
    )
    return {**changes, **source, **claim, "content/claims/framing.yaml": None}


@pytest.mark.parametrize(
    "quote",
    [FIRST, BASELESS, f"{RLM}{FIRST}{RLM}", f"{LRM}۱۹{LRM} افراد"],
    ids=["ZWNJ", "ZWNJ again", "RLM around", "LRM around digits"],
)
def test_an_urdu_quote_with_its_joiners_and_marks_is_found_verbatim(project: Callable[..., Path], quote: str) -> None:
    root = project(urdu_alpha(quote))
    assert problems(root) == []
    claim = next(c for c in check_project(root).claims if c.id == "death-toll")
    assert claim.positions[0].quotes[0].text == quote  # kept as written: the page shows the editor's text


@pytest.mark.parametrize(
    ("quote", "what"),
    [
        ("کماز کم ۱۹ افراد ہلاک ہوئے", "the joiners dropped"),
        (f"کم{ZWJ}از{ZWJ}کم ۱۹ افراد ہلاک ہوئے", "U+200D for U+200C"),
    ],
)
def test_an_urdu_quote_without_the_seed_s_joiners_is_not_verbatim(
    project: Callable[..., Path], quote: str, what: str
) -> None:
    root = project(urdu_alpha(quote))
    assert problems(root) == [
        "content/claims/death-toll.yaml:16:9: positions[0].quotes[0]: not found verbatim in the text of source 'alpha'"
    ]


def test_a_bidirectional_override_in_an_urdu_quote_is_still_refused(project: Callable[..., Path]) -> None:
    quote = f"\u202bکم{ZWNJ}از{ZWNJ}کم\u202c"
    root = project(urdu_alpha(quote))
    assert problems(root) == [
        "content/claims/death-toll.yaml:16:10: positions[0].quotes[0]: contains U+202B RIGHT-TO-LEFT EMBEDDING, "
        "which makes the text display in another order than it is written; delete it",
        "content/claims/death-toll.yaml:16:19: positions[0].quotes[0]: contains U+202C POP DIRECTIONAL FORMATTING, "
        "which makes the text display in another order than it is written; delete it",
    ]


def test_init_takes_an_urdu_name_and_description_with_joiners_and_marks(tmp_path: Path) -> None:
    root = tmp_path / "ur"
    description = f"{RLM}کم{ZWNJ}از{ZWNJ}کم پانچ دعووں کا جائزہ{RLM}"
    assert main(["init", str(root), "--language", "ur", "--name", f"بے{ZWNJ}بنیاد؟", "--description", description]) == 0
    config = read_mkdocs_yml(root)
    assert (config["site_name"], config["site_description"]) == (f"بے{ZWNJ}بنیاد؟", description)
    edition = check_project(root).edition  # the check accepts what init copied into edition.yaml
    assert (edition.title, edition.overview) == (f"بے{ZWNJ}بنیاد؟", description)


def test_init_still_refuses_a_bidirectional_isolate_in_the_description(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", str(tmp_path / "ur"), "--description", "\u2067کم\u2069"]) == 1
    assert capsys.readouterr().err == (
        "error: --description: contains U+2067 RIGHT-TO-LEFT ISOLATE, which makes the text display in another "
        "order than it is written; delete it\n"
    )
    assert not (tmp_path / "ur").exists()


def _nav_and_toggles(root: Path) -> tuple[list[tuple[str, str]], list[str]]:
    config = read_mkdocs_yml(root)
    nav = [item for entry in config["nav"] for item in entry.items()]
    return nav, [palette["toggle"]["name"] for palette in config["theme"]["palette"]]


def test_init_writes_the_nav_and_the_palette_s_words_in_the_site_s_language(tmp_path: Path) -> None:
    """The titles come from the catalogue the pages use: each is the Urdu catalogue's word for the English one."""
    for tag in ("en", "ur", "fr"):
        assert main(["init", str(tmp_path / tag), "--language", tag]) == 0
    (english_nav, english_toggles), (urdu_nav, urdu_toggles) = (_nav_and_toggles(tmp_path / t) for t in ("en", "ur"))
    words = language(None, "ur")
    assert urdu_nav == [(words.gettext(title), page) for title, page in english_nav]
    assert urdu_toggles == [words.gettext(name) for name in english_toggles]
    assert [title for title, _ in urdu_nav] == [
        "صفحۂ اول", "دعوے", "ماخذ", "تضادات", "ماخذ بمقابلہ دعویٰ", "طریقۂ کار", "درستیاں", "تعارف",
    ]  # fmt: skip
    assert urdu_toggles == ["گہرے رنگوں پر جائیں", "ہلکے رنگوں پر جائیں"]
    assert english_nav[0] == ("Home", "index.md") and english_toggles[0] == "Switch to dark mode"
    # A language the tool ships no catalogue for yet keeps the English words, for the newsroom to edit.
    assert _nav_and_toggles(tmp_path / "fr") == (english_nav, english_toggles)


# --- figures in Urdu (Persian) or Arabic digits ---------------------------------------------------------------------

FIGURE = "              - value: 12\n                unit: deaths\n                counts: People killed in the attack"


def figure(value: str) -> dict[str, str]:
    return edit("content/claims/death-toll.yaml", FIGURE, FIGURE.replace("value: 12", f"value: {value}"))


@pytest.mark.parametrize(
    ("written", "value"), [("۱۲", 12), ("١٢", 12), ("۱۲٫۵", 12.5), ("۱۲.۵", 12.5)], ids=["Urdu", "Arabic", "٫", "."]
)
def test_a_figure_in_arabic_script_digits_is_the_number(
    project: Callable[..., Path], written: str, value: float
) -> None:
    root = project(figure(written))
    assert problems(root) == []
    claim = next(c for c in check_project(root).claims if c.id == "death-toll")
    shown = claim.positions[0].figures[0]
    assert (shown.value, type(shown.value), shown.in_words) == (value, type(value), str(value))


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("1۲", "'1۲' mixes the digits of two scripts; write 12 instead"),
        ("١۲", "'١۲' mixes the digits of two scripts; write 12 instead"),
        ("۱٬۲۰۰", "'۱٬۲۰۰' has a thousands separator; write 1200 instead"),
        ("۰۱۲", "'۰۱۲' is not a plain decimal number; write 12 instead"),
        ('"۱۲"', "expected a number, got the text '۱۲'; write 12, without quotes"),
        ('"12"', "expected a number, got the text '12'; write 12, without quotes"),
        ("۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶", "'۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶' has 16 significant digits; a number may have at most 15"),
    ],
)
def test_a_figure_in_digits_the_check_cannot_read_says_what_to_write(
    project: Callable[..., Path], written: str, message: str
) -> None:
    assert problems(project(figure(written))) == [
        f"content/claims/death-toll.yaml:18:16: positions[0].figures[0].value: {message}"
    ]


def test_digits_inside_words_stay_text(project: Callable[..., Path]) -> None:
    root = project(edit("content/claims/death-toll.yaml", "note: Says 12 died.", "note: ۱۲ افراد"))
    assert problems(root) == []
    claim = next(c for c in check_project(root).claims if c.id == "death-toll")
    assert claim.positions[0].note == "۱۲ افراد"
