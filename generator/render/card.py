"""The social card of a claim: a 1200 x 630 PNG with its headline, its verdict and the site's name.

Drawn by Pillow with packaged fonts, never the machine's: Roboto for Latin text, Noto Naskh Arabic for
Arabic-script text, set right to left (cardtext.py chooses). Saved without metadata: the same content gives the
same bytes, on any machine, without a network. Link previews (og:image, twitter:card summary_large_image) name it;
main.html reads its path from the page.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from generator.model import Claim, Content, Verdict
from generator.render.cardtext import Script, face, pieces, script, visual
from generator.render.pages import CARD, Drawn, site_pages
from generator.settings import SiteInfo
from generator.translations import Language, direction

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
_INK, _PAPER, _MUTED = (33, 33, 33), (255, 255, 255), (84, 84, 84)
_NEUTRAL = "#555f6b"  # a verdict without a colour of its own (content/verdicts.yaml)


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


Ink = tuple[int, int, int] | str


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
    image = Image.new("RGB", (WIDTH, HEIGHT), _PAPER)
    draw = ImageDraw.Draw(image)
    accent = colour or _NEUTRAL
    draw.rectangle(
        (WIDTH - 24, 0, WIDTH, HEIGHT) if direction(site_language) == "rtl" else (0, 0, 24, HEIGHT), fill=accent
    )
    _headline(draw, headline, script(headline, site_language))
    how = script(verdict, site_language)
    width = _extent(draw, verdict, how)
    top = HEIGHT - 200
    left = WIDTH - MARGIN - width - 48 if how.direction == "rtl" else MARGIN
    draw.rounded_rectangle((left, top, left + width + 48, top + 72), radius=36, fill=accent)
    _text(draw, (MARGIN + 24, top + 14), verdict, "Bold", 40, how, _PAPER)
    _text(draw, (MARGIN, HEIGHT - 90), site_name, "Regular", 32, script(site_name, site_language), _MUTED)
    out = io.BytesIO()
    # No text chunks, no dates: the same bytes for the same card. zlib level 3 rather than its default 6: the
    # encoding is most of a card's time; level 3 takes about three quarters of it (7.5 ms rather than 10.5), for
    # files a fifth larger (43 KB rather than 36). An exact palette cannot hold a card's 440-odd colours; a
    # 256-colour one (MAXCOVERAGE, within 1 of each channel) halves the size but takes 60 % more time.
    image.save(out, format="PNG", compress_level=3)
    return out.getvalue()


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
