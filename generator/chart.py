"""Small SVG bar charts of the figures of a numeric claim, drawn at build time (no JavaScript)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

# A narrow viewBox with each label above its bar keeps the text legible when a phone scales the chart down.
_WIDTH, _LABEL, _BAR, _GAP, _PAD = 400, 18, 18, 12, 90  # _PAD leaves room for the value after the bar


@dataclass(frozen=True)
class Bar:
    """One figure: who gives it, as of when, and the number (with its qualifier in words)."""

    label: str
    value: float
    shown: str  # e.g. "more than 100"


def bar_chart(title: str, bars: list[Bar]) -> Markup:
    """An accessible horizontal bar chart; the table beside it carries the same numbers as text."""
    biggest = max((bar.value for bar in bars), default=0) or 1
    row = _LABEL + _BAR + _GAP
    height = len(bars) * row
    span = _WIDTH - _PAD
    rows = []
    for index, bar in enumerate(bars):
        y = index * row
        width = round(span * bar.value / biggest, 1)
        rows.append(
            f'<text class="fc-chart-label" x="0" y="{y + 13}">{escape(bar.label)}</text>'
            f'<rect class="fc-chart-bar" x="0" y="{y + _LABEL}" width="{width}" height="{_BAR}" rx="3"></rect>'
            f'<text class="fc-chart-value" x="{width + 6}" y="{y + _LABEL + 13}">{escape(bar.shown)}</text>'
        )
    return Markup(
        f'<svg class="fc-chart" viewBox="0 0 {_WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>{''.join(rows)}</svg>"
    )
