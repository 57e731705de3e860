"""The social card of a claim: a 1200 x 630 PNG with its headline, its verdict and the site's name.

Drawn by Pillow with Roboto from the ``font-roboto`` package (pinned in pyproject.toml), never the machine's
fonts, and saved without metadata: the same content gives the same bytes, on any machine, without a network.
Link previews (og:image, twitter:card summary_large_image) name it; main.html reads its path from the page.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
_INK, _PAPER, _MUTED = (33, 33, 33), (255, 255, 255), (84, 84, 84)
_NEUTRAL = "#555f6b"  # a verdict without a colour of its own (content/verdicts.yaml)


@cache
def _font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    import font_roboto  # type: ignore[import-untyped]  # a font package: no types

    return ImageFont.truetype(str(Path(font_roboto.__file__).parent / "files" / f"Roboto-{weight}.ttf"), size)


def _lines(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """``text`` broken into lines no wider than ``width``, at spaces."""
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(trial, font=font) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


def social_card(headline: str, verdict: str, colour: str | None, site_name: str) -> bytes:
    """The card as PNG bytes: the headline large, the verdict on its colour, the site's name below.

    ``verdict`` is the label as the card shows it, in the site's words ("Verdict: Disputed", render.py)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), _PAPER)
    draw = ImageDraw.Draw(image)
    accent = colour or _NEUTRAL
    draw.rectangle((0, 0, 24, HEIGHT), fill=accent)
    size = 64
    while True:  # the largest size at which the headline fits in four lines
        font = _font("Bold", size)
        lines = _lines(draw, headline, font, WIDTH - 160)
        if len(lines) <= 4 or size <= 36:
            break
        size -= 4
    y = 80
    for line in lines[:5]:
        draw.text((80, y), line, font=font, fill=_INK)
        y += int(size * 1.25)
    label = _font("Bold", 40)
    box = draw.textbbox((0, 0), verdict, font=label)
    top = HEIGHT - 200
    draw.rounded_rectangle((80, top, 80 + box[2] + 48, top + 72), radius=36, fill=accent)
    draw.text((104, top + 14), verdict, font=label, fill=_PAPER)
    draw.text((80, HEIGHT - 90), site_name, font=_font("Regular", 32), fill=_MUTED)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)  # no text chunks, no dates: the same bytes for the same card
    return out.getvalue()
