"""The social card of a claim: a 1200 x 630 PNG with its headline, its verdict and the site's name.

Drawn by Pillow with packaged fonts, never the machine's: Roboto for Latin text, Noto Naskh Arabic for
Arabic-script text, set right to left (cardtext.py chooses). Saved without metadata: the same content gives the
same bytes, on any machine, without a network. Link previews (og:image, twitter:card summary_large_image) name it;
main.html reads its path from the page.
"""

from __future__ import annotations

import functools
import io

from PIL import Image, ImageColor, ImageDraw

from generator.model import Claim, Content, Verdict
from generator.render.cardtext import Script, face, pieces, script, visual
from generator.render.pages import CARD, Drawn, site_pages
from generator.settings import SiteInfo
from generator.translations import Language, direction

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
_NEUTRAL = "#555f6b"  # a verdict without a colour of its own (content/verdicts.yaml)

# The card is drawn in palette indices, not colours, and saved as an indexed PNG: a third of the bytes to compress,
# which is most of a card's time. Every pixel is the paper, the ink or the muted grey on the paper, or the
# verdict's colour with the paper's words on it, and the letters' edges blend two of these. So the palette is two
# ramps of 128 steps: the greys from the ink to the paper (indices 0 to 127), and the verdict's colour to the paper
# (128 to 255). Pillow blends a letter's edge into what is under it by its index, which along a ramp is the colour
# it blends in RGB: the card is the one drawn in RGB (before 2026-12), within 1 of each channel.
_STEPS = 128
_INK_GREY, _PAPER_GREY, _MUTED_GREY = 33, 255, 84
_INK, _PAPER, _MUTED = 0, _STEPS - 1, round((_MUTED_GREY - _INK_GREY) * (_STEPS - 1) / (_PAPER_GREY - _INK_GREY))
_ACCENT, _ON_ACCENT = _STEPS, 2 * _STEPS - 1  # the verdict's colour, and the paper on it


def _length(draw: ImageDraw.ImageDraw, text: str, weight: str, size: int, how: Script) -> float:
    """The width of ``text`` drawn in its pieces' fonts and directions."""
    return sum(
        draw.textlength(part, font=face(s.family, weight, size), direction=s.direction, language=s.language)
        for part, s in pieces(text, how)
    )


def _lines(draw: ImageDraw.ImageDraw, text: str, weight: str, size: int, how: Script) -> list[str]:
    """``text`` broken into lines no wider than the card's text, at spaces (in reading order, as typed)."""
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and _length(draw, trial, weight, size, how) <= WIDTH - 2 * MARGIN:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


Ink = int  # an index of the card's palette (_palette)


def _text(
    draw: ImageDraw.ImageDraw, at: tuple[int, int], text: str, weight: str, size: int, how: Script, ink: Ink
) -> None:
    """``text`` from ``at[0]`` pixels in from its side of the card: the left, or the right for right-to-left text;
    a text of several pieces (``pieces``) has them side by side on one baseline, in its direction."""
    (x, y), font, parts = at, face(how.family, weight, size), pieces(text, how)
    if len(parts) > 1:
        left = WIDTH - x - _length(draw, text, weight, size, how) if how.direction == "rtl" else x
        baseline = y + font.getmetrics()[0]
        for part, s in visual(parts, how.direction == "rtl"):
            family = face(s.family, weight, size)
            draw.text((left, baseline), part, ink, family, "ls", direction=s.direction, language=s.language)
            left += draw.textlength(part, font=family, direction=s.direction, language=s.language)
    elif how.direction == "rtl":
        draw.text((WIDTH - x, y), text, fill=ink, font=font, anchor="ra", direction="rtl", language=how.language)
    else:
        draw.text((x, y), text, fill=ink, font=font)


def claim_card(claim: Claim, verdict: Verdict, site: SiteInfo, language: Language) -> Drawn:
    """The social card of ``claim`` (whose verdict is ``verdict``), not drawn yet: the render's page of it."""
    words = language.gettext("Verdict: %(verdict)s") % {"verdict": verdict.label}
    return Drawn(social_card, (claim.headline, words, verdict.colour, site.name, language.tag))


def social_cards(content: Content, site: SiteInfo, language: Language) -> dict[str, Drawn]:
    """Every card page of the site (pages.site_pages), as the render will make it: known once the content is
    checked, so that a build draws them while it renders the pages (pipeline.generate_drawn_later)."""
    verdicts = {verdict.id: verdict for verdict in content.verdicts}
    return {
        page.path: claim_card(page.context["claim"], verdicts[page.context["claim"].verdict], site, language)
        for page in site_pages(content)
        if page.template == CARD
    }


def social_card(headline: str, verdict: str, colour: str | None, site_name: str, site_language: str = "en") -> bytes:
    """The card as PNG bytes: the headline large, the verdict on its colour, the site's name below.

    ``verdict`` is the label as the card shows it, in the site's words ("Verdict: Disputed", render.py); each text
    is drawn in its own script and direction (``script``), the colour bar on the side the site's language starts."""
    image = Image.new("L", (WIDTH, HEIGHT), _PAPER)
    draw = ImageDraw.Draw(image)
    _headline(draw, headline, script(headline, site_language))
    how = script(verdict, site_language)
    width = _extent(draw, verdict, how)
    top = HEIGHT - 200
    left = WIDTH - MARGIN - width - 48 if how.direction == "rtl" else MARGIN
    draw.rounded_rectangle((left, top, left + width + 48, top + 72), radius=36, fill=_ACCENT)
    _text(draw, (MARGIN + 24, top + 14), verdict, "Bold", 40, how, _ON_ACCENT)
    _text(draw, (MARGIN, HEIGHT - 90), site_name, "Regular", 32, script(site_name, site_language), _MUTED)
    # The bar last, over any word too long for a line: a letter's edge blended into it would leave the ramps.
    draw.rectangle(
        (WIDTH - 24, 0, WIDTH, HEIGHT) if direction(site_language) == "rtl" else (0, 0, 24, HEIGHT), fill=_ACCENT
    )
    image.putpalette(_palette(colour or _NEUTRAL))
    out = io.BytesIO()
    # No text chunks, no dates: the same bytes for the same card. zlib level 3 rather than its default 6: 2 ms
    # rather than 4 for a card, for 31 KB rather than 27 (an RGB card took 9 ms to encode, for 57 KB).
    image.save(out, format="PNG", compress_level=3)
    return out.getvalue()


@functools.cache  # a site has a few verdict colours; working one out took 6 % of a card
def _palette(accent: str) -> bytes:
    """The card's 256 colours as R, G, B: the greys from the ink to the paper, then the verdict's colour
    (``accent``, as content/verdicts.yaml writes it) to the paper; each ramp in equal steps."""
    ends = [((_INK_GREY,) * 3, (_PAPER_GREY,) * 3), (ImageColor.getrgb(accent)[:3], (_PAPER_GREY,) * 3)]
    return bytes(
        round(start + (end - start) * step / (_STEPS - 1))
        for first, last in ends
        for step in range(_STEPS)
        for start, end in zip(first, last, strict=True)
    )


def _extent(draw: ImageDraw.ImageDraw, verdict: str, how: Script) -> float:
    """How far the verdict's words reach from where they start, in the bold of its label."""
    if len(pieces(verdict, how)) > 1:
        return _length(draw, verdict, "Bold", 40, how)
    box = draw.textbbox(
        (0, 0), verdict, font=face(how.family, "Bold", 40), direction=how.direction, language=how.language
    )
    return box[2]


def _headline(draw: ImageDraw.ImageDraw, headline: str, how: Script) -> None:
    """The headline at the largest size at which it fits in four lines (five at the smallest)."""
    size = 64
    while True:
        lines = _lines(draw, headline, "Bold", size, how)
        if len(lines) <= 4 or size <= 36:
            break
        size -= 4
    y = 80
    for line in lines[:5]:
        _text(draw, (MARGIN, y), line, "Bold", size, how, _INK)
        y += int(size * 1.25)
