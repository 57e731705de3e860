"""Find verbatim quotes in seed texts, normalising only typography, whitespace and Unicode composition.

Both sides are compared in Unicode's composed form (NFC): a quote copied as decomposed text (NFD, as macOS
writes it) is found in a composed seed, and the other way round. The direction marks (U+200E, U+200F,
U+061C), which are invisible and which web pages add or drop around right-to-left text, and the soft
hyphen (U+00AD), which news sites put inside long words, are not compared.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

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
_MARKS = re.compile("[\u200e\u200f\u061c\u00ad]")  # direction marks and the soft hyphen: not compared


@dataclass(frozen=True)
class Span:
    """Where a quote sits in the original seed text: [start, end) character offsets."""

    start: int
    end: int


class NormalisedText:
    """A seed text folded for comparison, with a map back to original offsets."""

    def __init__(self, text: str) -> None:
        usual = unicodedata.is_normalized("NFC", text) and not _MARKS.search(text)  # then one character to one
        chars, origin = _one_to_one(text) if usual else _composed(text)
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


@lru_cache(maxsize=16)
def normalised(text: str) -> NormalisedText:
    """The seed ``text`` folded for comparison, once while it is unchanged (a preview's rebuilds, the tests)."""
    return NormalisedText(text)


def _one_to_one(text: str) -> tuple[list[str], list[int]]:
    """The folded characters of a composed ``text`` without direction marks, and each one's offset in it."""
    chars, origin = [], []
    for match in re.finditer(r"\s+|\S", text.translate(_FOLD)):
        chars.append(" " if match.group().isspace() else match.group())
        origin.append(match.start())
    return chars, origin


def _composed(text: str) -> tuple[list[str], list[int]]:
    """Like _one_to_one for any text: a piece that composition changed maps to the piece's start."""
    chars: list[str] = []
    origin: list[int] = []
    for start, segment in _segments(text):
        folded = " " if segment.isspace() else _fold(segment)
        chars.extend(folded)
        same = len(folded) == len(segment)
        origin.extend(start + offset if same else start for offset in range(len(folded)))
    return chars, origin


def normalise(text: str) -> str:
    """Compose (NFC), fold typographic quotes and dashes to ASCII, drop direction marks, collapse whitespace."""
    return _SPACE.sub(" ", _fold(text)).strip()


def _fold(text: str) -> str:
    return _MARKS.sub("", unicodedata.normalize("NFC", text)).translate(_FOLD)


def _segments(text: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each run of whitespace and each character with the marks that follow it: the pieces
    that composition (NFC) never joins across, so that every composed character maps back to its place."""
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or _starts_piece(text[index - 1], text[index]):
            yield start, text[start:index]
            start = index


def _starts_piece(before: str, char: str) -> bool:
    if char.isspace() or before.isspace():
        return not (char.isspace() and before.isspace())
    joins = unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Mc", "Me")
    return not (joins or "\u1160" <= char <= "\u11ff")  # Hangul vowels and finals compose with what precedes
