"""The social card of a claim: a 1200 x 630 PNG with its headline, its verdict and the site's name.

Drawn by Pillow with packaged fonts, never the machine's: Roboto from the ``font-roboto`` package (pinned in
pyproject.toml) for Latin text, and Noto Naskh Arabic, shipped in ``generator/fonts/`` under the SIL Open Font
Licence (``OFL.txt``; no PyPI package ships it), for Arabic-script text, shaped and laid out right to left by
Pillow's raqm layout. Saved without metadata: the same content gives the same bytes, on any machine, without a
network. Link previews (og:image, twitter:card summary_large_image) name it; main.html reads its path from the page.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from generator.translations import direction, text_direction

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
_INK, _PAPER, _MUTED = (33, 33, 33), (255, 255, 255), (84, 84, 84)
_NEUTRAL = "#555f6b"  # a verdict without a colour of its own (content/verdicts.yaml)
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
def _font(family: str, weight: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_file(family, weight)), size)


def _lines(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int, how: Script) -> list[str]:
    """``text`` broken into lines no wider than ``width``, at spaces (in reading order, as typed)."""
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(trial, font=font, direction=how.direction, language=how.language) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


Ink = tuple[int, int, int] | str


def _text(
    draw: ImageDraw.ImageDraw, x: int, y: int, text: str, font: ImageFont.FreeTypeFont, how: Script, ink: Ink
) -> None:
    """``text`` from ``x`` pixels in from its side of the card: the left, or the right for right-to-left text."""
    if how.direction == "rtl":
        draw.text((WIDTH - x, y), text, fill=ink, font=font, anchor="ra", direction="rtl", language=how.language)
    else:
        draw.text((x, y), text, fill=ink, font=font)


def social_card(headline: str, verdict: str, colour: str | None, site_name: str, site_language: str = "en") -> bytes:
    """The card as PNG bytes: the headline large, the verdict on its colour, the site's name below.

    ``verdict`` is the label as the card shows it, in the site's words ("Verdict: Disputed", render.py); each text
    is drawn in its own script and direction (``script``), the colour bar on the side the site's language starts."""
    image = Image.new("RGB", (WIDTH, HEIGHT), _PAPER)
    draw = ImageDraw.Draw(image)
    accent = colour or _NEUTRAL
    draw.rectangle(
        (WIDTH - 24, 0, WIDTH, HEIGHT) if direction(site_language) == "rtl" else (0, 0, 24, HEIGHT), fill=accent
    )
    _headline(draw, headline, script(headline, site_language))
    how = script(verdict, site_language)
    label = _font(how.family, "Bold", 40)
    box = draw.textbbox((0, 0), verdict, font=label, direction=how.direction, language=how.language)
    top = HEIGHT - 200
    left = WIDTH - MARGIN - box[2] - 48 if how.direction == "rtl" else MARGIN
    draw.rounded_rectangle((left, top, left + box[2] + 48, top + 72), radius=36, fill=accent)
    _text(draw, MARGIN + 24, top + 14, verdict, label, how, _PAPER)
    how = script(site_name, site_language)
    _text(draw, MARGIN, HEIGHT - 90, site_name, _font(how.family, "Regular", 32), how, _MUTED)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)  # no text chunks, no dates: the same bytes for the same card
    return out.getvalue()


def _headline(draw: ImageDraw.ImageDraw, headline: str, how: Script) -> None:
    """The headline at the largest size at which it fits in four lines (five at the smallest)."""
    size = 64
    while True:
        font = _font(how.family, "Bold", size)
        lines = _lines(draw, headline, font, WIDTH - 2 * MARGIN, how)
        if len(lines) <= 4 or size <= 36:
            break
        size -= 4
    y = 80
    for line in lines[:5]:
        _text(draw, MARGIN, y, line, font, how, _INK)
        y += int(size * 1.25)
