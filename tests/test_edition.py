"""This repository's edition (the reference explainer): its seeds are the originals, its content passes the check
and builds. The only test file that may depend on the edition's facts (seed hashes, counts, names); every other test
uses invented mini-projects or derives what it expects from whatever content the repository holds.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from generator.build import build
from generator.check.validate import check_project
from generator.model import Content
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


@pytest.mark.slow  # builds the real site
def test_the_real_site_builds_strictly(tmp_path: Path) -> None:
    result = build(REPO, tmp_path / "site")
    assert (tmp_path / "site/index.html").is_file()
    assert result.pages >= 3 + len(check_project(REPO).claims)


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


@pytest.mark.slow  # builds the real site
def test_the_json_export_holds_every_claim_with_its_quotes(tmp_path: Path) -> None:
    build(REPO, tmp_path / "site")
    data = json.loads((tmp_path / "site/claims.json").read_text(encoding="utf-8"))
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
        "Every protected settlement and restored roadway",
        "The use of women in attacks",
        "the use of suicide tactics",
        "fighters flee, hide, and die in isolated pockets",
    ],
    "herof-2-account": ["effects of such operations", "local communications infrastructure is often disrupted"],
    "balochistan-grievances-essay": ["The BLA's growing sophistication"],
}
ABOUT_THESE_ATTACKS = [
    "highway-control",
    "highway-and-railway",
    "transport-services",
    "internet-shutdown",
    "female-fighters",
    "suicide-attacks",
    "bla-capacity",
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


def test_every_claim_appears_in_a_source_that_states_or_relays_it(content: Content) -> None:
    """A claim's ClaimReview lists as appearances the sources that state or relay it; a text relaying an official
    figure it calls claimed reports it (it is where the claim appears), so no claim is left without one."""
    appears = {stance.id for stance in content.stances if stance.appears}
    assert [c.id for c in content.claims if not any(p.stance in appears for p in c.positions)] == []


def test_the_edition_is_not_published_yet_so_no_page_says_published(content: Content) -> None:
    """It has no publisher and was never deployed under one (issue 21 §7): its log is editing history."""
    from generator.render.render import SiteInfo, make_env, render_site

    assert content.edition.published is None
    pages = render_site(content, make_env(REPO), SiteInfo("Desk", None, None))
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
