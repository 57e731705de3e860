"""Words readers see in place of data: dates and figures in words, in the site's language (translations.Language)."""

from __future__ import annotations

from generator.model import Figure
from generator.translations import Language, english


def human_date(value: str, language: Language | None = None) -> str:
    """'2026-01-31' -> '31 January 2026'; '2026-01' -> 'January 2026'; '2026' stays (dates are validated).

    In ``language``'s words and order (English without one), by Babel from the catalogue's date patterns."""
    return (language or english()).date(value)


def figure_words(figure: Figure, language: Language) -> str:
    """The number with its qualifier, in the site's words and digits: '177', 'more than 100'."""
    number = language.number(figure.value)
    if figure.qualifier == "at-least":
        return language.gettext("at least %(number)s") % {"number": number}
    if figure.qualifier == "more-than":
        return language.gettext("more than %(number)s") % {"number": number}
    if figure.qualifier == "about":
        return language.gettext("about %(number)s") % {"number": number}
    return number
