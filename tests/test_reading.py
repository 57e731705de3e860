"""What readers get besides the pages' words: order, dates, charts, search entries, footer, 404, page weight."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import edit, problems
from playwright.sync_api import Browser
from sitecheck import reader, reading_pages

from generator.check import refs
from generator.check.validate import check_project
from generator.render.chart import Bar, bar_chart
from generator.render.navigation import neighbours, topic_groups
from generator.render.readable import human_date
from generator.render.render import SiteInfo, make_env, render_site

REPO = Path(__file__).resolve().parent.parent
EDITION = "content/edition.yaml"
Make = Callable[..., Path]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2026-01-31", "31 January 2026"),
        ("2026-02-01", "1 February 2026"),
        ("2026-12", "December 2026"),
        ("2026", "2026"),
    ],
)
def test_dates_are_shown_in_words(value: str, shown: str) -> None:
    assert human_date(value) == shown


def test_claims_are_grouped_by_first_topic_in_the_editions_order(project: Make) -> None:
    changes = {
        **edit(
            "content/topics.yaml",
            "label: Casualties",
            "label: Casualties\n          - id: framings\n            label: Framings",
        ),
        **edit("content/claims/framing.yaml", "topics: [casualties]", "topics: [framings, casualties]"),
        **edit(EDITION, "most_disputed: [death-toll]", "most_disputed: [death-toll]\n        topic_order: [framings]"),
    }
    content = check_project(project(changes))
    groups = topic_groups(content)
    assert [(topic.id, [c.id for c in members]) for topic, members in groups] == [
        ("framings", ["framing"]),
        ("casualties", ["death-toll"]),
    ]
    assert {claim: (t.id, p, n) for claim, (t, p, n) in neighbours(groups).items()} == {
        "framing": ("framings", None, None),
        "death-toll": ("casualties", None, None),
    }


def test_claim_order_sets_importance_and_previous_next(project: Make) -> None:
    changes = edit(
        EDITION, "most_disputed: [death-toll]", "most_disputed: [death-toll]\n        claim_order: [framing]"
    )
    content = check_project(project(changes))
    ((_, members),) = topic_groups(content)
    assert [c.id for c in members] == ["framing", "death-toll"]  # listed first, then the rest by id
    around = neighbours(topic_groups(content))
    assert around["framing"][1:] == (None, members[1]) and around["death-toll"][1:] == (members[0], None)
    page = render_site(content, make_env(REPO), SiteInfo("Desk", None, None))["claims/framing.md"]
    assert (
        '<nav class="fc-pager" aria-label="More claims on Casualties" data-search-exclude>\n'
        '<p class="fc-pager-title">More on Casualties</p>\n'
        '<a class="fc-pager-next" href="../claims/death-toll.html"><span class="fc-pager-dir">Next:</span> '
        "Twelve dead in the attack, says Alpha</a>\n</nav>"
    ) in page


def test_unknown_ids_in_the_editions_order_are_named(project: Make) -> None:
    changes = edit(
        EDITION,
        "most_disputed: [death-toll]",
        "most_disputed: [death-toll]\n        topic_order: [casualtys]\n        claim_order: [death-tol]",
    )
    assert problems(project(changes)) == [
        f"{EDITION}:4:15: topic_order[0]: no topic with id 'casualtys' in content/topics.yaml",
        f"{EDITION}:5:15: claim_order[0]: no claim with id 'death-tol' in content/claims/",
    ]


def test_a_repeated_id_in_the_editions_order_is_refused(project: Make) -> None:
    changes = edit(
        EDITION, "most_disputed: [death-toll]", "most_disputed: [death-toll]\n        claim_order: [framing, framing]"
    )
    assert problems(project(changes)) == [f"{EDITION}:4:14: claim_order: lists the same item twice"]


def test_charts_draw_lower_bounds_open_and_name_every_figure() -> None:
    bars = [
        Bar("Alpha", "reported 1 February 2026", 193, "at least 193", open_ended=True),
        Bar("Beta", "date not given", 120, "120"),
    ]
    chart = str(bar_chart("Figures for deaths", bars))
    assert chart.startswith(
        '<div class="fc-chart" role="img" aria-label="Figures for deaths: '
        'Alpha, reported 1 February 2026: at least 193; Beta, date not given: 120.">'
    )
    assert chart.count('class="fc-chart-more"') == 1  # only the lower bound continues past its bar
    assert re.findall(r'<rect x="0" y="0" width="([\d.]+)"', chart) == ["90.0", "56.0"]
    assert "style=" not in chart  # the Content-Security-Policy refuses style attributes


def test_chart_bars_follow_the_report_dates(project: Make) -> None:
    changes = edit(
        "content/claims/death-toll.yaml",
        "                attributed_to: officials",
        "                attributed_to: officials\n                date: 2026-02-28\n                date_role: reported",
    )
    page = render_site(check_project(project(changes)), make_env(REPO), SiteInfo("Desk", None, None))
    labels = re.findall(r'<p class="fc-chart-label">(.*?)</p>', page["claims/death-toll.md"])
    assert labels == [
        'Report by B. Writer — officials <span class="fc-chart-when">(reported 28 February 2026)</span>:'
        " <strong>15</strong>",
        'Essay on the attack — the author <span class="fc-chart-when">(refers to 1 March 2026)</span>:'
        " <strong>12</strong>",
    ]


def test_chart_rows_say_whom_each_source_attributes_its_figure_to(project: Make) -> None:
    """A headline a source lists is not the source's own report: the row says so, and the date is the headline's."""
    changes = edit(
        "content/claims/death-toll.yaml",
        "                attributed_to: officials",
        "                attributed_to: the headline of a Wire report listed by the {beta}\n"
        "                date: 2026-02-28\n                date_role: reported",
    )
    page = render_site(check_project(project(changes)), make_env(REPO), SiteInfo("Desk", None, None))[
        "claims/death-toll.md"
    ]
    labels = re.findall(r'<p class="fc-chart-label">(.*?)</p>', page)
    assert labels[0] == (
        "Report by B. Writer — the headline of a Wire report listed by the report by B. Writer"
        ' <span class="fc-chart-when">(reported 28 February 2026)</span>: <strong>15</strong>'
    )
    assert (
        'aria-label="Figures for deaths, in order of date: Report by B. Writer — the headline of a Wire report listed'
        " by the report by B. Writer, reported 28 February 2026: 15; Essay on the attack — the author, refers to"
        ' 1 March 2026: 12."'
    ) in page
    assert (
        "<figcaption>Deaths, as each source gives or lists them, with whom it attributes them to, in order of the"
        " date given (undated last). The figures may cover different periods, given in the table above, which lists"
        ' every figure. An open end marks a lower bound ("at least", "more than").</figcaption>'
    ) in page


def test_a_unit_with_a_single_figure_gets_no_chart(project: Make) -> None:
    """A chart of one bar compares nothing: figures in units of their own stay in their positions, uncharted."""
    changes = edit("content/claims/death-toll.yaml", "                unit: deaths\n                counts: People killed\n",
                   "                unit: people killed\n                counts: People killed\n")  # fmt: skip
    page = render_site(check_project(project(changes)), make_env(REPO), SiteInfo("Desk", None, None))
    assert 'class="fc-chart"' not in page["claims/death-toll.md"]
    both = render_site(check_project(project()), make_env(REPO), SiteInfo("Desk", None, None))
    assert both["claims/death-toll.md"].count('class="fc-chart"') == 1  # two figures in one unit: one chart


def _index(site: Path) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    return docs


def test_search_shows_claims_with_their_verdicts_not_table_text(built_site: Path) -> None:
    content = check_project(REPO)
    docs = _index(built_site)
    labels = {v.id: v.label for v in content.verdicts}
    sources = {s.id: s for s in content.sources}
    for claim in content.claims:
        (entry,) = [d for d in docs if d["location"] == f"claims/{claim.id}.html"]  # the page's own entry
        assert entry["title"] == claim.headline
        assert entry["text"].startswith(f"<p>What was claimed: {refs.plain(claim.claim, sources)}</p>"), claim.id
        assert f"<p>Verdict: {labels[claim.verdict]}</p>" in entry["text"], claim.id
        assert "At a glance" not in entry["text"], claim.id
    for page in ("matrix.html", "contradictions.html", "index.html", "claims.html"):
        texts = [d["text"] for d in docs if d["location"].split("#")[0] == page]
        longest = max(2500, len(content.edition.overview) + 1000)  # intro paragraphs and the overview, not tables
        assert texts and max(len(t) for t in texts) < longest, page
    everything = " ".join(d["text"] for d in docs)
    for glued in (
        "ClaimKindBetween",
        "SourceFigureWhat it counts",
        "About this page",
        "In context",
        "All verdictsCorroborated",  # the filter's options
    ):
        assert glued not in everything


def test_the_site_ships_no_source_maps_or_unused_language_packs(built_site: Path) -> None:
    assert sorted(built_site.rglob("*.map")) == []
    assert not (built_site / "assets/javascripts/lunr").exists()
    for path in [*built_site.rglob("*.js"), *built_site.rglob("*.css")]:
        assert b"sourceMappingURL" not in path.read_bytes(), path


def test_the_404_page_links_relatively_and_works_from_disk(browser: Browser, built_site: Path) -> None:
    page = (built_site / "404.html").read_text(encoding="utf-8")
    assert re.findall(r'(?:href|src)="/[^"]*"', page) == []
    with reader(browser) as tab:
        tab.page.goto((built_site / "404.html").as_uri())
        local = [url for url in tab.requests if url.startswith("file://")]
        assert len(local) > 3
        assert [url for url in local if not Path(re.split("[?#]", url.removeprefix("file://"))[0]).exists()] == []
        assert tab.page.locator("link[href$='factcheck.css']").count() == 1


def test_every_page_says_how_to_report_an_error_and_links_the_data(built_site: Path) -> None:
    for path in reading_pages(built_site):
        html = path.read_text(encoding="utf-8")
        assert "<strong>Spotted an error?</strong>" in html, path
        assert re.search(r'<a href="(\.\.?/)?about\.html">About this site</a>', html), path
        assert re.search(r'<a href="(\.\.?/)?claims\.json">claims\.json</a>', html), path
    home = (built_site / "404.html").read_text(encoding="utf-8")  # no current page, no contents
    nav = re.findall(r'class="md-nav__link"[^>]*>\s*<span class="md-ellipsis">\s*([^<]*?)\s*</span>', home)
    assert nav == [
        "Home",
        "Claims",
        "Sources",
        "Contradictions",
        "Source by claim",
        "Methodology",
        "Corrections",
        "About",
    ]


def test_a_report_address_in_publisher_yaml_reaches_every_page(site_project: Make) -> None:
    from conftest import DESK

    from generator.build import build

    root = site_project({"content/publisher.yaml": DESK})
    build(root, root / "site")
    for path in (root / "site").rglob("*.html"):
        if path.name == "404.html":  # not a page of ours: its footer names the About page
            continue
        link = re.search(r'<a href="(mailto:desk@example\.org\?subject=[^"]+)">Report an error on this page</a>',
                         path.read_text(encoding="utf-8"))  # fmt: skip
        assert link, path
        assert "body=Page%3A%20" in link.group(1)
