"""A seed text as HTML, with every quoted passage marked and anchored so claim pages can link to it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Anchor:
    """A quoted passage of a seed: where it is, its anchor id, and the claim page to link back to."""

    id: str  # HTML id, unique on the source page
    start: int  # character offsets in the seed text
    end: int
    back_href: str  # the claim page (and fragment) that quotes it
    back_label: str  # accessible name of the link back
    back_text: str = ""  # what the link back shows: the claim it returns to


def highlight(text: str, anchors: Sequence[Anchor]) -> Markup:
    """Escape ``text`` and wrap every quoted stretch in <mark>; overlapping quotes share marks. Once while the
    text and its anchors are unchanged: a preview's edit that changes no quote marks no seed again."""
    return _highlight(text, tuple(anchors))


@lru_cache(maxsize=32)
def _highlight(text: str, anchors: tuple[Anchor, ...]) -> Markup:
    starts: dict[int, list[Anchor]] = {}
    ends: dict[int, list[Anchor]] = {}
    for anchor in anchors:
        starts.setdefault(anchor.start, []).append(anchor)
        ends.setdefault(anchor.end, []).append(anchor)
    cuts = sorted({0, len(text), *starts, *ends})
    parts: list[str] = []
    active = 0
    for left, right in pairwise(cuts):
        for anchor in ends.get(left, []):
            active -= 1
            parts.append(_back_link(anchor))
        # Anchors go inside the mark they open, so one mark can carry several quotes' anchors
        # and CSS can highlight it with mark:has(> :target).
        opening = "".join(f'<span class="fc-anchor" id="{escape(a.id)}"></span>' for a in starts.get(left, []))
        active += len(starts.get(left, []))
        segment = str(escape(text[left:right]))
        parts.append(f'<mark class="fc-mark">{opening}{segment}</mark>' if active else segment)
    parts.extend(_back_link(anchor) for anchor in ends.get(len(text), []))
    return Markup("".join(parts))


def _back_link(anchor: Anchor) -> str:
    return (
        f'<a class="fc-back" href="{escape(anchor.back_href)}" data-search-exclude '
        f'aria-label="{escape(anchor.back_label)}" title="{escape(anchor.back_label)}">'
        f'<span aria-hidden="true">&#8617;</span> {escape(anchor.back_text)}</a>'
    )
