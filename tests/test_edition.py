"""This repository's edition (the reference explainer): its seeds are the originals, its content passes the check
and builds. The only test file that may depend on the edition's facts (seed hashes, counts, names); every other test
uses invented mini-projects or derives what it expects from whatever content the repository holds.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from generator.build import build
from generator.check.validate import check_project
from generator.model import Content, Position
from generator.render.structured import Publisher

REPO = Path(__file__).resolve().parent.parent
# SHA-256 of the five seed texts as delivered in shared/seeds, recorded when they were copied in.
ORIGINAL_SEEDS = {
    "000_9d01417a2854c0ee.txt": "9248557be383e7ef7c68e4778cf00113016471bc65560b5bdb7b068ffec637a7",
    "001_d1e37de88045d489.txt": "444bc2abebfb9a550ef335b63fc1f4c6f2fe9c39788baae6006638ee0558420c",
    "002_4c8efbb7fe283e60.txt": "c02d31926505d461e2dc35ec30ffd9688415cf2044c3e3cabbb6fdc6edc3b6aa",
    "003_36eeb62b69d998e4.txt": "c069c5c50d6562015060f33d362f42ba257d1ef0edadb0e53265325b813bf070",
    "004_4828e8955879783b.txt": "7561600e9d8288f8ce444716ec815f50af3550949068f4c652c8c8a34b4c46ad",
}


@pytest.fixture(scope="module")
def content() -> Content:
    return check_project(REPO)


def test_seeds_are_the_original_texts_byte_for_byte() -> None:
    found = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (REPO / "seeds").iterdir()}
    assert found == ORIGINAL_SEEDS


def test_every_seed_has_exactly_one_source(content: Content) -> None:
    assert sorted(s.seed for s in content.sources) == sorted(ORIGINAL_SEEDS)


def test_the_edition_has_at_least_15_claims_using_the_scale(content: Content) -> None:
    assert len(content.claims) >= 15
    verdicts = Counter(c.verdict for c in content.claims)
    assert set(verdicts) <= {v.id for v in content.verdicts}
    assert len(verdicts) >= 4, "an edition on a contested event should use several verdicts"


def test_every_topic_has_claims(content: Content) -> None:
    used = {t for c in content.claims for t in c.topics}
    assert used == {t.id for t in content.topics}


def test_every_claim_quotes_at_least_one_source(content: Content) -> None:
    for claim in content.claims:
        assert any(p.quotes for p in claim.positions), claim.id


# How a point that cannot be checked begins (CONTRIBUTING: a question or a noun phrase, never a statement): the
# card prints it after "Cannot be checked from these texts:".
_GAP_STARTS = ("Whether ", "How ", "What ", "Which ", "When ", "Where ", "Who ", "Why ", "The ")


def test_every_point_that_cannot_be_checked_says_what_cannot_be_checked(content: Content) -> None:
    statements = [f"{claim.id}: {gap.point}" for claim in content.claims for gap in claim.verification.unverified
                  if not gap.point.startswith(_GAP_STARTS)]  # fmt: skip
    assert statements == []


def test_the_real_site_builds_strictly(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The session's build of the real content (conftest.built: build(REPO, site), the tests' one copy of it)."""
    from conftest import built_pages

    assert (built_site / "index.html").is_file()
    assert built_pages("mkdocs", tmp_path_factory) >= 3 + len(check_project(REPO).claims)


@pytest.mark.slow  # builds the real site
def test_plain_mkdocs_build_strict_works_at_the_repository_root(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    claims = check_project(REPO).claims
    pages = sorted(p.stem for p in (tmp_path / "site/claims").glob("*.html"))
    # every claim has its page, and every former id (a claim's aliases) its redirect page at the old address
    assert pages == sorted([c.id for c in claims] + [alias for c in claims for alias in c.aliases])
    for claim in claims:
        for alias in claim.aliases:
            assert f"{claim.id}.html" in (tmp_path / f"site/claims/{alias}.html").read_text(encoding="utf-8"), alias
    sources = check_project(REPO).sources
    pages = sorted(p.stem for p in (tmp_path / "site/sources").glob("*.html"))
    assert pages == sorted(["index"] + [s.id for s in sources] + [alias for s in sources for alias in s.aliases])
    for source in sources:
        for alias in source.aliases:
            assert f"{source.id}.html" in (tmp_path / f"site/sources/{alias}.html").read_text(encoding="utf-8"), alias


def test_the_json_export_holds_every_claim_with_its_quotes(built_site: Path) -> None:
    data = json.loads((built_site / "claims.json").read_text(encoding="utf-8"))
    content = check_project(REPO)
    assert [c["id"] for c in data["claims"]] == [c.id for c in content.claims]
    assert [v["id"] for v in data["verdicts"]] == [v.id for v in content.verdicts]
    first = content.claims[0]
    quotes = [q["text"] for p in data["claims"][0]["positions"] for q in p["quotes"]]
    assert quotes == [q.text for p in first.positions for q in p.quotes]
    assert "text" not in data["sources"][0], "the export must not duplicate the seed texts"


def test_a_copy_of_the_content_with_a_verdict_that_breaks_its_rule_fails(tmp_path: Path) -> None:
    """The real scale is enforced on the real content: one claim's verdict raised past its evidence fails, named."""
    from conftest import problems

    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    assert problems(tmp_path) == []
    claim = tmp_path / "content/claims/civilians-killed.yaml"
    claim.write_text(
        claim.read_text(encoding="utf-8").replace("verdict: consistent-unverified", "verdict: corroborated")
    )
    assert problems(tmp_path) == [
        "content/claims/civilians-killed.yaml:12:10: verdict: 'corroborated' breaks the rule 'two-outlooks-support' (At least "
        "two sources whose outlooks differ support the point.): the supporting sources have 0 distinct outlook(s), fewer "
        "than 2"  # both texts that give the 31 only relay the official figure (reports-only)
    ]


def test_no_claim_review_dates_a_claim_the_texts_do_not_date(content: Content) -> None:
    """The texts are undated, so no ClaimReview may say when a claim was made (issue 13 §4, review 13b M5)."""
    from generator.render.structured import claim_review

    reviews = [claim_review(c, content, f"claims/{c.id}.html", Publisher("Desk")) for c in content.claims]
    dated = [
        c.id for c, review in zip(content.claims, reviews, strict=True) if "datePublished" in review["itemReviewed"]
    ]
    assert dated == []
    assert sum(1 for c in content.claims if c.dates) >= 10  # the claims do carry event dates


def test_the_internet_shutdown_is_quoted_in_the_text_s_words(content: Content) -> None:
    (claim,) = [c for c in content.claims if c.id == "internet-shutdown"]
    assert '"A province-wide internet shutdown remains in place"' in claim.summary
    assert "still in place" not in claim.summary


# General passages of the texts (they name no place, person or date): by the rule in edition.yaml's selection.claims
# they are silent on a claim about these attacks, so no position of such a claim quotes them (issue 23, round 3).
GENERAL_PASSAGES = {
    "bla-aims-essay": [
        "the use of suicide tactics",
        "fighters flee, hide, and die in isolated pockets",
        "local populations reject violence",
        "geography no longer belongs to them",
        "timed, branded, filmed, and announced",
    ],
    "herof-2-account": ["effects of such operations", "local communications infrastructure is often disrupted"],
    "balochistan-grievances-essay": ["The BLA's growing sophistication"],
}
ABOUT_THESE_ATTACKS = [
    "highway-control",
    "highway-and-railway",
    "transport-services",
    "internet-shutdown",
    "suicide-attacks",
    "bla-capacity",
    "local-support",  # the BLA's claim of support "now", after these attacks
    "operation-aim",  # the aim of Operation Herof II
    "red-zones",  # zones that "expand" as "transport links remain severed", in a paragraph on these attacks' effects
    "bla-publicity",  # the BLA's videos and statements on these attacks
]


def test_a_general_passage_is_silent_on_a_claim_about_these_attacks(content: Content) -> None:
    claims = {c.id: c for c in content.claims}
    quoted = [
        (claim_id, p.source, passage)
        for claim_id in ABOUT_THESE_ATTACKS
        for p in claims[claim_id].positions
        for passage in GENERAL_PASSAGES.get(p.source, [])
        if any(passage in q.text for q in p.quotes)
    ]
    assert quoted == []
    # the passages are the texts' own words, so the test cannot pass by a typo
    texts = {s.id: " ".join(s.text.split()) for s in content.sources}
    assert all(p in texts[source] for source, passages in GENERAL_PASSAGES.items() for p in passages)


def test_a_sentence_is_read_with_its_paragraph_about_these_attacks(content: Content) -> None:
    """The paragraph of the essay on the BLA's aims that follows its account of the response to Operation Herof II
    ("This matters because") is about these attacks: every sentence of it quoted on a claim takes a stance, the one on
    restored roadways included, which disputes that the highways were ceded (issue 23, review 4 M3)."""
    texts = {s.id: " ".join(s.text.split()) for s in content.sources}
    start = texts["bla-aims-essay"].index("This matters because")
    paragraph = texts["bla-aims-essay"][start : texts["bla-aims-essay"].index("Narrative space is lost", start)]
    assert "restored roadway" in paragraph
    uses = {
        (c.id, p.stance)
        for c in content.claims
        for p in c.positions
        if p.source == "bla-aims-essay" and any(" ".join(q.text.split()) in paragraph for q in p.quotes)
    }
    assert ("highway-control", "disputes") in uses
    assert {stance for _, stance in uses} <= {"supports", "disputes", "qualifies"}
    assert {c.id: c.verdict for c in content.claims}["highway-control"] == "disputed"


def test_the_structured_force_sentence_is_read_with_its_paragraph_on_the_attacks_effects(content: Content) -> None:
    """The essay on the army's position writes of the BLA's transition to "a structured force" in the paragraph where
    "transport links remain severed" and the Gwadar Port's viability "hangs in the balance": by the paragraph rule it
    is about these attacks, not a general passage, so it takes the stance its words take on whether the BLA came out
    weakened (issue 23, review 4 M2)."""
    text = " ".join(next(s for s in content.sources if s.id == "army-position-essay").text.split())
    sentence = "transition from a regional insurgency to a structured force"
    paragraph = text[text.index(sentence) : text.index("hangs in the balance")]
    assert "transport links remain severed" in paragraph and "Gwadar Port" in paragraph
    (claim,) = [c for c in content.claims if c.id == "bla-capacity"]
    (army,) = [p for p in claim.positions if p.source == "army-position-essay"]
    assert army.stance == "disputes" and any(sentence in q.text for q in army.quotes)
    assert claim.verdict == "disputed"


def test_every_claim_appears_in_a_source_that_states_or_relays_it(content: Content) -> None:
    """A claim's ClaimReview lists as appearances the sources that state or relay it; a text relaying an official
    figure it calls claimed reports it (it is where the claim appears), so no claim is left without one."""
    appears = {stance.id for stance in content.stances if stance.appears}
    assert [c.id for c in content.claims if not any(p.stance in appears for p in c.positions)] == []


def test_the_edition_is_not_published_yet_so_no_page_says_published(
    content: Content, real_pages: Mapping[str, Any]
) -> None:
    """It has no publisher and was never deployed under one (issue 21 §7): its log is editing history."""
    assert content.edition.published is None
    pages = real_pages
    claim_pages = {name: text for name, text in pages.items() if name.startswith("claims/")}
    assert [name for name, text in claim_pages.items() if "Published" in text or "datePublished" in text] == []
    logged = [c for c in content.claims if c.corrections]
    assert logged and all("Editing history before publication" in claim_pages[f"claims/{c.id}.md"] for c in logged)
    assert all('<h2 id="corrections">' not in text for text in claim_pages.values())
    assert "This edition has not been published yet" in pages["corrections.md"]
    assert "<entry>" not in pages["feed.xml"]


@pytest.mark.slow  # builds the real site for deployment
def test_the_edition_deploys_published_by_its_repository_and_invents_no_one(tmp_path: Path) -> None:
    """The reference edition passes build --deploy; its ClaimReviews, read as extruct reads them, rate in words,
    name the repository as author, use absolute addresses and list only the sources that state or relay a claim."""
    from sitecheck import json_ld

    site, repository = "https://example.org/explainer/", "https://github.com/owner/name"
    build(REPO, tmp_path / "site", deploy=True, site_url=site, repository_url=repository)
    content = check_project(REPO)
    given = " (title given by this site)"  # a title this site gave a text without a headline says so
    names = {s.id: s.title + (given if s.title_kind == "descriptive" else "") for s in content.sources}
    appears = {stance.id for stance in content.stances if stance.appears}
    assert appears == {"supports", "reports-only"}  # a source that only qualifies or disputes is no appearance
    for claim in content.claims:
        url = f"{site}claims/{claim.id}.html"
        (review,) = json_ld((tmp_path / f"site/claims/{claim.id}.html").read_text(encoding="utf-8"), url)
        assert review["url"] == url
        assert review["author"] == {"@type": "Organization", "name": "owner/name", "url": repository}
        assert set(review["reviewRating"]) == {"@type", "alternateName", "ratingExplanation"}, claim.id
        shown = [work["name"] for work in review["itemReviewed"]["appearance"]]
        assert shown == [names[p.source] for p in claim.positions if p.stance in appears], claim.id
    about = (tmp_path / "site/about.html").read_text(encoding="utf-8")
    assert f'published by the repository <a href="{repository}">owner/name</a>' in about
    assert "Not known. No funding is declared" in about and "No editor is named." in about
    report = (
        f"{repository}/issues/new?template=error-report.yml&amp;page=https%3A%2F%2Fexample.org%2Fexplainer%2Fabout.html"
    )
    assert report in about


def test_the_error_report_form_asks_for_the_page_what_is_wrong_and_the_evidence() -> None:
    import yaml

    masthead = yaml.safe_load((REPO / "content/publisher.yaml").read_text(encoding="utf-8"))
    assert masthead["publisher"] == {"repository": True} and "editors" not in masthead  # no person, no organisation
    form = yaml.safe_load((REPO / ".github/ISSUE_TEMPLATE" / masthead["report_error"]["issue_form"]).read_text())
    fields = {item["id"]: item["validations"]["required"] for item in form["body"] if "id" in item}
    assert fields == {"page": True, "what": True, "evidence": True}  # `page` is filled in from each page's link


def test_no_source_of_the_edition_claims_a_publication_detail_its_text_does_not_give(content: Content) -> None:
    """No seed names its outlet, address or date: every detail is unknown, with the reason readers see."""
    for source in content.sources:
        publication = source.publication
        assert publication is not None and publication.unknown_reason
        fields = (publication.outlet, publication.url, publication.published, publication.retrieved,
                  publication.archive, publication.reproduction)  # fmt: skip
        assert fields == (None,) * 6, source.id


def _position(content: Content, claim_id: str, source: str) -> Position:
    (claim,) = [c for c in content.claims if c.id == claim_id]
    return next(p for p in claim.positions if p.source == source)


def test_a_relayed_statement_that_covers_only_part_of_a_claim_qualifies_it(content: Content) -> None:
    """By the rule for relayed statements: the BLA's capture "of personnel or terrain" is not zones without state
    authority, and the BLA's list names two of the four places (issue 23, review 4 minors 1 and 2)."""
    assert _position(content, "red-zones", "herof-2-account").stance == "qualifies"
    assert _position(content, "locations-attacked", "balochistan-grievances-essay").stance == "qualifies"
    assert _position(content, "civilian-sites-hit", "army-position-essay").stance == "qualifies"  # civilians, no areas


def test_an_escalation_is_not_a_ranking_of_the_toll(content: Content) -> None:
    """Calling the attacks a stark or sharp escalation ranks no death toll: no position on the deadliest-day claim
    rests on it, for either text (issue 23, review 4 minor 3)."""
    (claim,) = [c for c in content.claims if c.id == "deadliest-day"]
    assert _position(content, "deadliest-day", "balochistan-grievances-essay").stance == "silent"
    assert [p.source for p in claim.positions for q in p.quotes if "escalation" in q.text] == []


def test_framings_and_headlines_keep_the_texts_hedges(content: Content) -> None:
    """The Noshki detention is "reportedly" in the text, so in the headline; Alvi relays the official tally, it is
    not its own report; "dozens killed" in an address is no figure that mismatches "More than 120" (review 4)."""
    claims = {c.id: c for c in content.claims}
    sources = {s.id: s for s in content.sources}
    assert "reportedly" in claims["noshki"].headline
    assert "the official tally it relays" in sources["alvi-analysis"].framing
    assert "its own report" not in sources["alvi-analysis"].framing
    assert "dozens-killed" not in sources["balochistan-grievances-essay"].framing
    assert "dozens-killed" not in claims["total-death-toll"].summary


def test_the_bottom_line_on_pre_emption_attributes_each_account(content: Content) -> None:
    (claim,) = [c for c in content.claims if c.id == "pre-empted-or-contained"]
    assert "{alvi-analysis} reports their assertion" in claim.bottom_line
    assert "{army-position-essay} says, naming no source" in claim.bottom_line
    assert "describes the opposite" not in claim.bottom_line


def test_a_headline_s_figure_is_in_its_bottom_line_and_figures_as_the_texts_attribute_it(content: Content) -> None:
    """A headline that leads with a figure gives one the texts report, the bottom line rates that figure, and
    where another text gives a different official figure (145 against 177) the bottom line says so, each attributed;
    the essay by Abdul Basit Alvi relays the official accounts, it does not adopt them (review 4 minor 8)."""
    for claim in content.claims:
        lead = claim.headline.split()[0]
        if not lead.isdigit():
            continue
        values = {str(f.value) for p in claim.positions for f in p.figures}
        assert lead in values and lead in claim.bottom_line, claim.id
    (militants,) = [c for c in content.claims if c.id == "militants-killed"]
    assert "relays" in militants.headline and "official figure" not in militants.headline
    assert "{alvi-analysis} relays it from official accounts" in militants.bottom_line
    assert "{army-position-essay} gives 145 from official reports" in militants.bottom_line


# A quote keeps the subject of what it quotes, so that a reader does not take a party's words, or reporting the text
# relays, for the text's own (review 4: quotes cut so that the subject changes).
QUOTED_WITH_SUBJECT = [
    ("bla-capacity", "herof-2-account", "emphasized that many of the attackers", "Pakistani authorities"),
    ("pre-empted-or-contained", "herof-2-account", "emphasized that many of the attackers", "Pakistani authorities"),
    ("targets-attacked", "herof-2-account", "it says is directed", "initiative that it says"),
    ("civilian-targeting-intent", "herof-2-account", "it says is directed", "initiative that it says"),
    ("state-response-timing", "herof-2-account", "fast-moving counter-operations", "Reporting and statements"),
    ("red-zones", "herof-2-account", "the capture of personnel or terrain", "public statements asserted"),
]


@pytest.mark.parametrize(("claim_id", "source", "words", "subject"), QUOTED_WITH_SUBJECT)
def test_a_quote_keeps_its_subject(content: Content, claim_id: str, source: str, words: str, subject: str) -> None:
    quotes = [q.text for q in _position(content, claim_id, source).quotes if words in q.text]
    assert quotes and all(subject in q for q in quotes)


def test_a_passage_a_text_only_relays_is_never_its_own_word_elsewhere(content: Content) -> None:
    """One stance per passage: words a text relays (reports only) on one claim are not quoted as its own view, saying
    so or otherwise, on another; the essay by Abdul Basit Alvi's "31 civilians who found themselves caught in the
    crossfire or directly targeted" is part of the official tally it relays (review 4)."""
    relayed = {
        (p.source, " ".join(q.text.split()))
        for c in content.claims
        for p in c.positions
        if p.stance == "reports-only"
        for q in p.quotes
    }
    own = [
        (c.id, p.source, q.text[:40])
        for c in content.claims
        for p in c.positions
        if p.stance in {"supports", "disputes"}
        for q in p.quotes
        if any(p.source == s and (" ".join(q.text.split()) in r or r in " ".join(q.text.split())) for s, r in relayed)
    ]
    assert own == []


def _paragraph(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


def test_adjacent_paragraphs_are_read_by_the_same_paragraph_rule(content: Content) -> None:
    """The two paragraphs of the essay on the BLA's aims that follow its account of the targets (which names Gwadar)
    both refer back to it, "This is where ..." and "another moral and strategic collapse": both are about these
    attacks, so the essay takes a stance on the targets and on women fighters; with it the point on women fighters is
    stated by texts of both outlooks and the verdict follows its definition (review 5 M2)."""
    text = " ".join(next(s for s in content.sources if s.id == "bla-aims-essay").text.split())
    targets = _paragraph(text, "choice of targets further exposes", "This is where")
    after = _paragraph(text, "This is where", "stripped away even this illusion")
    assert "Gwadar" in targets and "collapse of its political claims" in targets
    assert "another moral and strategic collapse" in after
    for claim_id, stance in [("targets-attacked", "qualifies"), ("female-fighters", "supports")]:
        position = _position(content, claim_id, "bla-aims-essay")
        assert position.stance == stance, claim_id
        assert position.quotes and all(" ".join(q.text.split()) in after for q in position.quotes), claim_id
    (claim,) = [c for c in content.claims if c.id == "female-fighters"]
    assert claim.verdict == "corroborated"
    assert "two essays critical of the Pakistani state" not in claim.headline
    assert '"another moral and strategic collapse"' in content.edition.selection_claims  # the rule shows its example


def test_a_text_s_own_count_of_militants_neutralized_is_read_alike_on_every_claim(content: Content) -> None:
    """The essay on the BLA's aims says in its own voice, in its paragraph on the response to Operation Herof II, that
    "security forces neutralized over one hundred militants": losses to the BLA, so it qualifies the claim of
    unusually heavy losses to its capacity (as the explainer's relayed "many of the attackers had been killed" does),
    and it is never silent or a mere report on a claim that quotes it (review 5 M1)."""
    words = "neutralized over one hundred militants"
    uses = {
        c.id: p.stance
        for c in content.claims
        for p in c.positions
        if p.source == "bla-aims-essay" and any(words in q.text for q in p.quotes)
    }
    assert uses.get("bla-capacity") == "qualifies"
    assert set(uses.values()) <= {"supports", "qualifies", "disputes"}
    assert _position(content, "bla-capacity", "herof-2-account").stance == "qualifies"
    # the essay by Abdul Basit Alvi relays officials and assessments; only the officials are a party (review 5 m8)
    assert "assessments it does not name" in _position(content, "bla-capacity", "alvi-analysis").note


# What an editing-history entry says a claim's verdict, or a source's stance, now is. Every entry must agree with
# the page as it now is: an entry reversed by a later change is rewritten, before publication, to say so (review 5 M3).
_STANCE_PHRASES = {
    "supports": r"\b(?:now |again )?supports (?:the|this) claim\b|\b(?:now|again) supports\b",
    "qualifies": r"\bqualifies (?:the|this) claim\b|\bnow qualifies\b",
    "disputes": r"\bdisputes (?:the|this) claim\b|\bnow disputes\b",
    "reports-only": r"\breports (?:the claim|it) only\b|\bnow marked reports-only\b",
    "silent": r"\b(?:is|are) (?:now )?silent\b",
}


def _stated_in_history(content: Content) -> list[tuple[str, str, str, str]]:
    """(claim id, what, stated, current) for each verdict or stance an entry states in the present tense."""
    labels = {v.label.lower(): v.id for v in content.verdicts}
    verdict = re.compile(r"verdict (?:is now|is again|stays|is) (" + "|".join(map(re.escape, labels)) + r")\b")
    stance = re.compile("|".join(f"(?P<{k.replace('-', '_')}>{v})" for k, v in _STANCE_PHRASES.items()))
    stated = []
    for claim in content.claims:
        stances = {p.source: p.stance for p in claim.positions}
        for entry in claim.corrections:
            for found in verdict.finditer(entry.note):
                stated.append((claim.id, "verdict", labels[found.group(1)], claim.verdict))
            for found in stance.finditer(entry.note):
                before = entry.note[: found.start()]
                sentence = before[before.rfind(". ") + 1 :]
                mentioned = re.findall(r"\{([a-z0-9-]+)\}", before)
                plural = found.group(0).startswith("are")
                sources = re.findall(r"\{([a-z0-9-]+)\}", sentence) if plural else mentioned[-1:]
                said = next(k for k, v in found.groupdict().items() if v).replace("_", "-")
                stated += [(claim.id, source, said, stances[source]) for source in sources]
    return stated


def test_every_editing_history_entry_agrees_with_the_page_as_it_now_is(content: Content) -> None:
    stated = _stated_in_history(content)
    assert len(stated) >= 10  # the patterns read the entries, so the test cannot pass by matching nothing
    assert [s for s in stated if s[2] != s[3]] == []
    (toll,) = [c for c in content.claims if c.id == "total-death-toll"]
    assert not any("Guardian headline's figure does not match its address" in e.note for e in toll.corrections)
    (causes,) = [c for c in content.claims if c.id == "causes-of-violence"]
    assert causes.aliases == () and not any("the former address leads here" in e.note for e in causes.corrections)


def test_a_single_source_claim_names_its_source_and_place_in_its_own_sentence(content: Content) -> None:
    """The claim sentence is what ClaimReview's claimReviewed and the search index carry: a point one text alone makes
    says whose it is there, and keeps the place the text gives (transport services "to Quetta"; review 5 m3)."""
    single = [c for c in content.claims if c.verdict == "single-source"]
    assert [c.id for c in single if "{" not in c.claim] == []
    assert [c.id for c in single if "single-source-events" not in c.topics] == []
    (transport,) = [c for c in single if c.id == "transport-services"]
    assert "to Quetta" in transport.claim and "to Quetta" in transport.headline


def test_one_reading_per_passage_on_leadership_displays_and_suicide_bombings(content: Content) -> None:
    """The essay by Abdul Basit Alvi's "symbolic displays by its leadership" describes no video: silent on the video
    and on its meaning alike (m5); its suicide bombings are in its account of 31 January, not general (m4)."""
    assert _position(content, "bashir-zaib-video", "alvi-analysis").stance == "silent"
    assert _position(content, "bashir-zaib-video-meaning", "alvi-analysis").stance == "silent"
    note = _position(content, "female-suicide-units", "alvi-analysis").note
    assert "31 January" in note and "in general, suicide bombings" not in note
    assert _position(content, "suicide-attacks", "alvi-analysis").stance == "supports"


def test_the_name_is_attributed_to_the_bla_only_where_two_texts_do(content: Content) -> None:
    """All five texts call the attacks the second phase of Operation Herof; only two say the BLA gave the name, so the
    key answer and the bottom line say so (review 5 m6); the explainer's hedge on the tally is kept (m7)."""
    (key,) = [q for q in content.edition.key_questions if q.claim == "operation-name"]
    assert "two say the BLA itself named them so" in key.answer
    assert "All five texts say the BLA presented" not in key.answer
    (name,) = [c for c in content.claims if c.id == "operation-name"]
    assert "two say the BLA itself named them so" in name.bottom_line
    (civilians,) = [c for c in content.claims if c.id == "civilians-killed"]
    assert '"difficult to produce in the immediate aftermath"' in civilians.summary
    assert "no independently verified tally existed" not in civilians.summary


def test_a_background_passage_that_names_places_is_silent_by_a_written_rule(content: Content) -> None:
    """The grievances essay's paragraph on the province's resources names Reko Diq and Saindak but not these attacks:
    the written rule for background passages makes it silent, and the notes say why (review 5 m9)."""
    assert "background passage, one about other events or standing conditions" in content.edition.selection_claims
    for claim_id in ["civilian-protection", "cpec-units-redirected", "us-mineral-investments"]:
        position = _position(content, claim_id, "balochistan-grievances-essay")
        assert position.stance == "silent" and "background paragraph" in position.note, claim_id


def test_headlines_attribute_a_judgement_and_say_who_designates(content: Content) -> None:
    """A judgement of cause is not stated in the site's voice, and a ban says by whom (review 5 m10)."""
    claims = {c.id: c for c in content.claims}
    assert claims["grievances-feed-conflict"].headline.startswith("Three texts of differing outlooks say")
    assert "some western governments" in claims["bla-proscribed"].headline
    # the texts name no government: the headline says one text speaks of "some western governments" (review 6 m9)
    assert "the texts name" not in claims["bla-proscribed"].headline
    assert "naming none" in claims["bla-proscribed"].headline and len(claims["bla-proscribed"].headline) <= 90


def test_the_bla_s_publicity_of_the_attacks_is_a_claim_with_every_text_s_position(content: Content) -> None:
    """Four texts say in their own voice that the BLA publicised the attacks ("high-definition propaganda", "released
    videos and statements", "polished propaganda"; the grievances essay: the BLA "claimed strikes" and "had earlier
    said", review 7 M1); the essay on the BLA's aims speaks only of videos of its leader; so the point is a claim
    under leadership and media, with all five positions (review 5 m11)."""
    (claim,) = [c for c in content.claims if c.id == "bla-publicity"]
    stances = {p.source: p.stance for p in claim.positions}
    assert stances == {
        "alvi-analysis": "supports",
        "army-position-essay": "supports",
        "herof-2-account": "supports",
        "balochistan-grievances-essay": "supports",
        "bla-aims-essay": "qualifies",
    }
    assert claim.verdict == "corroborated" and claim.topics[0] == "leadership"
    assert len(claim.headline) <= 90 and "bla-publicity" in content.edition.claim_order


def test_the_name_is_claimed_as_all_five_texts_give_it_and_its_giver_as_two_do(content: Content) -> None:
    """All five texts call the attacks the second phase of the BLA's Operation Herof; only two say the BLA presented or
    named it. So the claim states what all five say, and "the BLA named it" is a point of two texts (review 6 m1)."""
    (claim,) = [c for c in content.claims if c.id == "operation-name"]
    assert "presented" not in claim.claim and "presented" not in claim.headline
    assert "all five sources report" not in claim.claimant and "two sources report" in claim.claimant
    assert {p.stance for p in claim.positions} == {"supports"}
    assert [(c.point, set(c.sources)) for c in claim.verification.corroborated] == [
        ('The attacks were the second phase of the BLA\'s "Operation Herof".', {p.source for p in claim.positions}),
        ("The BLA itself gave the campaign its name.", {"alvi-analysis", "herof-2-account"}),
    ]


def test_only_the_text_that_dates_the_counter_operations_dates_them(content: Content) -> None:
    """Only the essay by Abdul Basit Alvi dates the start of the counter-operations; a dates entry that names them is
    attributed to it, and the attacks' date is given as the texts' (review 6 m2). The response claim says "after"."""
    entries = [(c.id, d.what) for c in content.claims for d in c.dates if "counter-operations" in d.what.lower()]
    assert len(entries) >= 6
    assert [e for e in entries if "according to the {alvi-analysis}" not in e[1]] == []
    started = [e for e in entries if "began" in e[1] or "first counter" in e[1] or "started" in e[1]]
    assert started and all("three texts date them so" in what for _, what in started)
    (timing,) = [c for c in content.claims if c.id == "state-response-timing"]
    assert "at once" not in timing.summary and "launched after the attacks" in timing.summary


def test_the_overview_gives_every_text_the_second_phase_and_says_what_sets_the_fifth_apart(content: Content) -> None:
    """The essay on the BLA's aims calls the attacks "Operation Herof II" like the others; what sets it apart is that it
    gives no date, describes no coordinated attacks and names only Gwadar (review 6 m3)."""
    overview = " ".join(content.edition.overview.split())
    assert overview.startswith("All five sources call")
    assert "Four of the five sources describe" not in overview
    assert (
        'the fifth, an essay on the BLA\'s aims, does not: it speaks of "a wave of attacks", names only Gwadar and '
        "gives no date" in overview
    )


def test_relayed_unnamed_assessments_say_why_they_are_not_adopted(content: Content) -> None:
    """By the rule, a text that attributes a point to unnamed reporting and adopts it in its own account supports it.
    Alvi's essay relays officials and unnamed assessments on the BLA's losses and does not adopt the point: its next
    paragraph is on "Past experience" in general; its note says so (review 6 m4)."""
    position = _position(content, "bla-capacity", "alvi-analysis")
    assert position.stance == "reports-only"
    assert "does not adopt the point in its own account" in position.note
    assert '"Past experience indicates"' in position.note


def test_a_count_of_militants_neutralized_is_not_called_heavy_losses_in_the_site_s_voice(content: Content) -> None:
    """The essay on the BLA's aims says security forces "neutralized over one hundred militants", not "heavy losses"
    (review 6 m5): no page describes its count so."""
    (claim,) = [c for c in content.claims if c.id == "bla-capacity"]
    note = _position(content, "bla-capacity", "bla-aims-essay").note
    assert "heavy losses" not in note
    sentence = next(s for s in claim.summary.split(". ") if "{bla-aims-essay}" in s and "neutralized" in s)
    assert "heavy losses" not in sentence


def test_the_page_on_civilian_protection_names_the_relayed_tally_of_civilians_in_the_crossfire(
    content: Content,
) -> None:
    """The only tally of civilians covering the counter-operations is the official one Alvi's essay relays: it counts
    civilians "caught in the crossfire" without saying whose fire; the page says so and keeps the essay silent (m6)."""
    (claim,) = [c for c in content.claims if c.id == "civilian-protection"]
    assert _position(content, "civilian-protection", "alvi-analysis").stance == "silent"
    assert '"caught in the crossfire' in claim.summary and "whose fire" in claim.summary
    (gap,) = claim.verification.unverified
    assert '"caught in the crossfire"' in gap.reason and "whose fire" in gap.reason
    assert "no source reports civilian casualties of the response itself" not in gap.reason


# The single-source claims on an event that one text about these attacks reports without a date.
_UNDATED_EVENTS = [
    "internet-shutdown", "transport-services", "noshki", "highway-and-railway", "identity-document-ban",
    "cpec-units-redirected", "us-mineral-investments", "passengers-and-labourers-killed", "first-phase",
]  # fmt: skip


def test_a_page_whose_text_gives_no_date_says_so(content: Content) -> None:
    """By the written rule, an undated event in a text about these attacks is read as part of them "and the page says
    that the text gives no date": in a sentence that names that text, or in that text's own note (review 6 m7)."""
    assert "the page says that the text gives no date" in content.edition.selection_claims
    no_date = re.compile(r"\b(?:no|without)\b[^.;]{0,40}\bdates?\b")
    claims = {c.id: c for c in content.claims}
    silent = []
    for claim_id in _UNDATED_EVENTS:
        claim = claims[claim_id]
        assert claim.verdict == "single-source" and claim.dates == (), claim_id
        (position,) = [p for p in claim.positions if p.stance != "silent"]
        texts = [claim.verdict_reason, claim.bottom_line, claim.summary] + [
            g.reason for g in claim.verification.unverified
        ]
        sentences = [s for t in texts for s in re.split(r"(?<=[.;])\s", " ".join(t.split()))]
        named = [s for s in sentences if "{" + position.source + "}" in s] + [position.note]
        if not any(no_date.search(s) for s in named):
            silent.append(claim_id)
    assert silent == []


def test_a_paragraph_that_names_the_operation_only_for_its_name_is_read_as_general(content: Content) -> None:
    """The grievances essay's paragraph on the consequences of repression names Operation Herof only for where its name
    comes from, so it is a general passage; the notes that read it so say why (review 6 m8)."""
    for claim_id in ["bla-capacity", "local-support"]:
        position = _position(content, claim_id, "balochistan-grievances-essay")
        assert position.stance == "silent", claim_id
        assert "names Operation Herof only to say that its name" in position.note, claim_id
        assert "read as a general passage" in position.note, claim_id
