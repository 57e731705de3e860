"""Which packaged font draws each piece of a social card's text, and in which direction (render/card.py).

Roboto (the ``font-roboto`` package) draws Latin text; Noto Naskh Arabic, shipped in ``generator/fonts/`` under the
SIL Open Font Licence (``OFL.txt``: no PyPI package ships it), draws Arabic-script text, which Pillow's raqm layout
shapes and sets right to left. Neither font has the other's letters, and Pillow does not fall back from one font
to another: a text that mixes them is cut into pieces, each drawn with the font that has its letters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from pathlib import Path

from PIL import ImageFont

from generator.translations import direction, text_direction

FONTS = Path(__file__).parent.parent / "fonts"
# The Arabic script's letters and digits (Urdu, Arabic, Persian, Pashto, Sindhi): Roboto has none of them.
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


@dataclass(frozen=True)
class Script:
    """How one text of the card is drawn: its font, and for right-to-left text its direction and language."""

    family: str  # "Roboto", or "NotoNaskhArabic" for a text with an Arabic-script letter
    direction: str | None  # "rtl", laid out right to left and aligned right; None: Pillow's default, left to right
    language: str | None  # the site's language tag for raqm's shaping, when the text runs in the site's direction


def script(text: str, site_language: str) -> Script:
    """The font, direction and language to draw ``text`` with on a card of a site in ``site_language``."""
    if not _ARABIC_SCRIPT.search(text):
        return Script("Roboto", None, None)
    site_direction = direction(site_language)
    runs = text_direction(text) or site_direction
    if runs != "rtl":
        return Script("NotoNaskhArabic", None, None)
    return Script("NotoNaskhArabic", "rtl", site_language if site_direction == "rtl" else None)


def font_file(family: str, weight: str) -> Path:
    """The packaged font file of ``family`` ("Roboto" or "NotoNaskhArabic") in ``weight`` ("Bold", "Regular")."""
    if family == "Roboto":
        import font_roboto  # type: ignore[import-untyped]  # a font package: no types

        return Path(font_roboto.__file__).parent / "files" / f"Roboto-{weight}.ttf"
    return FONTS / f"{family}-{weight}.ttf"


@cache
def face(family: str, weight: str, size: int) -> ImageFont.FreeTypeFont:
    """The packaged font ``family`` in ``weight`` at ``size`` pixels, loaded once."""
    return ImageFont.truetype(str(font_file(family, weight)), size)


@cache
def _naskh_basic() -> ImageFont.FreeTypeFont:
    """Noto Naskh Arabic without shaping, to draw one character at a time: loaded once."""
    return ImageFont.truetype(str(font_file("NotoNaskhArabic", "Regular")), 32, layout_engine=ImageFont.Layout.BASIC)


@cache
def _naskh_draws(char: str) -> bool:
    """Whether Noto Naskh Arabic has a glyph for ``char`` (it has no Latin letters, no “ ” and no dash): its drawing
    differs from that of a private-use character, which is the box of a missing glyph."""
    return char.isspace() or _mask(_naskh_basic(), char) != _mask(_naskh_basic(), "\ue000")


def _mask(font: ImageFont.FreeTypeFont, text: str) -> tuple[tuple[int, int], bytes]:
    mask = font.getmask(text)
    return mask.size, bytes(mask)


def _strong(char: str) -> str | None:
    """ "R" for an Arabic-script letter or digit, "L" for a letter written left to right, None for a space or sign."""
    if _ARABIC_SCRIPT.match(char) or unicodedata.bidirectional(char) in ("R", "AL"):
        return "R"
    return "L" if unicodedata.bidirectional(char) == "L" else None


def _neutral(letters: list[str | None], at: int, main: str) -> str:
    """The direction of the space or sign at ``at``: that of the letters on both sides, else the text's own."""
    before = next((kind for kind in reversed(letters[:at]) if kind), main)
    after = next((kind for kind in letters[at + 1 :] if kind), main)
    return before if before == after else main


def _family(char: str, runs: str) -> str:
    """The font of ``char`` in a stretch that ``runs`` "R" (right to left) or "L": Naskh where it has the glyph."""
    arabic = _ARABIC_SCRIPT.match(char) or (runs == "R" and unicodedata.bidirectional(char) != "L")
    return "NotoNaskhArabic" if arabic and _naskh_draws(char) else "Roboto"


def pieces(text: str, how: Script) -> list[tuple[str, Script]]:
    """``text`` cut into runs that one font draws in one direction, in reading order: within Arabic-script text,
    Latin letters (and the signs Naskh lacks: “ ” —) in Roboto. A space or sign runs in the direction of the
    letters on both sides of it, else in the text's own (Unicode's bidirectional rules N1, N2): "فیصلہ: Disputed"
    is two runs. Roboto text is one piece, as it always was."""
    if how.family == "Roboto":
        return [(text, how)]
    letters = [_strong(char) for char in text]
    main = "R" if how.direction == "rtl" else "L"
    ways = [kind or _neutral(letters, at, main) for at, kind in enumerate(letters)]
    keys = [(_family(char, way), way) for char, way in zip(text, ways, strict=True)]
    runs = [("".join(c for c, _ in group), key) for key, group in groupby(zip(text, keys, strict=True), lambda p: p[1])]
    if len(runs) == 1 and runs[0][1] == ("NotoNaskhArabic", main):
        return [(text, how)]
    language = {"NotoNaskhArabic": how.language, "Roboto": None}
    return [(run, Script(family, "rtl" if way == "R" else None, language[family])) for run, (family, way) in runs]


def visual(parts: list[tuple[str, Script]], rtl: bool) -> list[tuple[str, Script]]:
    """The pieces from left to right as they are seen (Unicode's rule L2 for two levels): each stretch of
    right-to-left pieces reversed, and the stretches reversed in a right-to-left text."""
    stretches = [list(group) for _, group in groupby(parts, lambda part: part[1].direction)]
    ordered = [group[::-1] if group[0][1].direction == "rtl" else group for group in stretches]
    return [part for group in (ordered[::-1] if rtl else ordered) for part in group]
