"""Each listed claim has a social card: a 1200 x 630 PNG with its headline, verdict and the site's name, drawn
with a packaged font (the same bytes for the same content), named by og:image with a large Twitter card."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, edit
from PIL import Image, ImageChops, ImageFont

from generator.check.validate import check_project
from generator.publish import Cards, write_pages
from generator.render import card
from generator.render.card import HEIGHT, MARGIN, WIDTH, social_card
from generator.render.cardtext import Script, font_file, pieces, script, visual
from generator.render.pages import Drawn, materialise
from generator.render.render import SiteInfo, make_env, render_site
from generator.translations import language

Make = Callable[..., Path]

ZWNJ = "\u200c"
# An Urdu headline with digits, a comma, joiners (U+200C), the site's words and an Urdu site's name.
URDU = (
    f"کم{ZWNJ}از{ZWNJ}کم ۱۹ مزدور زخمی ہوئے، مل کے مالکان کہتے ہیں کہ کوئی زخمی نہیں ہوا",
    "فیصلہ: متنازع",
    "مل میں آگ",
)


def _render(root: Path, site: SiteInfo) -> dict[str, str | bytes]:
    return materialise(render_site(check_project(root), make_env(REPO), site))


def test_every_claim_gets_a_1200_by_630_png_the_same_bytes_each_time(project: Make) -> None:
    root = project()
    first, second = _render(root, SiteInfo("Desk", None, None)), _render(root, SiteInfo("Desk", None, None))
    card = first["assets/cards/death-toll.png"]
    assert isinstance(card, bytes) and card == second["assets/cards/death-toll.png"]
    image = Image.open(io.BytesIO(card))
    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert set(image.info) <= {"dpi"}  # no text chunks, no dates
    other = _render(root, SiteInfo("Another desk", None, None))["assets/cards/death-toll.png"]
    assert other != card  # the site's name is on it


def test_the_card_changes_with_the_headline_and_the_verdict() -> None:
    base = social_card("A headline", "Disputed", "#a4500f", "Desk")
    assert social_card("Another headline", "Disputed", "#a4500f", "Desk") != base
    assert social_card("A headline", "Single source", "#6b4fa0", "Desk") != base


GOLDEN_CARD = Path(__file__).parent / "golden" / "card-rgb-84ada94.png"


def test_an_english_card_is_drawn_as_before_in_256_colours() -> None:
    """The card main drew in RGB (84ada94, Roboto only, kept in ``GOLDEN_CARD``), now drawn in two ramps of a
    palette: the same letters in the same places, each channel within 1. A Pillow whose FreeType draws differently
    would change them too: then look at the card, and draw the golden one again with the RGB drawing of 84ada94."""
    png = social_card("Twelve people died in the attack, says the Alpha essay", "Verdict: Disputed", "#a4500f", "Desk")
    before = Image.open(GOLDEN_CARD)
    assert hashlib.sha256(before.tobytes()).hexdigest() == (
        "ece2a1888c49676c100e07703d52724a8aebe558def80372a03d4c11b50d98f1"  # the pixels 84ada94 drew
    )
    card = Image.open(io.BytesIO(png))
    assert card.mode == "P" and len(png) < len(GOLDEN_CARD.read_bytes()) * 0.6
    difference = ImageChops.difference(before.convert("RGB"), card.convert("RGB"))
    assert max(most for _, most in difference.getextrema()) <= 1
    assert difference.getbbox() is not None  # not the same image by chance: the ramps' steps move some greys by 1
    ink = Image.open(io.BytesIO(png)).convert("RGB")
    assert ink.getpixel((5, 5)) == (164, 80, 15) and ink.getpixel((600, 10)) == (255, 255, 255)


def test_the_palette_holds_the_ink_the_paper_and_the_verdicts_colour_exactly() -> None:
    png = social_card("A", "Verdict: Disputed", "#1b5e20", "Desk")
    colours = {colour for _, colour in Image.open(io.BytesIO(png)).convert("RGB").getcolors(256) or []}
    assert {(33, 33, 33), (84, 84, 84), (255, 255, 255), (27, 94, 32)} <= colours


URL = "Residents shared https://example.invalid/a/long/path/without/any/spaces/at/all/in/it/whatsoever on the day"


def _indices(image: Image.Image, box: tuple[int, int, int, int]) -> set[int]:
    return {index for _, index in image.crop(box).getcolors(256) or []}


@pytest.mark.parametrize(
    ("headline", "site_name", "site_language", "bar", "greys"),
    [  # a word wider than a line runs over the bar on the right; a site's name over the bar on the left
        (URL, "Desk", "ur", (WIDTH - 24, 0, WIDTH, HEIGHT), (0, 0, WIDTH - 24, HEIGHT - 200)),
        ("Twelve", "ڈیسک " * 40, "en", (0, 0, 25, HEIGHT), (25, HEIGHT - 100, WIDTH, HEIGHT)),
    ],
)
def test_text_running_over_the_bar_leaves_every_pixel_on_a_ramp(
    headline: str, site_name: str, site_language: str, bar: tuple[int, ...], greys: tuple[int, ...]
) -> None:
    png = social_card(headline, "Verdict: Disputed", "#a4500f", site_name, site_language)
    card = Image.open(io.BytesIO(png))
    assert _indices(card, bar) == {128}  # the verdict's colour alone: no letter's edge blended into it
    assert max(_indices(card, greys)) <= 127 and min(_indices(card, greys)) < 100  # ink on paper: greys only


def _has_glyph(path: Path, char: str) -> bool:
    """Whether the font at ``path`` draws ``char`` with a glyph of its own, not the box of a missing one (.notdef,
    which a private-use character draws)."""
    font = ImageFont.truetype(str(path), 48, layout_engine=ImageFont.Layout.BASIC)

    def drawn(text: str) -> tuple[bytes, tuple[int, int]]:
        mask = font.getmask(text)
        image = Image.new("L", mask.size)
        image.im = mask
        return image.tobytes(), mask.size

    return char.isspace() or drawn(char) != drawn("\ue000")


@pytest.mark.parametrize("weight", ["Bold", "Regular"])
def test_every_letter_of_an_urdu_card_has_a_glyph_in_the_font_it_is_drawn_with(weight: str) -> None:
    for text in URDU:
        chosen = font_file(script(text, "ur").family, weight)
        assert [c for c in text if c != ZWNJ and not _has_glyph(chosen, c)] == [], text
    # The check can fail: Roboto, which drew every card before, has none of these letters.
    roboto = font_file("Roboto", weight)
    assert all(not _has_glyph(roboto, c) for c in "کمازمزدورزخمیہوئے")


def test_arabic_script_text_is_drawn_in_naskh_right_to_left_and_latin_in_roboto() -> None:
    assert script(URDU[0], "ur") == Script("NotoNaskhArabic", "rtl", "ur")
    assert script(URDU[0], "en") == Script("NotoNaskhArabic", "rtl", None)  # an Urdu headline on an English site
    assert script("Verdict: Disputed", "ur") == Script("Roboto", None, None)  # an English name on an Urdu site
    assert script("19", "ur") == Script("Roboto", None, None)


MIXED = "مزدور — Human Rights Watch “۱۹”"  # an English name, a dash and quotation marks Naskh lacks, in Urdu


def test_latin_letters_and_signs_naskh_lacks_are_drawn_in_roboto_inside_urdu_text() -> None:
    naskh, latin, sign = (
        Script("NotoNaskhArabic", "rtl", "ur"),
        Script("Roboto", None, None),
        Script("Roboto", "rtl", None),
    )
    assert pieces("فیصلہ: Disputed", script("فیصلہ: Disputed", "ur")) == [("فیصلہ: ", naskh), ("Disputed", latin)]
    parts = pieces(MIXED, script(MIXED, "ur"))
    assert "".join(part for part, _ in parts) == MIXED
    for part, how in parts:  # no piece draws a box
        assert [c for c in part if not _has_glyph(font_file(how.family, "Bold"), c)] == [], part
    assert (parts[1], parts[3]) == (("—", sign), ("Human Rights Watch", latin))
    # Seen from the left, as Unicode's bidirectional algorithm orders it: the quotation, the English name in its
    # own order, the dash, and the first Urdu word on the right.
    assert [part for part, _ in visual(parts, rtl=True)] == [
        "”",
        "۱۹",
        "“",
        " ",
        "Human Rights Watch",
        " ",
        "—",
        "مزدور ",
    ]
    assert pieces(URDU[0], script(URDU[0], "ur")) == [(URDU[0], naskh)]  # Urdu alone: one piece, as drawn before


def test_a_card_with_an_english_name_in_an_urdu_headline_draws_it_in_roboto(monkeypatch: pytest.MonkeyPatch) -> None:
    mixed = social_card(MIXED, URDU[1], "#a4500f", URDU[2], "ur")
    assert mixed == social_card(MIXED, URDU[1], "#a4500f", URDU[2], "ur")
    monkeypatch.setattr(card, "pieces", lambda text, how: [(text, how)])  # the whole text in Naskh: boxes
    assert social_card(MIXED, URDU[1], "#a4500f", URDU[2], "ur") != mixed


_HEADLINE_BOTTOM = 420  # the headline's rows end above the verdict (HEIGHT - 200)
_WHITE = (255, 255, 255)


def _ink(png: bytes, top: int, bottom: int) -> tuple[int, int, int, int] | None:
    """The box around what is drawn (darker than the paper) between rows ``top`` and ``bottom``, in card pixels."""
    band = Image.open(io.BytesIO(png)).convert("L").crop((30, top, WIDTH - 30, bottom))
    box = band.point(lambda v: 255 if v < 128 else 0).getbbox()
    return None if box is None else (box[0] + 30, box[1] + top, box[2] + 30, box[3] + top)


def test_an_urdu_card_is_drawn_right_to_left_wrapped_within_its_margins(monkeypatch: pytest.MonkeyPatch) -> None:
    urdu = social_card(*URDU[:2], "#a4500f", URDU[2], "ur")
    assert urdu == social_card(*URDU[:2], "#a4500f", URDU[2], "ur")  # the same bytes for the same content
    headline = _ink(urdu, 60, _HEADLINE_BOTTOM)
    assert headline is not None
    left, top, right, bottom = headline
    assert WIDTH - MARGIN - 8 <= right <= WIDTH - MARGIN + 2  # flush right: the headline starts on the right
    assert left >= MARGIN - 2 and bottom - top > 120  # broken into lines that keep to the margins
    bar = Image.open(io.BytesIO(urdu)).convert("RGB").getpixel((WIDTH - 10, 10))
    assert bar == (164, 80, 15)  # the bar on the right
    monkeypatch.setattr(card, "script", lambda text, language: Script("Roboto", None, None))
    assert social_card(*URDU[:2], "#a4500f", URDU[2], "ur") != urdu  # not what Roboto draws


def test_an_urdu_sites_card_has_its_verdict_on_the_right(project: Make) -> None:
    site = SiteInfo("Desk", None, None, None, "ur")
    png = materialise(render_site(check_project(project()), make_env(REPO, language(None, "ur")), site))[
        "assets/cards/death-toll.png"
    ]
    assert isinstance(png, bytes)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    middle = HEIGHT - 200 + 36  # the verdict's row: its colour at the right end, paper at the left
    assert image.getpixel((WIDTH - MARGIN - 5, middle)) != _WHITE and image.getpixel((MARGIN + 5, middle)) == _WHITE


def test_og_image_names_the_card_absolute_with_a_site_url(project: Make) -> None:
    page = _render(project(), SiteInfo("Desk", "https://example.org/desk/", None))["claims/death-toll.md"]
    assert 'og_image: "https://example.org/desk/assets/cards/death-toll.png"' in page
    relative = _render(project(), SiteInfo("Desk", None, None))["claims/death-toll.md"]
    assert 'og_image: "../assets/cards/death-toll.png"' in relative


def test_a_withdrawn_claim_has_no_card(project: Make) -> None:
    withdrawn = edit(
        "content/claims/framing.yaml", "related: [death-toll]",
        "related: []\n        withdrawn: {date: 2026-03-05, reason: It rests on a misread passage.}",
    )  # fmt: skip
    withdrawn.update(edit("content/claims/death-toll.yaml", "related: [framing]", "related: []"))
    pages = _render(project(withdrawn), SiteInfo("Desk", None, None))
    assert "assets/cards/framing.png" not in pages and "og_image" not in str(pages["claims/framing.md"])


def test_the_render_holds_no_card_publish_places_each_in_the_site(project: Make, tmp_path: Path) -> None:
    """5,000 cards are never all held (#26): the render names each card's drawing; write_pages leaves it out of the
    docs folder and keeps of each text it wrote only the front matter, which the build compares with the engine's
    pages; publish.Cards draws the card into the site the engine wrote."""
    pages = render_site(check_project(project()), make_env(REPO), SiteInfo("Desk", None, None))
    assert isinstance(pages["assets/cards/death-toll.png"], Drawn)  # nothing drawn yet
    drawn = materialise(pages)["assets/cards/death-toll.png"]
    text = pages["claims/death-toll.md"]
    assert isinstance(text, str)
    write_pages(tmp_path / "docs", [], pages)
    assert (tmp_path / "docs/claims/death-toll.md").read_text(encoding="utf-8") == text
    assert pages["claims/death-toll.md"] == text[: text.index("\n---\n", 4) + 5]  # its front matter: text let go
    assert not (tmp_path / "docs/assets/cards").exists()  # the engine does not copy the cards: publish puts them
    with Cards(tmp_path / "site") as cards:
        cards.place(pages, tmp_path / "site")
    assert (tmp_path / "site/assets/cards/death-toll.png").read_bytes() == drawn
    assert drawn == social_card("Twelve dead in the attack, says Alpha", "Verdict: Disputed", None, "Desk")
