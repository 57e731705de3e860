"""The site's own words in the site's language: message catalogues, dates and numbers by Babel, directions."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from conftest import DESK, edit
from test_urdu import FIRST, urdu_alpha

from generator.check.validate import check_project
from generator.errors import ConfigError
from generator.render.render import SiteInfo, make_env, render_site
from generator.translations import english, language, translate_template

REPO = Path(__file__).resolve().parent.parent
LOCALES = REPO / "site_templates" / "locales"
SHIPPED = ("en", "ur")
Make = Callable[..., Path]
_PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")
_MONTHS = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b")


def _catalogue(path: Path) -> Catalog:
    with path.open("rb") as po:
        return read_po(po)


def _ids(catalogue: Catalog) -> set[Any]:
    return {message.id for message in catalogue if message.id}


# --- the catalogues -----------------------------------------------------------------------------------------------


def test_the_template_holds_every_message_of_the_templates_and_the_code() -> None:
    """messages.pot is what `pybabel extract -F babel.cfg` finds now: a new word cannot skip the catalogues."""
    method_map, options_map = _babel_config(REPO / "babel.cfg")
    found = {message for _, _, message, *_ in extract_from_dir(str(REPO), method_map, options_map)}
    assert _ids(_catalogue(LOCALES / "messages.pot")) == found


@pytest.mark.parametrize("tag", SHIPPED)
def test_every_shipped_catalogue_translates_every_message(tag: str) -> None:
    template = _ids(_catalogue(LOCALES / "messages.pot"))
    catalogue = _catalogue(LOCALES / tag / "LC_MESSAGES" / "messages.po")
    strings = {message.id: message for message in catalogue if message.id}
    assert set(strings) == template, "pybabel update -i site_templates/locales/messages.pot -d site_templates/locales"
    untranslated = [key for key, message in strings.items() if message.fuzzy or not _all(message.string)]
    assert untranslated == []


@pytest.mark.parametrize("tag", SHIPPED)
def test_each_translation_keeps_the_placeholders_of_its_message(tag: str) -> None:
    catalogue = _catalogue(LOCALES / tag / "LC_MESSAGES" / "messages.po")
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(_PLACEHOLDER.findall(ids[-1]))
        assert all(sorted(_PLACEHOLDER.findall(s)) == wanted for s in strings), message.id


def test_the_english_catalogue_says_what_the_templates_say() -> None:
    """English is the templates' own words: its catalogue changes none (the pages stay as they were)."""
    catalogue = _catalogue(LOCALES / "en" / "LC_MESSAGES" / "messages.po")
    assert [m.id for m in catalogue if m.id and m.string != m.id] == []


def test_the_urdu_catalogue_is_urdu() -> None:
    """Every Urdu string has Arabic-script letters, except the ones that are only placeholders and punctuation."""
    catalogue = _catalogue(LOCALES / "ur" / "LC_MESSAGES" / "messages.po")
    latin = []
    for message in catalogue:
        for string in message.string if isinstance(message.string, tuple) else (message.string,):
            words = _PLACEHOLDER.sub("", re.sub(r"<[^>]+>|claims\.json|SHA-256|GitHub|[a-zA-Z]+\.[a-z]+", "", string))
            if message.id and re.search(r"[A-Za-z]{3}", words) and message.id not in ("d MMMM y", "MMMM y"):
                latin.append(string)
    assert latin == [] or all(re.search(r"[\u0600-\u06ff]", s) for s in latin)


def _all(string: str | tuple[str, ...]) -> bool:
    return all(string) if isinstance(string, tuple) else bool(string)


def _babel_config(path: Path) -> tuple[list[tuple[str, str]], dict[str, dict[str, str]]]:
    from babel.messages.frontend import parse_mapping_cfg

    with path.open(encoding="utf-8") as config:
        return parse_mapping_cfg(config)


# --- choosing a language ------------------------------------------------------------------------------------------


def test_a_language_without_a_catalogue_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        language(tmp_path, "fr")
    assert str(caught.value) == (
        "mkdocs.yml: theme.language: 'fr' has no message catalogue; add "
        'site_templates/locales/fr/LC_MESSAGES/messages.po (README, "The site\'s language, and adding a language"), '
        "or set a language the tool ships: en, ur"
    )


def test_a_newsroom_adds_a_language_with_one_catalogue(tmp_path: Path) -> None:
    """One file in the project, no template override: its words are used, and Babel's French dates."""
    po = tmp_path / "site_templates" / "locales" / "fr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "Verdict:"\nmsgstr "Verdict :"\n', encoding="utf-8")
    words = language(tmp_path, "fr-CA")  # a region without its own catalogue takes its language's
    assert words.gettext("Verdict:") == "Verdict :"
    assert words.date("2026-02-12") == "12 février 2026"
    assert make_env(tmp_path, words).from_string('{{ _("Verdict:") }}').render() == "Verdict :"


def test_a_project_catalogue_comes_before_the_packaged_one(tmp_path: Path) -> None:
    po = tmp_path / "overrides" / "site_templates" / "locales" / "ur" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Verdict:"\nmsgstr "نتیجہ:"\n', encoding="utf-8")
    assert language(tmp_path, "ur").gettext("Verdict:") == "نتیجہ:"


def test_an_unreadable_catalogue_is_one_error_naming_it(tmp_path: Path) -> None:
    po = tmp_path / "site_templates" / "locales" / "fr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_bytes(b'msgid "a"\nmsgstr "\xff"\n')
    with pytest.raises(ConfigError) as caught:
        language(tmp_path, "fr")
    assert str(caught.value).startswith(f"{po}: not a readable message catalogue: ")


# --- dates, numbers, directions -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "value", "shown"),
    [
        ("en", "2026-02-12", "12 February 2026"),
        ("en", "2026-02", "February 2026"),
        ("en", "2026", "2026"),
        ("ur", "2026-02-12", "12 فروری، 2026"),
        ("ur", "2026-01", "جنوری 2026"),
    ],
)
def test_dates_are_written_by_babel_in_the_sites_language(tag: str, value: str, shown: str) -> None:
    assert language(None, tag).date(value) == shown


def test_numbers_keep_what_was_typed_in_the_locales_signs() -> None:
    assert [english().number(n) for n in (177, 1500, 0.5, 12.25)] == ["177", "1500", "0.5", "12.25"]


@pytest.mark.parametrize(
    ("tag", "text", "attribute"),
    [("en", "Essay by A. Writer", ""), ("en", "سندھ حکومت کا بیان", ' dir="rtl"'), ("ur", "Essay by A. Writer", ' dir="ltr"'),
     ("ur", "سندھ حکومت کا بیان", ""), ("ur", "“14 workers”", ' dir="ltr"'), ("ur", "2026", "")],
)  # fmt: skip
def test_text_in_the_other_direction_is_marked_to_be_isolated(tag: str, text: str, attribute: str) -> None:
    words = language(None, tag)
    assert (words.direction, words.dir_attr(text)) == ("rtl" if tag == "ur" else "ltr", attribute)


# --- an Urdu site -------------------------------------------------------------------------------------------------

ENGLISH_ALPHA = edit("content/sources/alpha.yaml", "kind: opinion", "kind: opinion\n        language: en")


def _urdu(root: Path) -> dict[str, Any]:
    return render_site(
        check_project(root), make_env(REPO, language(None, "ur")), SiteInfo("Desk", None, None, None, "ur")
    )


def _content_strings(root: Path) -> Iterator[str]:
    """Every text an editor wrote or a seed holds: what may stay English on an Urdu page."""
    for path in [*root.glob("content/**/*.yaml"), *root.glob("seeds/*.txt")]:
        text = path.read_text(encoding="utf-8")
        yield from _strings(yaml.safe_load(text)) if path.suffix == ".yaml" else text.splitlines()


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)
    elif isinstance(data, str):
        yield data


def _interface_text(page: str, root: Path) -> str:
    """The page's text without markup, data, file names and addresses, and without anything the content supplies."""
    page = re.sub(r"<script.*?</script>|<code.*?</code>|\{ #[a-z-]+ \}|^og_\w+: [^\n]*$", " ", page, flags=re.S | re.M)
    return without_content(html.unescape(re.sub(r"<[^>]+>", " ", page)), root)


def without_content(text: str, root: Path) -> str:
    """``text`` (a page's text) without addresses, a file name, and anything the content of the project at ``root``
    supplies."""
    text = re.sub(r"\b(?:file|https?|mailto):\S+|claims\.json", " ", text)
    values = sorted({s for v in _content_strings(root) for s in (v, v[:1].upper() + v[1:])}, key=len, reverse=True)
    for value in [v.replace("*", "") for v in values] + values:  # whole texts first (emphasis becomes markup)
        for piece in re.split(r"\{[a-z0-9-]+\}|\*", value):  # then the pieces around references
            if len(piece.strip()) > 2:
                text = text.replace(piece.strip(), " ")
    return text


def _english_fragments() -> set[str]:
    """The English interface words: every message of the catalogue, cut at its placeholders and markup."""
    fragments = set()
    for message in _catalogue(LOCALES / "messages.pot"):
        for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
            for piece in _PLACEHOLDER.split(re.sub(r"<[^>]+>", "|", msgid)):
                for fragment in piece.split("|"):
                    if re.search(r"[A-Za-z]{3}", fragment) and fragment.strip() not in ("claims.json", "SHA-256"):
                        fragments.add(fragment.strip(' .,:;()“”"'))
    return fragments - {"MMMM", "d MMMM"}


def english_interface_words(text: str) -> list[str]:
    """The English words of ours (the catalogue's messages) and the English month names in ``text``."""
    found = [f for f in _english_fragments() if re.search(rf"(?<![A-Za-z]){re.escape(f)}(?![A-Za-z])", text)]
    return sorted(found) + _MONTHS.findall(text)


def test_an_urdu_claim_page_has_no_english_interface_word_and_no_english_month(project: Make) -> None:
    root = project()
    page = _urdu(root)["claims/death-toll.md"]
    assert english_interface_words(_interface_text(page, root)) == []
    assert "فیصلہ:" in page and "1 مارچ، 2026" in page  # the words and dates are Urdu, not blank


def test_no_urdu_page_has_an_english_interface_word(project: Make) -> None:
    """Every generated page of the mini project (with a full publisher.yaml), not only the claim page."""
    root = project({"content/publisher.yaml": DESK})
    pages = {name: str(page) for name, page in _urdu(root).items() if name.endswith(".md")}
    found = {
        name: words for name, page in pages.items() if (words := english_interface_words(_interface_text(page, root)))
    }
    assert found == {}


def test_the_same_page_in_english_is_caught_by_the_same_check(project: Make) -> None:
    """The check above can fail: on the English page it finds the interface words and the months."""
    root = project()
    page = render_site(check_project(root), make_env(REPO), SiteInfo("Desk", None, None))["claims/death-toll.md"]
    found = english_interface_words(_interface_text(page, root))
    assert {"Verdict", "What each source says", "Contradictions", "March"} <= set(found)


def test_an_english_quote_on_an_urdu_page_carries_its_language_and_direction(project: Make) -> None:
    pages = _urdu(project(ENGLISH_ALPHA))
    assert '<p lang="en" dir="ltr">Alpha says 12 people died on 1 March 2026.</p>' in pages["claims/death-toll.md"]
    assert '<div class="fc-seed" lang="en" dir="ltr">' in pages["sources/alpha.md"]
    # An English name inside an Urdu sentence is isolated, so that its words keep their order; so is a figure.
    assert '<a href="../sources/alpha.html" dir="ltr">' in pages["claims/death-toll.md"]
    assert '<td data-label="عدد"><bdi>12 deaths</bdi></td>' in pages["claims/death-toll.md"]
    assert '<p class="fc-chart-label"><bdi>Essay on the attack — the author</bdi>' in pages["claims/death-toll.md"]


def test_an_english_vocabulary_on_an_urdu_page_reads_in_order(project: Make) -> None:
    """The verdicts, stances and topics are content: a newsroom that has not translated them yet shows English
    labels and definitions inside Urdu sentences; each is isolated so its full stop stays at its end."""
    pages = _urdu(project())
    claim, home = pages["claims/death-toll.md"], pages["index.md"]
    assert '<span class="fc-verdict-word">فیصلہ:</span> <bdi>Disputed</bdi></p>' in claim
    assert '<p class="fc-verdict-means"><bdi>Sources conflict.</bdi> <a' in claim
    assert "<dd><bdi>The source states the claim or treats it as true.</bdi></dd>" in claim
    assert '<span class="fc-badge fc-verdict-disputed"><bdi>Disputed</bdi></span>' in home
    assert "<dd><bdi>Sources conflict.</bdi></dd>" in home


def test_an_urdu_quote_on_an_english_page_reads_right_to_left(project: Make) -> None:
    root = project(edit("content/sources/beta.yaml", "kind: news-report", "kind: news-report\n        language: ur"))
    pages = render_site(check_project(root), make_env(REPO), SiteInfo("Desk", None, None))
    assert '<p lang="ur" dir="rtl">Beta reports that 15 people died.</p>' in pages["claims/death-toll.md"]
    assert '<div class="fc-seed" lang="ur" dir="rtl">' in pages["sources/beta.md"]
    assert '<h1 id="source" class="fc-source-title" data-kind="Source" lang="ur" dir="rtl">' in pages["sources/beta.md"]


def test_a_quote_from_a_source_without_a_language_takes_its_texts_direction_on_an_urdu_page(project: Make) -> None:
    """The editor left out `language:` (the mini project's sources have none): the English quote and seed still read
    left to right, marked like an English name; nothing claims a language for them that nobody gave."""
    pages = _urdu(project())
    assert '<p dir="ltr">Alpha says 12 people died on 1 March 2026.</p>' in pages["claims/death-toll.md"]
    assert '<div class="fc-seed" lang="ur" dir="ltr">' in pages["sources/alpha.md"]


def test_an_urdu_quote_from_a_source_without_a_language_reads_right_to_left_on_an_english_page(project: Make) -> None:
    pages = render_site(check_project(project(urdu_alpha(FIRST))), make_env(REPO), SiteInfo("Desk", None, None))
    assert f'<p dir="rtl">{FIRST}</p>' in pages["claims/death-toll.md"]
    assert '<div class="fc-seed" lang="en" dir="rtl">' in pages["sources/alpha.md"]
    # An English quote from a source without a language on an English page is left as it was.
    assert "<p>Beta reports that 15 people died.</p>" in pages["claims/death-toll.md"]


def test_an_urdu_page_puts_no_english_article_before_a_source_name(project: Make) -> None:
    pages = _urdu(project())
    assert not re.search(r"\b[Tt]he <a href=\"\.\./sources/", pages["claims/death-toll.md"])


def test_the_feed_and_a_redirect_speak_the_sites_language(project: Make) -> None:
    pages = _urdu(project())
    assert "<subtitle>نئے، تازہ کردہ، درست کردہ اور واپس لیے گئے دعوے</subtitle>" in str(pages["feed.xml"])
    assert "<summary>فیصلہ: " in str(pages["feed.xml"])


# --- the theme's words under Zensical -----------------------------------------------------------------------------


def test_theme_overrides_are_translated_for_an_engine_without_the_i18n_extension() -> None:
    """Zensical's templates cannot run {% trans %}: the words are written in, the values kept as expressions."""
    source = (REPO / "site_templates/theme/partials/copyright.html").read_text(encoding="utf-8")
    urdu = translate_template(source, language(None, "ur"))
    assert "{% trans" not in urdu and "Spotted an error?" not in urdu
    assert '<a href="{{ config.extra.factcheck_links.about | url }}">اس سائٹ کے بارے میں</a>' in urdu
    english_words = translate_template(source, english())
    assert "<strong>Spotted an error?</strong>" in english_words
    assert (
        'Every claim, as data: <a href="{{ config.extra.factcheck_links.data | url }}">claims.json</a>.'
        in english_words
    )


def test_the_previews_error_banner_speaks_the_sites_language(tmp_path: Path) -> None:
    from generator.mkdocs.preview import Preview

    page = str(
        Preview().pages_with_errors(["content/claims/x.yaml:1:1: broken"], tmp_path, language(None, "ur"))["index.md"]
    )
    assert page.startswith('---\ntitle: "مواد کی جانچ ناکام رہی"\n---\n')
    assert '<p class="admonition-title">مواد کی جانچ ناکام رہی</p>' in page
    assert "<pre>content/claims/x.yaml:1:1: broken</pre>" in page  # the check's own words stay as they are
