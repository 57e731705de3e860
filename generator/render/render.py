"""Render the validated content to pages through the Jinja2 templates. No I/O but reading templates."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any, cast

import jinja2
import jinja2.meta
from markupsafe import Markup, escape

from generator.check import refs
from generator.errors import TemplateFailed
from generator.history import FileDates
from generator.model import Claim, Content, Correction, Source
from generator.packaged import OVERRIDES, template_dirs
from generator.render import masthead
from generator.render.card import claim_card
from generator.render.chart import Bar, bar_chart
from generator.render.compiled import COMPILED
from generator.render.feed import render_feed
from generator.render.fragments import Fragments, per_claim
from generator.render.frontmatter import scalar, with_toc
from generator.render.highlight import Anchor, highlight
from generator.render.navigation import neighbours, topic_groups
from generator.render.pages import (
    CARD,
    DATA,
    FEED_PAGE,
    REDIRECT,
    Output,
    Page,
    card_path,
    claim_page,
    href,
    html_path,
    site_pages,
    source_path,
)
from generator.render.prose import inline, prose, text_only
from generator.render.readable import figure_words
from generator.render.redirects import redirect_page
from generator.render.selection import selection
from generator.render.structured import ClaimsJson, Publisher, claim_review, export_json
from generator.settings import SiteInfo
from generator.translations import Language, direction, english

TEMPLATES = "site_templates"


def make_env(root: Path, language: Language | None = None, html: bool = False) -> jinja2.Environment:
    """The one Jinja2 environment: overrides, the project's templates, the package's; StrictUndefined, autoescape;
    the words of the site's language (``{% trans %}``, ``_()``: translations.py), English when not given.

    ``html``: the pages are for an engine that takes finished HTML (MkDocs through our plugin): a template that
    declares ``finished_html`` writes its headings as HTML, and its page carries its table of contents
    (``heading``). Otherwise (Zensical, ``generator render``) headings are Markdown, for the engine's own toc."""
    language = language or english()
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(folder) for folder in template_dirs(root)])
    env = jinja2.Environment(
        extensions=["jinja2.ext.i18n"],
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=COMPILED,
    )
    env.filters.update(
        prose=_prose,
        inline=_inline,
        plain=_plain,
        text=_text,
        capitalize_first=capitalize_first,
        human_date=language.date,
        figure_words=partial(figure_words, language=language),
        dir_attr=lambda text: Markup(language.dir_attr(str(text))),
        isolate=partial(isolate, language=language),
        number=language.number,
        after_the=lambda name: refs.after_the(name) if language.has_article else name,
        front_matter=lambda text: Markup(scalar(str(text))),
    )
    env.globals.update(
        quote_anchor=quote_anchor,
        url_for=_url_for,
        report_url=_report_url,
        language=language,
        direction=direction,
        heading=_heading,
        html_pages=html,
        overridden_templates=_overridden(root),
        template_closures={},
        per_claim=per_claim,  # a row of one claim, kept across a preview's renders (fragments.py)
        fragments=Fragments(),  # a clean build's: every row rendered; a preview's render puts its own
    )
    env.install_gettext_translations(language.translations, newstyle=True)  # type: ignore[attr-defined]
    _remember_messages(env)
    return env


def _remember_messages(env: jinja2.Environment) -> None:
    """Each message without variables (``_("Source")``, a ``{% trans %}`` without any) translated and escaped
    once per environment, not on every one of the thousands of times the pages ask for it; a message with
    variables, as Jinja's newstyle gettext gives it. ``_`` calls it directly, not through the context."""
    translate = env.globals["gettext"]
    assert callable(translate)  # install_gettext_translations put it there
    known: dict[tuple[str, bool], str] = {}

    @jinja2.pass_context
    def gettext(context: jinja2.runtime.Context, message: str, **variables: Any) -> str:
        if variables:
            return cast(str, translate(context, message, **variables))  # Markup, when autoescaping
        key = (message, context.eval_ctx.autoescape)
        if key not in known:
            known[key] = translate(context, message)
        return known[key]

    env.globals.update(gettext=gettext, _=gettext)


@jinja2.pass_context
def _url_for(context: jinja2.runtime.Context, target: Claim | Source | str, anchor: str = "") -> str:
    """A link from the page being rendered to a claim, a source or a docs path ("matrix.md"), relative."""
    return href(context["page"].path, target, anchor)


def _overridden(root: Path) -> frozenset[str]:
    """The page templates the project overrides (``overrides/site_templates/pages/``), by template name."""
    folder = root / OVERRIDES / "pages"
    return (
        frozenset(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        if folder.is_dir()
        else frozenset()
    )


def _uses_an_override(env: jinja2.Environment, name: str) -> bool:
    """Whether the template ``name``, or one it extends, imports or includes, is one the project overrides."""
    overridden = env.globals["overridden_templates"]
    closures = env.globals["template_closures"]
    assert isinstance(overridden, frozenset) and isinstance(closures, dict)  # make_env put them there
    if not overridden:
        return False
    if name not in closures:
        closures[name] = False  # a template that imports itself
        assert env.loader is not None
        source = env.loader.get_source(env, name)[0]
        used = jinja2.meta.find_referenced_templates(env.parse(source))
        closures[name] = name in overridden or any(
            other is None or _uses_an_override(env, other)
            for other in used  # None: a name known only then
        )
    return bool(closures[name])


@jinja2.pass_context
def _heading(context: jinja2.runtime.Context, anchor: str, title: str) -> Markup:
    """A section heading (h2) of the page's table of contents, written as the page is written.

    In a page of finished HTML: ``<h2 id="anchor">title</h2>``, recorded for the page's table of contents (the
    title as Python-Markdown's toc gives it: the escaped text; headings hold no tags). Otherwise the Markdown
    heading the engine's toc extension reads, ``## title { #anchor }``, and the blank line Markdown needs after it.
    """
    text = escape(title)
    if context["html_pages"] and context.get("finished_html"):
        context["headings"].append((2, anchor, str(text)))
        return Markup(f'<h2 id="{escape(anchor)}">{text}</h2>')
    return Markup(f"## {text} {{ #{escape(anchor)} }}\n")


@jinja2.pass_context
def _report_url(context: jinja2.runtime.Context, title: str) -> str | None:
    """Where to report an error on the page being rendered (titled ``title``, as HTML), the page filled in."""
    site, path = context["site"], html_path(context["page"].path)
    address = f"{site.url}{path}" if site.url else path
    return masthead.report_url(context["content"].masthead, site.repository, address, Markup(title).unescape())


@jinja2.pass_context
def _prose(context: jinja2.runtime.Context, text: str) -> Markup:
    """Editor prose as safe HTML, each {source-id} a link to the source named."""
    return prose(refs.linked(text, context["sources"], partial(href, context["page"].path), context["language"]))


@jinja2.pass_context
def _inline(context: jinja2.runtime.Context, text: str) -> Markup:
    """Like _prose, for one line."""
    return inline(refs.linked(text, context["sources"], partial(href, context["page"].path), context["language"]))


@jinja2.pass_context
def _plain(context: jinja2.runtime.Context, text: str) -> str:
    """Editor text with each {source-id} replaced by the source's name, unlinked (titles, labels)."""
    return refs.plain(text, context["sources"], words=context["language"])


@jinja2.pass_context
def _text(context: jinja2.runtime.Context, text: str) -> str:
    """Editor text as plain text, names for {source-id} and no Markdown (page descriptions, feed summaries)."""
    return text_only(refs.plain(text, context["sources"], markdown=True, words=context["language"]))


def isolate(text: str, language: Language) -> Markup:
    """``text`` (escaped) in a <bdi> when it runs in the other direction than the site's language, so that a
    name or a title reads in order inside a sentence (an English name on an Urdu page); else as it is."""
    attribute = language.dir_attr(str(text))
    return Markup(f"<bdi>{escape(text)}</bdi>" if attribute else escape(text))


def capitalize_first(text: str) -> str:
    """The text with its first letter upper-cased and the rest untouched (Jinja's capitalize lowers the rest)."""
    return text[:1].upper() + text[1:]


def render_site(
    content: Content,
    env: jinja2.Environment,
    site: SiteInfo,
    history: Mapping[str, FileDates] | None = None,
    reuse: Callable[[Page], Output | None] | None = None,
    claims_json: ClaimsJson | None = None,
    hold: Callable[[Output], Output] | None = None,
) -> dict[str, Output]:
    """Every generated file, as {path inside the docs folder: text}, in a stable order.

    ``history`` gives the git dates of content files (history.file_dates); no page shows them any more: the
    dates readers see come from the content (``published``, the corrections entries).
    ``reuse`` may give a page's text from an earlier render instead (incremental.py), or None to render it;
    ``claims_json``, each claim's JSON from the last render (structured.export_json), kept up to date.
    ``hold``: how each file is kept once made (a build's: pages.held, its texts as UTF-8).
    """
    try:
        return _render_all(content, env, site, history or {}, reuse or _render_every, claims_json, hold or _as_made)
    except jinja2.TemplateError as exc:
        raise TemplateFailed(_describe(exc)) from None


def _describe(exc: jinja2.TemplateError) -> str:
    """Name the template and line of a template error (the innermost frame in site_templates)."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"template {exc.name}, line {exc.lineno}: {exc.message}"
    frames = traceback.extract_tb(exc.__traceback__)
    where = next((f for f in reversed(frames) if f.filename.endswith(".md")), None)
    place = f"template {Path(where.filename).name}, line {where.lineno}: " if where else ""
    return f"{place}{exc}"


def _render_every(page: Page) -> None:
    return None


def _as_made(output: Output) -> Output:
    return output


def _render_all(
    content: Content,
    env: jinja2.Environment,
    site: SiteInfo,
    history: Mapping[str, FileDates],
    reuse: Callable[[Page], Output | None],
    claims_json: ClaimsJson | None,
    hold: Callable[[Output], Output],
) -> dict[str, Output]:
    language = env.globals["language"]
    assert isinstance(language, Language)  # make_env put it there
    common = {**_common(content, site, history, language), "claims_json": claims_json}
    pages: dict[str, Output] = {}
    for page in site_pages(content):
        text = reuse(page)
        pages[page.path] = hold(render_page(page, env, common) if text is None else text)
    return pages


def render_page(page: Page, env: jinja2.Environment, common: dict[str, Any]) -> Output:
    """One page: its template with the site-wide variables, its own, and those its kind computes (_EXTRAS)."""
    if page.template == CARD:
        claim = page.context["claim"]  # drawn as it is written, or while the build renders (card.social_cards)
        return claim_card(claim, common["verdicts"][claim.verdict], common["site"], common["language"])
    if page.template == DATA:
        return export_json(common["content"], common["claims_json"])
    if page.template == FEED_PAGE:
        return render_feed(common["content"], common["site"], common["history"], common["language"])
    if page.template == REDIRECT and "source" in page.context:
        source = page.context["source"]
        address = html_path(source_path(source.id))
        return redirect_page(address, source.name, common["site"], common["language"], "source")
    if page.template == REDIRECT:
        claim = page.context["claim"]
        title = text_only(refs.plain(claim.headline, common["sources"], markdown=True, words=common["language"]))
        return redirect_page(claim_page(claim.id), title, common["site"], common["language"])
    extra = _EXTRAS[page.template](page, common) if page.template in _EXTRAS else {}
    template = env.get_template(page.template)
    headings: list[tuple[int, str, str]] = []
    # A page from a template the project overrides may write Markdown: MkDocs converts it as ever.
    html = bool(env.globals["html_pages"]) and not _uses_an_override(env, page.template)
    own = {"headings": headings, "html_pages": html}
    context = template.new_context({"page": page, **common, **page.context, **extra, **own})
    try:
        text = env.concat(template.root_render_func(context))
    except Exception:
        env.handle_exception()  # as Template.render: the traceback names the template's lines (_describe)
    if html and context.get("finished_html"):  # the template declares it: see with_toc
        return with_toc(text, headings)
    return text


def _common(content: Content, site: SiteInfo, history: Mapping[str, FileDates], language: Language) -> dict[str, Any]:
    groups = topic_groups(content)
    return {
        "language": language,  # the site's words, dates and numbers (translations.py)
        "groups": groups,
        "ordered": [claim for _, members in groups for claim in members],  # by topic, then importance
        "neighbours": neighbours(groups),
        "content": content,
        "history": history,
        "corrections": _corrections(content),
        "site": site,
        "publisher": masthead.publisher(content.masthead, site.repository),  # None until publisher.yaml names one
        "verdicts": {v.id: v for v in content.verdicts},
        "topics": {t.id: t for t in content.topics},
        "sources": {s.id: s for s in content.sources},
        "claims": {c.id: c for c in content.claims},
        "anchors": _anchors_by_source(content, language),  # each source's quotes, for its page
    }


def _corrections(content: Content) -> list[tuple[Claim, Correction]]:
    """Every correction and update made after publication, newest first (claims in id order within a day)."""
    entries = [(claim, item) for claim in content.claims for item in content.corrections_of(claim)]
    return sorted(entries, key=lambda entry: entry[1].date, reverse=True)


def _claim_extras(page: Page, common: dict[str, Any]) -> dict[str, Any]:
    """A claim page's ClaimReview, publication dates, its log split at publication and a chart per unit."""
    claim, site, content = page.context["claim"], common["site"], common["content"]
    address = claim_page(claim.id)
    page_url = f"{site.url.rstrip('/')}/{address}" if site.url else address
    published, log = content.published_on(claim), content.corrections_of(claim)
    publisher = common["publisher"] or Publisher(site.name)
    review = claim_review(claim, content, page_url, publisher, published, common["language"])
    title = common["language"].gettext("Figures for %(unit)s, in order of date")
    charts = [(unit, bar_chart(title % {"unit": unit}, bars)) for unit, bars in _bars(claim, common)]
    return {
        "review": review,
        "card": card_path(claim.id),  # the social card's path in the site (its og:image)
        "charts": charts,
        "published": published,  # None before publication: the page says nothing of it
        "address": page_url if site.url else None,  # the page's public address; None: the reader's own (JS)
        "updated": max((item.date for item in log), default=None),  # the latest correction or update
        "log": log,  # corrections and updates since publication
        "drafts": content.history_of(claim),  # entries dated before publication: editing history
        "claimant_in_claim": names_its_claimant(claim),  # the card then leaves out "Claimed by"
    }


def names_its_claimant(claim: Claim) -> bool:
    """Whether the claim's own sentence names every source its claimant names ("Claimed by" would repeat it)."""
    named = set(refs.REF.findall(claim.claimant))
    return bool(named) and named <= set(refs.REF.findall(claim.claim))


def _source_extras(page: Page, common: dict[str, Any]) -> dict[str, Any]:
    """A source's full text with every quote marked, each linking back to its claim."""
    source = page.context["source"]
    return {"text": highlight(source.text, common["anchors"][source.id])}


def _methodology_extras(page: Page, common: dict[str, Any]) -> dict[str, Any]:
    """The selection tables, counted from the claims' positions."""
    return {"selection": selection(common["content"])}


_EXTRAS = {"claim.md": _claim_extras, "source.md": _source_extras, "methodology.md": _methodology_extras}


def quote_anchor(claim: Claim, number: int) -> str:
    """The id of a quote's place on its source page."""
    return f"q-{claim.id}-{number}"


def _anchors_by_source(content: Content, language: Language) -> dict[str, list[Anchor]]:
    anchors: dict[str, list[Anchor]] = {s.id: [] for s in content.sources}
    sources = {s.id: s for s in content.sources}
    for claim in content.listed:  # a withdrawn claim's quotes are no longer marked in the texts
        for position in claim.positions:
            for number, quote in enumerate(position.quotes):
                back = href(source_path(position.source), claim, f"pos-{position.source}")
                text = refs.plain(claim.headline, sources, words=language)
                label = language.gettext("Back to the claim: %(claim)s") % {"claim": text}
                anchor = Anchor(quote_anchor(claim, number), quote.start, quote.end, back, label, text)
                anchors[position.source].append(anchor)
    return anchors


def _bars(claim: Claim, common: dict[str, Any]) -> list[tuple[str, list[Bar]]]:
    """A chart per unit that at least two figures share, its bars in date order (undated last; sorted() keeps
    the sources' order on ties). A lone figure compares with nothing: it stays in its position, without a chart."""
    by_unit: dict[str, list[Bar]] = {}
    language: Language = common["language"]
    for source_id, figure in sorted(claim.figures, key=lambda item: (item[1].date is None, item[1].date or "")):
        when = language.gettext("undated in the source")
        if figure.date and figure.date_role == "reported":
            when = language.gettext("reported %(date)s") % {"date": language.date(figure.date)}
        elif figure.date and figure.date_role:
            when = language.gettext("refers to %(date)s") % {"date": language.date(figure.date)}
        by = refs.plain(figure.attributed_to, common["sources"], words=language)
        shown, name = figure_words(figure, language), common["sources"][source_id].name
        isolated = bool(language.dir_attr(name))
        bar = Bar(name, when, figure.value, shown, figure.qualifier in _OPEN, by, isolated)
        by_unit.setdefault(figure.unit, []).append(bar)
    return [(unit, bars) for unit, bars in by_unit.items() if len(bars) > 1]


_OPEN = ("at-least", "more-than")  # lower bounds: drawn with an open end
