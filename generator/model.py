"""The content model: frozen dataclasses built from validated YAML. Field comments say what editors write."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

from generator.document import Document
from generator.numbers import plain_decimal

_QUALIFIERS = {"exact": "", "at-least": "at least ", "more-than": "more than ", "about": "about "}


@dataclass(frozen=True)
class Rule:
    """One condition a verdict's claims must meet (content/verdicts.yaml), applied by rules.py."""

    id: str  # slug named in check errors
    says: str  # the rule in one line, printed on the methodology page
    test: str  # which test of rules.py applies
    min: int | None = None  # lower bound, for tests that count
    max: int | None = None  # upper bound, for addressed-by
    stances: tuple[str, ...] = ()  # for no-stance


@dataclass(frozen=True)
class Verdict:
    """One step of the verdict scale (content/verdicts.yaml)."""

    id: str  # slug that claims use
    label: str  # short label shown on badges
    definition: str  # what the verdict says about the evidence
    order: int  # 1 is the best-supported state of the evidence
    rules: tuple[Rule, ...] = ()  # conditions every claim with this verdict meets
    unrated: bool = False  # not a point on the scale: ClaimReview gives no numeric rating
    short: str | None = None  # the definition in one line, in the verdict box beside "How we rate"
    colour: str | None = None  # "#rrggbb": its badges and box (white text on it); None: a neutral grey


# The stances the code names by id (check/rules.py, check/crosscheck.py, render/selection.py, newsroom/scaffold.py,
# the claim schema's "silent"): content/stances.yaml must keep them (crosscheck.py says so). The others are data only.
SUPPORTS, DISPUTES, REPORTS_ONLY, SILENT = "supports", "disputes", "reports-only", "silent"
NAMED_STANCES = (SUPPORTS, DISPUTES, REPORTS_ONLY, SILENT)


@dataclass(frozen=True)
class Stance:
    """A stance a source can take on a claim (content/stances.yaml)."""

    id: str  # slug that positions use
    label: str  # shown on claim, source and matrix pages
    definition: str  # what it means, printed on the methodology page
    order: int  # place in the list on the methodology page and in check messages
    appears: bool = False  # the source states or relays the claim: ClaimReview lists it as an appearance
    short: str | None = None  # what it means in one line, in the key by "At a glance"


@dataclass(frozen=True)
class Term:
    """An entry of a vocabulary an edition declares: a party (content/parties.yaml) or a source kind
    (content/source-kinds.yaml)."""

    id: str  # slug that positions (relays) or sources (kind) use
    label: str  # shown to readers instead of the id
    definition: str  # what it means, printed on the methodology page


@dataclass(frozen=True)
class Topic:
    """A topic that groups claims on the index (content/topics.yaml)."""

    id: str  # slug that claims use
    label: str  # label shown to readers


@dataclass(frozen=True)
class DateNote:
    """A date and what happened on it."""

    date: str  # YYYY-MM-DD, YYYY-MM or YYYY
    what: str  # what the date is


@dataclass(frozen=True)
class Reference:
    """A reference exactly as a source lists it."""

    text: str  # the reference line, verbatim
    url: str | None  # the URL the source gives, if any


@dataclass(frozen=True)
class Publication:
    """Where and when a source text was published (content/sources/<id>.yaml ``publication``); None: not known."""

    outlet: str | None  # the outlet or platform that published it
    url: str | None  # its address
    published: str | None  # the date it was published: YYYY-MM-DD, YYYY-MM or YYYY
    retrieved: str | None  # the day it was retrieved for the site
    archive: str | None  # the address of an archived copy
    reproduction: str | None  # the basis on which the site reproduces the full text
    unknown_reason: str | None = None  # why the fields that are None are not known, shown to readers

    @property
    def unknown(self) -> bool:
        """Whether any detail is not known."""
        fields = (self.outlet, self.url, self.published, self.retrieved, self.archive, self.reproduction)
        return any(value is None for value in fields)


@dataclass(frozen=True)
class Source:
    """One source text (content/sources/<id>.yaml) and its verbatim seed."""

    id: str  # slug, equal to the file name; never shown to readers
    name: str  # display name: kind + "by" author where signed, else kind + "on" a neutral subject
    title: str  # the headline, or a neutral descriptive title
    title_kind: str  # headline | descriptive
    author: str | None  # only where the text names one
    kind: str  # a kind id from content/source-kinds.yaml (opinion, explainer, news-report...)
    outlook: str  # its stance in one neutral phrase, parallel for every source
    framing: str  # a fair paragraph on how the piece frames the events
    dates: tuple[DateNote, ...]  # dates the text mentions
    references: tuple[Reference, ...]  # references the text lists
    seed: str  # file name under seeds/
    sha256: str  # checked against the seed file
    text: str = field(repr=False)  # the seed text itself
    doc: Document = field(repr=False, compare=False)
    language: str | None = None  # BCP 47 tag of the text's language; None: the site's language
    publication: Publication | None = None  # where and when it was published (None only in models built by hand)
    kind_label: str | None = None  # the kind's label in content/source-kinds.yaml
    aliases: tuple[str, ...] = ()  # former ids: their old addresses redirect to this source's page

    @property
    def label(self) -> str:
        """The parallel label every source gets: kind of text, signed or not, outlook."""
        kind = self.kind_label or self.kind.replace("-", " ").capitalize()
        signed = f"signed by {self.author}" if self.author else "unsigned"
        return f"{kind}, {signed}; {self.outlook}"


@dataclass(frozen=True)
class Quote:
    """A verbatim passage of a source, with where it stands in the seed text."""

    text: str  # as the editor wrote it
    start: int  # character offset of the passage in the seed text
    end: int  # end offset (exclusive)
    voice: str | None = None  # None: the source's own words; else embedded-post, listed-headline, reported-speech
    of: str | None = None  # whose post, report or speech, when voice is set
    source: str | None = None  # the source it is from, for quotes outside a position (explanations)


@dataclass(frozen=True)
class Figure:
    """A number a source gives for a numeric claim."""

    value: float  # the number as given
    qualifier: str  # exact, at-least, more-than or about
    unit: str  # what is counted
    counts: str  # exactly what the figure covers
    date: str | None  # date it refers to or was reported on, if the source gives one
    date_role: str | None  # reported | refers-to
    attributed_to: str  # whom the source attributes it to
    period: str | None = None  # the period it covers, as the source states it

    @property
    def in_words(self) -> str:
        """The number with its qualifier: '177', 'more than 100'."""
        return f"{_QUALIFIERS[self.qualifier]}{plain_decimal(self.value)}"


@dataclass(frozen=True)
class Position:
    """What one source says about a claim."""

    source: str  # source id
    stance: str  # stance id from content/stances.yaml: supports, disputes, qualifies, reports-only, silent
    note: str  # what the source says, in a sentence or two
    quotes: tuple[Quote, ...]  # verbatim passages
    figures: tuple[Figure, ...]  # numbers it gives, for numeric claims
    relays: str | None = None  # a party id (content/parties.yaml), when the position rests on that party's account
    answer: str | None = None  # on a judgement claim: the source's answer in its own terms, shown for the stance


@dataclass(frozen=True)
class Contradiction:
    """Where sources contradict each other on a claim."""

    between: tuple[str, ...]  # source ids (one, for kind internal)
    kind: str  # numeric, factual, timing, framing, attribution, internal
    about: str  # what they disagree on
    explained: bool  # whether a seed passage explains the difference
    explanation: str | None  # how (explained), or our reading (not explained)
    explanation_quotes: tuple[Quote, ...] = ()  # the seed passages that explain it, when explained
    parties: str | None = None  # the parties in conflict, when the sources only report it


@dataclass(frozen=True)
class Corroboration:
    """A point stated by more than one source."""

    point: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Gap:
    """Something the sources do not let anyone check, and why."""

    point: str
    reason: str


@dataclass(frozen=True)
class Verification:
    """What is corroborated, what cannot be checked, and what would settle it."""

    corroborated: tuple[Corroboration, ...]
    unverified: tuple[Gap, ...]
    would_settle: tuple[str, ...]


@dataclass(frozen=True)
class Correction:
    """A dated correction or update of a claim, shown on its page and on the corrections page."""

    date: str  # YYYY-MM-DD: the day the change was published
    kind: str  # correction (something was wrong) or update (new material, revised assessment)
    note: str  # what changed and why
    former_claim: str | None = None  # the claim (headline) as it read before this change, when it changed


@dataclass(frozen=True)
class Withdrawal:
    """Why and when a claim was withdrawn: its page stays, with a notice; it leaves every list."""

    date: str  # YYYY-MM-DD
    reason: str  # why, for readers


@dataclass(frozen=True)
class Claim:
    """One contested claim (content/claims/<id>.yaml)."""

    id: str  # slug, equal to the file name
    headline: str  # at most 90 characters, plain: the page's heading and title, in lists, the feed, the social card
    claim: str  # the claim as stated: "What was claimed" on the card
    claimant: str  # who makes it
    topics: tuple[str, ...]  # topic ids
    dates: tuple[DateNote, ...]  # dates it refers to or was made on
    verdict: str  # verdict id: the state of the evidence
    verdict_reason: str  # one line: why
    bottom_line: str  # one plain sentence: the state of the evidence; for one side's words, what is rated
    summary: str  # neutral summary
    positions: tuple[Position, ...]  # every source's position
    contradictions: tuple[Contradiction, ...]
    verification: Verification
    related: tuple[str, ...]  # related claim ids
    corrections: tuple[Correction, ...]  # oldest first; may be empty
    doc: Document = field(repr=False, compare=False)
    aliases: tuple[str, ...] = ()  # former ids: their old addresses redirect to this claim's page
    published: str | None = None  # YYYY-MM-DD, for a claim added after the edition was published
    withdrawn: Withdrawal | None = None  # set when the claim was withdrawn

    @property
    def figures(self) -> tuple[tuple[str, Figure], ...]:
        """Every figure of every position, as (source id, figure)."""
        return tuple((p.source, f) for p in self.positions for f in p.figures)


@dataclass(frozen=True)
class KeyQuestion:
    """A question the home page answers first (content/edition.yaml ``key_questions``)."""

    question: str  # the question a reader asks, in their words
    answer: str  # the answer in one line, as the claim's page gives it
    claim: str  # the claim id whose page answers it (its verdict is shown beside)


@dataclass(frozen=True)
class Edition:
    """The edition's home page text (content/edition.yaml)."""

    title: str  # shown on the home page
    overview: str  # what happened according to the sources, neutrally
    most_disputed: tuple[str, ...]  # claim ids listed as most disputed
    topic_order: tuple[str, ...] = ()  # topic ids, the order of the groups on the home page
    claim_order: tuple[str, ...] = ()  # claim ids, most important first within each topic
    published: str | None = None  # YYYY-MM-DD: the day the edition was first published; None: not yet
    doc: Document | None = field(default=None, repr=False, compare=False)  # its file, when read from one
    selection_sources: str = ""  # how the source texts were chosen (selection.sources), on the methodology page
    selection_claims: str = ""  # the criteria a claim meets to be listed (selection.claims)
    key_questions: tuple[KeyQuestion, ...] = ()  # the home page's first section: questions, answers, claims


@dataclass(frozen=True)
class Editor:
    """An editor responsible for the site (content/publisher.yaml ``editors``)."""

    name: str  # their name
    role: str  # their role


@dataclass(frozen=True)
class CorrectionsPolicy:
    """How errors reported by readers are handled (content/publisher.yaml ``corrections_policy``)."""

    who_answers: str  # who reads and answers an error report
    how_fast: str  # how fast a report is answered and a correction made
    appeal: str  # how a reader appeals a decision


@dataclass(frozen=True)
class Masthead:
    """Who publishes the site (content/publisher.yaml); every field None or empty while not given.

    A local build works with any of them missing; ``build --deploy`` refuses one without the publisher,
    the report address, the ownership or the funding (settings.require_masthead).
    """

    name: str | None = None  # the publisher's name
    address: str | None = None  # its web address
    postal_address: str | None = None  # its postal address, if it gives one
    logo: str | None = None  # an http(s) address or a path inside the site
    repository: bool = False  # published by the repository the site is built from (address: --repository-url)
    ownership: str | None = None  # who owns the publisher, or that it is not known
    funding: str | None = None  # how it is funded, or that it is not known
    editors: tuple[Editor, ...] = ()  # the editors responsible, by name and role
    responsible: str | None = None  # who is responsible, when no editor is named
    report_address: str | None = None  # where readers report an error: mailto: or https:
    issue_form: str | None = None  # or the repository's issue form (.github/ISSUE_TEMPLATE/<file>)
    corrections_policy: CorrectionsPolicy | None = None  # who answers, how fast, how to appeal


@dataclass(frozen=True)
class Content:
    """Everything the site is built from, validated."""

    edition: Edition
    verdicts: tuple[Verdict, ...]  # in scale order
    topics: tuple[Topic, ...]
    sources: tuple[Source, ...]  # sorted by id
    claims: tuple[Claim, ...]  # sorted by id
    stances: tuple[Stance, ...] = ()  # in their order
    masthead: Masthead = Masthead()  # who publishes: content/publisher.yaml, empty when there is none
    parties: tuple[Term, ...] = ()  # content/parties.yaml: whose account a position may relay
    source_kinds: tuple[Term, ...] = ()  # content/source-kinds.yaml: the kinds of text a source may be

    def published_on(self, claim: Claim) -> str | None:
        """The day ``claim`` was published: its own date, else the edition's; None before publication."""
        return claim.published or self.edition.published

    def corrections_of(self, claim: Claim) -> tuple[Correction, ...]:
        """The entries of ``claim``'s log dated on or after its publication: its corrections and updates."""
        published = self.published_on(claim)
        return tuple(c for c in claim.corrections if published and c.date >= published)

    def history_of(self, claim: Claim) -> tuple[Correction, ...]:
        """The entries of ``claim``'s log dated before its publication (all of them before it): editing history."""
        published = self.published_on(claim)
        return tuple(c for c in claim.corrections if not published or c.date < published)

    @property
    def listed(self) -> tuple[Claim, ...]:
        """The claims readers find in lists, tables and data: every claim not withdrawn."""
        return tuple(claim for claim in self.claims if claim.withdrawn is None)

    def stance(self, stance_id: str) -> Stance:
        """The stance with id ``stance_id`` (the check guarantees every position's stance is listed)."""
        return self._stances_by_id[stance_id]

    @cached_property  # pages look a stance up for every position and matrix cell
    def _stances_by_id(self) -> dict[str, Stance]:
        return {stance.id: stance for stance in self.stances}


def released(content: Content) -> Content:
    """``content`` with each file's Document reduced to its path (Document.released): what the render reads of them.

    For a build once the check passed, which reports no error into a file after it: each file's text and parsed
    data go (at 5,000 claims about 75 MB of the render's peak memory). A preview keeps them for its next check.
    """
    edition = content.edition
    return replace(
        content,
        edition=replace(edition, doc=edition.doc.released()) if edition.doc else edition,
        sources=tuple(replace(source, doc=source.doc.released()) for source in content.sources),
        claims=tuple(replace(claim, doc=claim.doc.released()) for claim in content.claims),
    )
