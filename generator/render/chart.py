"""Bar charts of the figures of a numeric claim, drawn at build time in HTML and CSS (no JavaScript).

HTML rather than SVG, so that labels keep the page's font size at any width instead of scaling with the
drawing. The chart is one image to assistive technology, named by a text alternative with every figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Bar:
    """One figure: who gives it, as of when, and the number (with its qualifier in words)."""

    label: str  # the source's name
    when: str  # "reported 1 February 2026", "refers to 31 January 2026" or "undated in the source"
    value: float
    shown: str  # e.g. "more than 100"
    open_ended: bool = False  # a lower bound ("at least", "more than"): the bar has no closed end
    by: str = ""  # whom the source attributes the figure to, e.g. the headline of a report it lists
    isolated: bool = False  # the label runs in the other direction than the page (an English name on an Urdu page)


def bar_chart(title: str, bars: list[Bar]) -> Markup:
    """A horizontal bar chart, in the order given; the table beside it carries the same numbers as text."""
    biggest = max((bar.value for bar in bars), default=0) or 1
    alternative = f"{title}: " + "; ".join(f"{_who(bar)}, {bar.when}: {bar.shown}" for bar in bars) + "."
    rows = "".join(_row(bar, biggest) for bar in bars)
    return Markup(f'<div class="fc-chart" role="img" aria-label="{escape(alternative)}">{rows}</div>')


def _row(bar: Bar, biggest: float) -> str:
    # The bar is a tiny SVG stretched to the row's width: attributes, not a style attribute, which the
    # Content-Security-Policy refuses. An open end continues as a dashed line past the known minimum.
    share = round(_SPAN * bar.value / biggest, 1)
    more = f'x1="{share}" x2="{share + _MORE}" y1="5" y2="5" vector-effect="non-scaling-stroke"'
    end = f'<line class="fc-chart-more" {more}></line>' if bar.open_ended else ""
    who = f"<bdi>{escape(_who(bar))}</bdi>" if bar.isolated else escape(_who(bar))
    return (
        f'<div class="fc-chart-row"><p class="fc-chart-label">{who}'
        f' <span class="fc-chart-when">({escape(bar.when)})</span>: <strong>{escape(bar.shown)}</strong></p>'
        f'<svg class="fc-chart-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">'
        f'<rect x="0" y="0" width="{share}" height="10"></rect>{end}</svg></div>'
    )


def _who(bar: Bar) -> str:
    """The source, and whom it attributes the figure to: a headline it lists is not its own report."""
    return f"{bar.label} — {bar.by}" if bar.by else bar.label


_SPAN, _MORE = 90, 8  # the longest bar takes 90% of the width, leaving room for an open end
