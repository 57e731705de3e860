"""Find verbatim quotes in seed texts, normalising only typography and whitespace."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Typographic variants folded to their ASCII form before comparing; nothing else is normalised.
_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
    }
)  # fmt: skip
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Span:
    """Where a quote sits in the original seed text: [start, end) character offsets."""

    start: int
    end: int


class NormalisedText:
    """A seed text folded for comparison, with a map back to original offsets."""

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        origin: list[int] = []
        for match in re.finditer(r"\s+|\S", text.translate(_FOLD)):
            chars.append(" " if match.group().isspace() else match.group())
            origin.append(match.start())
        self.text = "".join(chars)
        self._origin = origin
        self._length = len(text)

    def find(self, quote: str) -> Span | None:
        """Return the span of the first occurrence of ``quote`` in the original text, or None."""
        needle = normalise(quote)
        if not needle:
            return None
        index = self.text.find(needle)
        if index < 0:
            return None
        end = index + len(needle)
        original_end = self._origin[end] if end < len(self._origin) else self._length
        return Span(self._origin[index], original_end)


def normalise(text: str) -> str:
    """Fold typographic quotes and dashes to ASCII and collapse runs of whitespace."""
    return _SPACE.sub(" ", text.translate(_FOLD)).strip()
