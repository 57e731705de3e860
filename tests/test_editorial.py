"""Source names and {source-id} references, quote voices, figure dates, explanations and unrated verdicts."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import MINI, edit, expected_pages, problems

from generator.check import refs
from generator.check.validate import check_project
from generator.render.render import SiteInfo, make_env, render_site

REPO = Path(__file__).resolve().parent.parent
TOLL = "content/claims/death-toll.yaml"
Make = Callable[..., Path]
EXPLAINED = """        contradictions:
          - between: [alpha, beta]
            kind: numeric
            about: 12 against 15 deaths.
            explained: true
            explanation: Beta counts later.
            explanation_quotes:
              - source: beta
                text: {quote}
"""


def _render(root: Path) -> dict[str, str]:
    return render_site(check_project(root), make_env(REPO), SiteInfo("Test desk", None, None))


def _contradictions(body: str) -> dict[str, str]:
    toll = MINI[TOLL]
    start, end = toll.index("        contradictions:\n"), toll.index("        verification:\n")
    return {TOLL: toll[:start] + body + toll[end:]}


CASES = [
    pytest.param(
        edit(TOLL, "note: Says 12 died.", "note: Says 12 died, as alpha puts it."),
        [
            f"{TOLL}:14:28: positions[0].note: bare source id 'alpha': readers see names; write {{alpha}}",
        ],
        id="bare-id-in-a-note",
    ),
    pytest.param(
        edit("content/topics.yaml", "label: Casualties", "label: Casualties per alpha"),
        [
            "content/topics.yaml:3:27: topics[0].label: bare source id 'alpha': readers see names; "
            "name the source in words"
        ],
        id="bare-id-in-a-topic-label",  # topics.yaml's records were once skipped as a list of ids
    ),
    pytest.param(
        edit(
            TOLL,
            '              - "Beta reports that 15 people died."',
            '              - text: "Beta reports that 15 people died."\n'
            "                voice: embedded-post\n"
            "                of: a post quoted by {alpha}",
        ),
        [
            f"{TOLL}:30:30: positions[1].quotes[0].of: {{alpha}}: references are not rendered in of; "
            "name the source in words"
        ],
        id="reference-in-a-quote-voice",
    ),
    pytest.param(
        edit("content/sources/alpha.yaml", "outlook: critical of the attackers", "outlook: close to {beta}"),
        [
            "content/sources/alpha.yaml:13:19: outlook: {beta}: references are not rendered in outlook; "
            "name the source in words"
        ],
        id="reference-in-an-outlook",
    ),
    pytest.param(
        edit(TOLL, "claimant: Alpha", "claimant: The {gamma} text"),
        [f"{TOLL}:3:15: claimant: {{gamma}} names no source in content/sources/"],
        id="reference-to-an-unknown-source",
    ),
    pytest.param(
        _contradictions(EXPLAINED.format(quote="Officials said the toll may fall.")),
        [
            f"{TOLL}:42:15: contradictions[0].explanation_quotes[0].text: not found verbatim in the text of source 'beta'"
        ],
        id="explanation-quote-not-verbatim",
    ),
    pytest.param(
        _contradictions(
            EXPLAINED.format(quote="Officials said the toll may rise.").replace("explained: true", "explained: false")
        ),
        [
            f"{TOLL}:41:7: contradictions[0].explanation_quotes: must be left out unless explained is true: "
            "quote passages only when they explain the difference"
        ],
        id="unexplained-with-explanation-quotes",
    ),
    pytest.param(
        {TOLL: edit(TOLL, "stance: disputes", "stance: reports-only")[TOLL].replace("kind: numeric", "kind: factual")},
        [
            f"{TOLL}:35:22: contradictions[0].between[1]: 'beta' only reports this point; name the parties in conflict with 'parties:'"
        ],
        id="a-source-that-only-reports-is-no-party",
    ),
    pytest.param(
        edit(TOLL, "kind: numeric", "kind: internal"),
        [f"{TOLL}:35:14: contradictions[0].between: expected one source for kind internal"],
        id="internal-needs-one-source",
    ),
]


@pytest.mark.parametrize(("changes", "expected"), CASES)
def test_error_message(project: Make, changes: dict[str, str], expected: list[str]) -> None:
    assert problems(project(changes)) == expected


def test_a_reported_conflict_between_parties_names_them(project: Make) -> None:
    reported = edit(TOLL, "stance: disputes", "stance: reports-only")
    reported[TOLL] = reported[TOLL].replace(
        "            kind: numeric\n", "            kind: factual\n            parties: officials and residents\n"
    )
    page = _render(project(reported))["claims/death-toll.md"]
    assert (
        'between officials and residents (as set out by the <a href="../sources/alpha.html">essay on the attack</a> '
        'and the <a href="../sources/beta.html">report by B. Writer</a>)'
    ) in page


def test_references_render_as_names_linked_in_prose_and_plain_in_titles(project: Make) -> None:
    changes = edit(TOLL, "claim: Twelve people died in the attack.", "claim: 'The {beta} says fifteen people died.'")
    changes[TOLL] = changes[TOLL].replace("summary: The two sources give different tolls.", "summary: See {beta}.")
    pages = _render(project(changes))
    page = pages["claims/death-toll.md"]
    # Names stand alone ("Report by ..."); after "the" their first letter is lower-cased.
    assert page.startswith('---\ntitle: "Twelve dead in the attack, says Alpha"\n')  # the headline, never a reference
    assert (
        '<p class="fc-claimed"><span class="fc-claimed-word">What was claimed:</span> '
        'The <a href="../sources/beta.html">report by B. Writer</a> says fifteen people died.</p>'
    ) in page
    assert '<p>See <a href="../sources/beta.html">the report by B. Writer</a>.</p>' in page
    review = json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert review["claimReviewed"] == "The report by B. Writer says fifteen people died."
    assert '<a href="claims/death-toll.html">Twelve dead in the attack, says Alpha</a>' in pages["index.md"]


@pytest.mark.parametrize("claimant", ["'{beta}'", "'The {beta}'", "the {beta}"])
def test_a_claimant_that_is_one_signed_source_is_a_person_by_name(project: Make, claimant: str) -> None:
    page = _render(project(edit(TOLL, "claimant: Alpha", f"claimant: {claimant}")))["claims/death-toll.md"]
    review = json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "B. Writer"}


def test_a_claimant_of_two_sources_is_not_a_person(project: Make) -> None:
    page = _render(project(edit(TOLL, "claimant: Alpha", "claimant: The {beta} and the {alpha}")))[
        "claims/death-toll.md"
    ]
    review = json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert review["itemReviewed"]["author"]["@type"] == "Organization"


def test_no_verdict_has_a_numeric_rating(project: Make) -> None:
    unrated = "  - id: interpretation\n    label: Interpretation\n    definition: A judgement.\n    order: 3\n"
    verdicts = MINI["content/verdicts.yaml"].rstrip() + "\n" + textwrap.indent(unrated + "    unrated: true\n", " " * 8)
    changes = {
        "content/verdicts.yaml": verdicts,
        **edit("content/claims/framing.yaml", "verdict: corroborated", "verdict: interpretation"),
    }
    pages = _render(project(changes))
    rating = json.loads(pages["claims/framing.md"].split('type="application/ld+json">')[1].split("</script>")[0])
    assert rating["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Interpretation",
        "ratingExplanation": "Only a characterisation.",
    }
    toll = json.loads(pages["claims/death-toll.md"].split('type="application/ld+json">')[1].split("</script>")[0])
    assert toll["reviewRating"] == {  # "Disputed" is a state of the evidence, not 1 of 2 on a truth scale
        "@type": "Rating",
        "alternateName": "Disputed",
        "ratingExplanation": "Alpha says 12, Beta says 15.",
    }
    assert "so the ClaimReview carries no ratingValue, bestRating or worstRating" in pages["methodology.md"]


def test_explanations_are_shown_as_explained_only_with_a_quoted_passage(project: Make) -> None:
    explained = _contradictions(EXPLAINED.format(quote="Officials said the toll may rise."))
    page = _render(project(explained))["claims/death-toll.md"]
    assert (
        "<em>Explained by the texts:</em> Beta counts later. <q>Officials said the toll may rise.</q> "
        '(<a href="../sources/beta.html">Report by B. Writer</a>)'
    ) in page
    reading = _contradictions(
        EXPLAINED.format(quote="x")
        .replace("explained: true", "explained: false")
        .split("            explanation_quotes")[0]
    )
    page = _render(project(reading))["claims/death-toll.md"]
    assert "<em>Not explained by the texts. Our reading:</em> Beta counts later." in page
    contradictions = _render(project(reading))["contradictions.md"]
    assert "<br><em>Not explained by the texts. Our reading:</em> Beta counts later.</td>" in contradictions


def test_voices_and_figure_dates_are_labelled(project: Make) -> None:
    voiced = edit(
        TOLL,
        '              - "Beta reports that 15 people died."',
        '              - text: "Beta reports that 15 people died."\n'
        "                voice: listed-headline\n"
        "                of: a Wire report of 2 March 2026",
    )
    page = _render(project(voiced))["claims/death-toll.md"]
    assert (
        '<p class="fc-voice">Headline of a Wire report of 2 March 2026, listed in the references of '
        'the <a href="../sources/beta.html">report by B. Writer</a>; the report itself was not read for this site.</p>'
    ) in page
    rows = re.findall(
        r'<tr><td data-label="Source"><a[^>]*>([\w. ]+)</a></td>.*?<td data-label="Period and date">(.*?)</td>', page
    )
    assert rows == [
        ("Essay on the attack", 'refers to <time datetime="2026-03-01">1 March 2026</time>; date of report not given'),
        ("Report by B. Writer", "undated in the source"),
    ]


class _Visible(HTMLParser):
    """The text a reader sees, the attributes a reader hears (alt, title, aria-label), and JSON-LD values."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []
        self.json_ld: list[str] = []
        self._skip: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.seen.extend(str(values[a]) for a in ("alt", "title", "aria-label", "placeholder") if values.get(a))
        if tag in ("script", "style"):
            self._skip = "ld" if values.get("type") == "application/ld+json" else tag

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = None

    def handle_data(self, data: str) -> None:
        if self._skip == "ld":
            self.json_ld.append(data)
        elif self._skip is None:
            self.seen.append(data)


def _strings(value: object, key: str = "") -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(v, k)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v, key)]
    return [str(value)] if key != "url" else []


def test_no_source_id_reaches_a_reader(built_site: Path) -> None:
    """Every built page: visible text, chart labels, table heads, accessible names, JSON-LD and the search index."""
    content = check_project(REPO)
    ids = [s.id for s in content.sources]
    pattern = re.compile(r"(?<![\w/#.-])(" + "|".join(ids) + r")(?![\w-])")
    pages = sorted(built_site.rglob("*.html"))
    assert sorted(page.relative_to(built_site).as_posix() for page in pages) == expected_pages(content)
    found = []
    for path in pages:
        parser = _Visible()
        parser.feed(path.read_text(encoding="utf-8"))
        texts = parser.seen + [s for block in parser.json_ld for s in _strings(json.loads(block))]
        found += [(path.name, m.group()) for text in texts for m in pattern.finditer(text)]
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    found += [
        (d["location"], m.group()) for d in index["docs"] for f in ("title", "text") for m in pattern.finditer(d[f])
    ]
    assert found == []


def test_the_id_finder_finds_an_id_when_one_is_shown(tmp_path: Path) -> None:
    """The walk above can fail: a page with an id in its visible text is caught."""
    parser = _Visible()
    parser.feed(
        '<p>As <a href="../sources/alvi-analysis.html">alvi-analysis</a> says</p><script>x="narrative-space"</script>'
    )
    pattern = re.compile(r"(?<![\w/#.-])(alvi-analysis|narrative-space)(?![\w-])")
    assert [m.group() for t in parser.seen for m in pattern.finditer(t)] == ["alvi-analysis"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The {beta} says so.", "The report by B. Writer says so."),
        ("as the\n{beta} says", "as the\nreport by B. Writer says"),
        ("bathe {beta} says", "bathe the report by B. Writer says"),
        # where the text gives no article, the site supplies one
        ("{beta} says so.", "The report by B. Writer says so."),
        ("Yes. {beta} says so.", "Yes. The report by B. Writer says so."),
        ("figures of {beta}; and ({beta})", "figures of the report by B. Writer; and (the report by B. Writer)"),
        # a name inside quotation marks or a link is left as written
        ("the “{beta}”", "the “Report by B. Writer”"),
        ("[{beta}]", "[Report by B. Writer]"),
    ],
)
def test_a_name_reads_with_the_and_in_lower_case_inside_a_sentence(text: str, expected: str) -> None:
    beta = SimpleNamespace(name="Report by B. Writer")
    assert refs.plain(text, {"beta": beta}) == expected  # type: ignore[dict-item]
