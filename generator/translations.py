"""The message catalogues: every word of ours a reader sees, in the site's language (``theme.language``).

The words live in the templates (``{% trans %}``, ``_()``) and in the few render modules that build text in
Python (``gettext``); ``pybabel extract`` collects them into ``site_templates/locales/messages.pot`` and each
language has its catalogue, ``locales/<language>/LC_MESSAGES/messages.po`` (README, "The site's language, and
adding a language").
The ``.po`` is compiled in memory at build time, so no ``.mo`` file can lag behind its ``.po``. A project's
catalogue comes first (``overrides/site_templates/locales/``, then ``site_templates/locales/``), then the
package's: a newsroom adds a language with one file and no template override.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from generator.errors import ConfigError
from generator.numbers import plain_decimal
from generator.packaged import packaged_templates, template_roots

# The generated pages give their headings ids that do not change with the language (render.heading: "## Figures
# { #figures }" for an engine that converts Markdown), so that every link to them holds on a site in any language:
# the attr_list extension reads them (mkdocs/assets.use_heading_ids, zensical/engine.zensical_config).
HEADING_IDS = "attr_list"
LOCALES = "locales"
DOMAIN = "messages"


@dataclass(frozen=True)
class Language:
    """The site's language: its catalogue, and Babel's locale for dates, numbers and the writing direction."""

    tag: str  # the BCP 47 tag of theme.language, e.g. "en", "ur", "pt-BR"
    translations: Translations
    locale: Locale

    @property
    def direction(self) -> str:
        """ "rtl" for a language written right to left (Urdu, Arabic), else "ltr"."""
        return direction(self.tag)

    def dir_attr(self, text: str) -> str:
        """' dir="rtl"' (or ltr) for an element holding ``text`` when it runs in the other direction than the
        site's: it is then isolated and reads in order (an Urdu name on an English page); else ""."""
        found = text_direction(text)
        return f' dir="{found}"' if found and found != self.direction else ""

    @property
    def has_article(self) -> bool:
        """Whether a name takes an article in this language ("the essay by ..."); Urdu has none."""
        return self.gettext("the %(name)s") != "%(name)s"

    def gettext(self, message: str) -> str:
        """``message`` in the site's language."""
        return self.translations.gettext(message)

    def date(self, value: str) -> str:
        """A validated date in words: '2026-01-31' -> '31 January 2026'; '2026-01' -> 'January 2026'; '2026'.

        The patterns are messages ("d MMMM y", "MMMM y"), so each catalogue orders day, month and year; Babel
        gives the month's name and the digits of the locale."""
        parts = [int(part) for part in value.split("-")]
        if len(parts) == 3:
            return format_date(date(*parts), self.gettext("d MMMM y"), locale=self.locale)
        if len(parts) == 2:
            return format_date(date(parts[0], parts[1], 1), self.gettext("MMMM y"), locale=self.locale)
        return self.number(parts[0])

    def number(self, value: float) -> str:
        """A number in the locale's digits and decimal sign, as typed: no grouping, no rounding."""
        return format_decimal(Decimal(plain_decimal(value)), "0.###############", locale=self.locale)


def text_direction(text: str) -> str | None:
    """The direction of ``text``'s first letter that has one (Unicode's bidi class): "ltr", "rtl" or None."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


@cache  # asked for every name, title and quote a page isolates (Language.dir_attr): Babel parses the tag once
def direction(tag: str) -> str:
    """The writing direction of a language tag: "rtl" or "ltr" (an unknown language: "ltr")."""
    try:
        return "rtl" if Locale.parse(tag, sep="-").character_order == "right-to-left" else "ltr"
    except (ValueError, UnknownLocaleError):
        return "ltr"


def english() -> Language:
    """The package's English: the words of a caller that names no language (tests, a bare render)."""
    return language(None, "en")


def catalogue_file(root: Path | None, tag: str) -> Path | None:
    """The first catalogue of ``tag`` (or of its language without the region: pt-BR, then pt) in the project's
    template folders, then the package's (only the package's without ``root``); None when there is none."""
    names = [tag.replace("-", "_"), tag.split("-")[0]]
    for folder in template_roots(root) if root else [packaged_templates()]:
        for name in names:
            path = folder / LOCALES / name / "LC_MESSAGES" / f"{DOMAIN}.po"
            if path.is_file():
                return path
    return None


def language(root: Path | None, tag: str) -> Language:
    """The site's language from its catalogue; a ConfigError when the language has none or it cannot be read."""
    path = catalogue_file(root, tag)
    if path is None:
        raise ConfigError(
            f"mkdocs.yml: theme.language: {tag!r} has no message catalogue; add "
            f"site_templates/{LOCALES}/{tag.replace('-', '_')}/LC_MESSAGES/{DOMAIN}.po "
            '(README, "The site\'s language, and adding a language"), or set a language the tool ships: en, ur'
        )
    try:
        locale = Locale.parse(tag, sep="-")
    except (ValueError, UnknownLocaleError) as exc:
        raise ConfigError(f"mkdocs.yml: theme.language: {tag!r}: {exc}") from None
    return Language(tag, _compiled(path, path.stat().st_mtime_ns), locale)


@cache
def _compiled(path: Path, _mtime: int) -> Translations:
    """The catalogue at ``path`` compiled in memory (``pybabel compile`` without the file); cached per version."""
    try:
        with path.open("rb") as po:
            catalogue = read_po(po, abort_invalid=True)
    except Exception as exc:  # babel raises PoFileError, or a UnicodeDecodeError on bad bytes
        raise ConfigError(f"{path}: not a readable message catalogue: {exc}") from None
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


_TRANS = re.compile(r"\{%-?\s*trans(?:\s+(\w+)\s*=\s*(.+?))?\s*-?%\}(.*?)\{%-?\s*endtrans\s*-?%\}", re.DOTALL)
_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def translate_template(text: str, words: Language) -> str:
    """A theme template with each ``{% trans %}`` block replaced by its words in ``words``' language, for an
    engine whose templates have no i18n extension (Zensical's). A block may name one value
    (``{% trans about='about.html' | url %}...{{ about }}...{% endtrans %}``): it is written back as ``{{ ... }}``."""

    def replace(match: re.Match[str]) -> str:
        name, expression, body = match.groups()
        message = _PLACEHOLDER.sub(lambda m: f"%({m.group(1)})s", body.replace("%", "%%"))
        said = words.gettext(message)
        value = f"{{{{ {expression.strip()} }}}}" if name else ""
        return said.replace(f"%({name})s", value).replace("%%", "%") if name else said.replace("%%", "%")

    return _TRANS.sub(replace, text)
