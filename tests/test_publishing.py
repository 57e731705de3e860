"""Publishing metadata: site_url for deployment, link previews, the Atom feed, the publisher, source languages."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from conftest import DESK, edit, problems

from generator.build import build
from generator.check.validate import check_project
from generator.cli import main
from generator.errors import ConfigError
from generator.history import FileDates
from generator.model import CorrectionsPolicy, Editor, Masthead
from generator.render.feed import render_feed
from generator.render.render import SiteInfo, make_env, render_site
from generator.settings import read_mkdocs_yml, require_masthead, site_info

REPO = Path(__file__).resolve().parent.parent
Make = Callable[..., Path]
A = "{http://www.w3.org/2005/Atom}"
FULL = Masthead(  # tests/conftest.py DESK, as the model reads it
    name="Example Desk", address="https://example.org/", logo="assets/logo.png", ownership="Example Desk is owned by its staff.",
    funding="Reader donations.", editors=(Editor("A. Editor", "editor"),), report_address="mailto:desk@example.org",
    corrections_policy=CorrectionsPolicy("The editor.", "Within two working days.", "Write to the editor again."),
)  # fmt: skip
TOLL, FRAMING = "content/claims/death-toll.yaml", "content/claims/framing.yaml"
HISTORY = {TOLL: FileDates("2026-03-01", "2026-03-03"), FRAMING: FileDates("2026-03-01", "2026-03-01")}


def _configure(root: Path, site_url: str | None = None, extra: str = "") -> Path:
    """Set site_url and add lines to ``extra:`` in the project's copy of mkdocs.yml."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    if site_url:
        text = text.replace("# site_url:", f"site_url: {site_url}\n# was:", 1)
    text = text.replace("\nextra:\n", f"\nextra:\n{extra}", 1)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    return root


def _render(root: Path, site: SiteInfo) -> dict[str, str]:
    return render_site(check_project(root), make_env(REPO), site, HISTORY)


# --- site_url when deploying --------------------------------------------------------------------------------------


def test_a_deploy_build_without_site_url_stops_with_one_line(
    site_project: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_project()
    assert main(["--root", str(root), "build", "--deploy"]) == 1
    assert capsys.readouterr().err == (
        "error: mkdocs.yml: site_url: not set; a deployed site needs its public address for canonical links, "
        "the sitemap, the feed and ClaimReview URLs (e.g. site_url: https://example.org/explainer/)\n"
    )
    assert not (root / "site").exists()


def test_with_site_url_pages_have_canonical_links_previews_and_a_sitemap(site_project: Make) -> None:
    root = _configure(site_project({"content/publisher.yaml": DESK}), "https://example.org/desk")
    build(root, root / "site", deploy=True)
    head = (root / "site/claims/death-toll.html").read_text().split("</head>")[0]
    url = "https://example.org/desk/claims/death-toll.html"
    assert f'<link rel="canonical" href="{url}">' in head
    card = "https://example.org/desk/assets/cards/death-toll.png"  # the claim's social card, an absolute address
    bottom = "Verdict: Disputed. Alpha says 12 and Beta 15, and neither text reconciles them."
    assert _previews(head) == [
        ("property", "og:site_name", "Operation Herof: claims and sources"),
        ("property", "og:title", "Twelve dead in the attack, says Alpha"),
        ("property", "og:type", "article"),
        ("property", "og:description", bottom),
        ("property", "og:url", url),
        ("property", "og:image", card),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", "Twelve dead in the attack, says Alpha"),
        ("name", "twitter:description", bottom),
    ]
    assert f'<meta name="description" content="{bottom}">' in head
    assert "twitter:image" not in head  # the card is named once, by og:image
    sitemap = ET.fromstring((root / "site/sitemap.xml").read_bytes())
    locs = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert url in locs and "https://example.org/desk/index.html" in locs and len(locs) == 12  # with about.html
    review = json.loads(re.findall(r'<script type="application/ld\+json">(.*?)</script>', _page(root))[0])
    assert review["url"] == url


def test_without_site_url_pages_have_previews_but_no_addresses(built_project: Path) -> None:
    root = built_project
    head = (root / "site/index.html").read_text().split("</head>")[0]
    assert "og:url" not in head and 'rel="canonical"' not in head
    assert ("property", "og:type", "website") in _previews(head)
    assert ("property", "og:title", "Operation Herof: claims and sources") in _previews(head)  # not "Home"
    description = "A claim-by-claim fact-check explainer of the attacks in Balochistan on 31 January 2026."
    assert ("property", "og:description", description) in _previews(head)
    assert (
        '<link rel="alternate feed" type="application/atom+xml" title="Operation Herof: claims and sources: new and updated claims" href="feed.xml">'
        in head
    )
    claim_head = (root / "site/claims/death-toll.html").read_text().split("</head>")[0]
    assert (
        'type="application/atom+xml" title="Operation Herof: claims and sources: new and updated claims" href="../feed.xml">'
        in claim_head
    )
    assert "<loc>" not in (root / "site/sitemap.xml").read_text()


def test_preview_tags_escape_editor_text(site_project: Make) -> None:
    root = site_project(
        edit(
            TOLL,
            "bottom_line: Alpha says 12 and Beta 15, and neither text reconciles them.",
            "bottom_line: 'The {beta} says \"15 people died\" & *more*.'",  # a verbatim quotation
        )
    )
    build(root, root / "site")
    head = (root / "site/claims/death-toll.html").read_text().split("</head>")[0]
    expected = "Verdict: Disputed. The report by B. Writer says &#34;15 people died&#34; &amp; more."
    assert f'<meta property="og:description" content="{expected}">' in head


def _previews(head: str) -> list[tuple[str, str, str]]:
    return re.findall(r'<meta (property|name)="((?:og|twitter):[a-z_]+)" content="([^"]*)">', head)


def _page(root: Path) -> str:
    return (root / "site/claims/death-toll.html").read_text()


# --- the publisher -------------------------------------------------------------------------------------------------


def test_the_publisher_is_the_reviews_author(project: Make) -> None:
    site = SiteInfo("Test desk", "https://example.org/desk/", None)
    page = _render(project({"content/publisher.yaml": DESK}), site)["claims/death-toll.md"]
    review = json.loads(re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)[0])
    assert review["author"] == {
        "@type": "Organization",
        "name": "Example Desk",
        "url": "https://example.org/",
        "logo": {"@type": "ImageObject", "url": "https://example.org/desk/assets/logo.png"},
    }
    assert '<p class="fc-byline">Published by <a href="https://example.org/">Example Desk</a>' in page


def test_without_site_url_the_logo_is_relative_to_the_claim_page(project: Make) -> None:
    page = _render(project({"content/publisher.yaml": DESK}), SiteInfo("Test desk", None, None))["claims/death-toll.md"]
    review = json.loads(re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)[0])
    assert review["author"]["logo"] == {"@type": "ImageObject", "url": "../assets/logo.png"}


def test_the_repository_publishes_when_publisher_yaml_says_so(project: Make) -> None:
    text = DESK.replace(
        "name: Example Desk\n      address: https://example.org/\n      logo: assets/logo.png", "repository: true"
    ).replace("address: mailto:desk@example.org", "issue_form: error-report.yml")
    root = project({"content/publisher.yaml": text})
    site = SiteInfo("Test desk", "https://example.org/desk/", None, "https://github.com/owner/name")
    pages = _render(root, site)
    review = json.loads(
        re.findall(r'<script type="application/ld\+json">(.*?)</script>', pages["claims/death-toll.md"])[0]
    )
    assert review["author"] == {"@type": "Organization", "name": "owner/name", "url": "https://github.com/owner/name"}
    report = (
        "https://github.com/owner/name/issues/new?template=error-report.yml&amp;page=https%3A%2F%2Fexample.org"
        "%2Fdesk%2Fsources%2Fbeta.html&amp;title=Error+report%3A+Beta+reports"
    )
    assert f'<a href="{report}">Report an error on this page</a>' in pages["sources/beta.md"]
    assert 'published by the repository <a href="https://github.com/owner/name">owner/name</a>' in pages["about.md"]


def test_without_the_repository_address_the_about_page_says_it_is_set_at_deploy(project: Make) -> None:
    root = project({"content/publisher.yaml": "publisher: {repository: true}\nreport_error: {issue_form: e.yml}\n"})
    pages = _render(root, SiteInfo("Test desk", None, None))
    assert "The address for reporting errors is set when the site is deployed" in pages["about.md"]
    assert "The repository's address is set when the site is deployed" in pages["about.md"]
    assert "Report an error on this page" not in pages["claims/death-toll.md"]
    assert "Published by the repository this site is built from" in pages["claims/death-toll.md"]


def test_a_mailto_report_link_carries_the_page_and_its_title(project: Make) -> None:
    pages = _render(project({"content/publisher.yaml": DESK}), SiteInfo("Test desk", None, None))
    link = (
        "mailto:desk@example.org?subject=Error%20report%3A%20Beta%20reports&amp;body=Page%3A%20sources%2Fbeta.html"
        "%0A%0AWhat%20is%20wrong%3A%0A%0AEvidence%3A%0A"
    )
    assert f'<a href="{link}">Report an error on this page</a>' in pages["sources/beta.md"]


def test_language_and_repository_are_read_from_mkdocs_yml(site_project: Make) -> None:
    root = _configure(site_project(), extra="  repository_url: https://github.com/owner/name/\n")
    text = (root / "mkdocs.yml").read_text().replace("language: en", "language: fr")
    (root / "mkdocs.yml").write_text(text)
    info = site_info(read_mkdocs_yml(root))
    assert info.repository == "https://github.com/owner/name"
    assert info.language == "fr" and info.url is None
    assert site_info({"site_name": "S", "site_url": "https://example.org/x"}) == SiteInfo(
        "S", "https://example.org/x/", None, None, "en"
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"publisher": {"name": "Desk"}}, 'mkdocs.yml: extra.publisher: moved to content/publisher.yaml (README, "Who publishes")'),
        ({"report_error_url": "mailto:a@b.c"}, 'mkdocs.yml: extra.report_error_url: moved to content/publisher.yaml (README, "Who publishes")'),
        ({"repository_url": "http://github.com/o/n"}, "extra.repository_url (mkdocs.yml or --repository-url): expected an https address, got 'http://github.com/o/n'"),
    ],
)  # fmt: skip
def test_a_publisher_in_mkdocs_yml_is_refused_with_where_it_went(extra: object, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        site_info({"site_name": "S", "extra": extra})
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("publisher: {name: Desk, address: example.org}\n",
         "content/publisher.yaml:1:34: publisher.address: 'example.org' must be an http:// or https:// address"),
        ("report_error: {address: desk@example.org}\n",
         "content/publisher.yaml:1:25: report_error.address: 'desk@example.org' must be a mailto: address or an https:// address"),
        ("report_error: {address: 'javascript:alert(1)'}\n",
         "content/publisher.yaml:1:25: report_error.address: 'javascript:alert(1)' must be a mailto: address or an https:// address"),
        ("report_error: {address: 'https://x/a\"><script>'}\n",
         "content/publisher.yaml:1:25: report_error.address: 'https://x/a\"><script>' must be a mailto: address or an https:// address"),
        ("editors: [{name: A}]\n", "content/publisher.yaml:1:11: editors[0].role: required field is missing (add 'role:')"),
        ("publisher: {repository: false}\n", "content/publisher.yaml:1:25: publisher.repository: must be true"),
    ],
)  # fmt: skip
def test_a_bad_publisher_file_is_located(project: Make, text: str, message: str) -> None:
    assert problems(project({"content/publisher.yaml": text})) == [message]


def test_a_publisher_in_mkdocs_yml_fails_the_build_before_anything_is_written(
    site_project: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _configure(site_project(), extra="  publisher: {name: Desk, url: 'https://example.org/'}\n")
    assert main(["--root", str(root), "build"]) == 1
    assert capsys.readouterr().err == (
        'error: mkdocs.yml: extra.publisher: moved to content/publisher.yaml (README, "Who publishes")\n'
    )
    assert not (root / "site").exists()


# --- what a deployed site must say ----------------------------------------------------------------------------------

DEPLOYABLE = SiteInfo("S", "https://example.org/", None, "https://github.com/owner/name")
NO_PUBLISHER = ("content/publisher.yaml: publisher: not set; a deployed site must say who publishes it "
                "(publisher: name, or repository: true)")  # fmt: skip
NO_REPORT = ("content/publisher.yaml: report_error: not set; a deployed site must say where readers report an error "
             "(address: a mailto: or https: address, or issue_form: with repository: true)")  # fmt: skip
NO_OWNERSHIP = (
    "content/publisher.yaml: ownership: not set; a deployed site must say who owns it, or that it is not known"
)
NO_FUNDING = (
    "content/publisher.yaml: funding: not set; a deployed site must say how it is funded, or that it is not known"
)


@pytest.mark.parametrize(
    ("masthead", "site", "message"),
    [
        (replace(FULL, name=None), DEPLOYABLE, NO_PUBLISHER),
        (replace(FULL, report_address=None), DEPLOYABLE, NO_REPORT),
        (replace(FULL, ownership=None), DEPLOYABLE, NO_OWNERSHIP),
        (replace(FULL, funding=None), DEPLOYABLE, NO_FUNDING),
        (replace(FULL, name=None, repository=True), replace(DEPLOYABLE, repository=None),
         "--repository-url: not set; content/publisher.yaml says the site is published by its repository, "
         "so a deployed site needs the repository's address"),
        (replace(FULL, report_address=None, issue_form="error-report.yml"), DEPLOYABLE,
         "content/publisher.yaml: report_error.issue_form: needs publisher: repository: true (the issue form lives "
         "in the repository); give address: instead"),
        (Masthead(), DEPLOYABLE, "\nerror: ".join((NO_PUBLISHER, NO_REPORT, NO_OWNERSHIP, NO_FUNDING))),
    ],
)  # fmt: skip
def test_a_deploy_build_names_each_missing_setting(masthead: Masthead, site: SiteInfo, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        require_masthead(masthead, site)
    assert str(raised.value) == message


def test_a_complete_masthead_deploys(project: Make) -> None:
    require_masthead(FULL, DEPLOYABLE)
    require_masthead(replace(FULL, name=None, repository=True, report_address=None, issue_form="e.yml"), DEPLOYABLE)
    assert check_project(project({"content/publisher.yaml": DESK})).masthead == FULL


def test_a_deploy_build_without_a_publisher_stops_before_anything_is_written(
    site_project: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_project()  # a local build needs no publisher; a build to publish does
    assert main(["--root", str(root), "build", "--site-dir", str(root / "local")]) == 0
    assert main(["--root", str(root), "build", "--deploy", "--site-url", "https://example.org/"]) == 1
    assert (
        capsys.readouterr().err
        == "error: " + "\nerror: ".join((NO_PUBLISHER, NO_REPORT, NO_OWNERSHIP, NO_FUNDING)) + "\n"
    )
    assert not (root / "site").exists()


# --- where each source was published ------------------------------------------------------------------------------


def test_a_source_page_says_what_is_not_known_of_its_publication_and_why(project: Make) -> None:
    page = _render(project(), SiteInfo("Desk", None, None))["sources/beta.md"]
    details = page.split("## Publication details")[1].split("## Framing")[0]
    assert re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", details) == [
        ("Outlet or platform", "Not known"),
        ("Address", "Not known"),
        ("Published", "Not known"),
        ("Retrieved", '<time datetime="2026-03-05">5 March 2026</time>'),
        ("Archived copy", "Not known"),
        ("Basis for reproducing the full text", "Not known"),
    ]
    assert '<p class="fc-note">Publication details not known: the text was supplied without them.</p>' in details
    assert "Title given by this site" not in page  # beta's title is its own headline


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  unknown_reason: the text was supplied without them\n", "",
         "content/sources/beta.yaml:16:3: publication.unknown_reason: required field is missing (add 'unknown_reason:')"),
        ("url: unknown", "url: example.org/beta",
         "content/sources/beta.yaml:17:8: publication.url: 'example.org/beta' must be an http:// or https:// URL, or unknown"),
        ("published: unknown", "published: 1 March",
         "content/sources/beta.yaml:18:14: publication.published: '1 March' must be a date written \"YYYY-MM-DD\", "
         "\"YYYY-MM\" or \"YYYY\", or unknown"),
    ],
)  # fmt: skip
def test_publication_details_are_given_or_unknown_with_a_reason(
    project: Make, old: str, new: str, message: str
) -> None:
    assert problems(project(edit("content/sources/beta.yaml", old, new))) == [message]


# --- source languages ----------------------------------------------------------------------------------------------


def test_a_source_text_carries_its_own_language(project: Make) -> None:
    root = project(edit("content/sources/alpha.yaml", "kind: opinion", "kind: opinion\n        language: fr-CA"))
    pages = _render(root, SiteInfo("Desk", None, None))
    assert '<div class="fc-seed" lang="fr-CA" dir="ltr">' in pages["sources/alpha.md"]
    assert '<div class="fc-seed" lang="en">' in pages["sources/beta.md"]
    assert '<p lang="fr-CA" dir="ltr">Alpha says 12 people died on 1 March 2026.</p>' in pages["claims/death-toll.md"]
    assert "<p>Beta reports that 15 people died.</p>" in pages["claims/death-toll.md"]


def test_without_a_language_a_source_text_takes_the_sites(project: Make) -> None:
    pages = _render(project(), SiteInfo("Desk", None, None, None, "ur"))
    assert '<div class="fc-seed" lang="ur">' in pages["sources/alpha.md"]


def test_a_language_must_be_a_language_tag(project: Make) -> None:
    root = project(edit("content/sources/alpha.yaml", "kind: opinion", "kind: opinion\n        language: english_1"))
    assert problems(root) == [
        "content/sources/alpha.yaml:5:11: language: 'english_1' must be a language tag (BCP 47) such as en, ur or fr-CA"
    ]


# --- the feed ------------------------------------------------------------------------------------------------------


def test_the_feed_is_atom_with_every_required_element(project: Make) -> None:
    site = SiteInfo("Test desk", "https://example.org/desk/", None)
    feed = ET.fromstring(_render(project({"content/publisher.yaml": DESK}), site)["feed.xml"])
    assert feed.tag == f"{A}feed"
    assert [feed.findtext(f"{A}{tag}") for tag in ("id", "title", "updated")] == [
        "https://example.org/desk/feed.xml",
        "Test desk",
        "2026-03-04T00:00:00Z",  # the newest entry: a correction dated after the file's last commit
    ]
    assert feed.findtext(f"{A}author/{A}name") == "Example Desk"
    assert {(link.get("rel"), link.get("href")) for link in feed.iter(f"{A}link") if link in list(feed)} == {
        ("self", "https://example.org/desk/feed.xml"),
        ("alternate", "https://example.org/desk/index.html"),
    }
    entries = [
        (e.findtext(f"{A}id"), e.findtext(f"{A}title"), e.findtext(f"{A}published"), e.findtext(f"{A}updated"))
        for e in feed.findall(f"{A}entry")
    ]
    toll = "https://example.org/desk/claims/death-toll.html"
    assert entries == [
        (toll, "Twelve dead in the attack, says Alpha", "2026-03-01T00:00:00Z", "2026-03-04T00:00:00Z"),
        (f"{toll}#correction-2", "Correction: Twelve dead in the attack, says Alpha", "2026-03-04T00:00:00Z", "2026-03-04T00:00:00Z"),
        (f"{toll}#correction-1", "Update: Twelve dead in the attack, says Alpha", "2026-03-02T00:00:00Z", "2026-03-02T00:00:00Z"),
        ("https://example.org/desk/claims/framing.html", "The attack was brutal.", "2026-03-01T00:00:00Z", "2026-03-01T00:00:00Z"),
    ]  # fmt: skip
    first = feed.findall(f"{A}entry")[0]
    assert (
        first.findtext(f"{A}summary")
        == "Verdict: Disputed. Alpha says 12 and Beta 15, and neither text reconciles them."
    )
    assert first.find(f"{A}link").get("href") == toll  # type: ignore[union-attr]
    correction = feed.findall(f"{A}entry")[2]
    assert correction.findtext(f"{A}summary") == "Added Beta's figure of 15 deaths."  # Markdown stripped
    assert correction.find(f"{A}link").get("href") == f"{toll}#corrections"  # type: ignore[union-attr]


def test_without_site_url_the_feed_links_relatively_with_stable_ids(project: Make) -> None:
    content = check_project(project())
    site = SiteInfo("Test desk", None, None)
    text = render_feed(content, site, HISTORY)
    assert text == render_feed(content, site, dict(reversed(HISTORY.items())))  # deterministic
    feed = ET.fromstring(text)
    ids = [e.findtext(f"{A}id") or "" for e in feed.findall(f"{A}entry")]
    assert all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", i) for i in [feed.findtext(f"{A}id"), *ids])
    assert len(set(ids)) == 4
    assert [link.get("href") for link in feed.iter(f"{A}link")] == [
        "feed.xml", "index.html", "claims/death-toll.html", "claims/death-toll.html#corrections",
        "claims/death-toll.html#corrections", "claims/framing.html",
    ]  # fmt: skip
    assert feed.findtext(f"{A}author/{A}name") == "Test desk"  # no publisher set: the site's name


def test_outside_git_the_feed_is_dated_by_the_content(project: Make) -> None:
    feed = ET.fromstring(render_feed(check_project(project()), SiteInfo("Test desk", None, None), {}))
    assert [e.findtext(f"{A}title") for e in feed.findall(f"{A}entry")] == [
        "Twelve dead in the attack, says Alpha",
        "Correction: Twelve dead in the attack, says Alpha",
        "Update: Twelve dead in the attack, says Alpha",
        "The attack was brutal.",
    ]


def test_the_built_site_ships_the_feed(built_project: Path) -> None:
    root = built_project
    feed = ET.fromstring((root / "site/feed.xml").read_bytes())
    assert feed.tag == f"{A}feed" and feed.findtext(f"{A}title") == "Operation Herof: claims and sources"


def test_the_real_sites_feed_parses(built_site: Path) -> None:
    feed = ET.fromstring((built_site / "feed.xml").read_bytes())
    entries = feed.findall(f"{A}entry")
    assert all(e.findtext(f"{A}id") and e.findtext(f"{A}updated") for e in entries)
    published = "published" in yaml.safe_load((REPO / "content/edition.yaml").read_text(encoding="utf-8"))
    assert bool(entries) == published  # before publication the feed announces nothing


def test_the_workflow_gives_the_address_with_site_url_on_the_command_line(site_project: Make) -> None:
    root = site_project({"content/publisher.yaml": DESK})  # mkdocs.yml sets no site_url: the workflow passes it
    assert main(["--root", str(root), "build", "--deploy", "--site-url", "https://example.org/pages/"]) == 0
    head = (root / "site/claims/death-toll.html").read_text(encoding="utf-8").split("</head>")[0]
    assert '<link rel="canonical" href="https://example.org/pages/claims/death-toll.html">' in head
    assert "<loc>https://example.org/pages/claims/death-toll.html</loc>" in (root / "site/sitemap.xml").read_text()


def test_mkdocs_yml_is_read_with_its_env_tags_without_mkdocs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: S\nsite_url: !ENV [FACTCHECK_TEST_URL, 'https://fallback.example/']\n"
    )
    assert read_mkdocs_yml(tmp_path)["site_url"] == "https://fallback.example/"
    monkeypatch.setenv("FACTCHECK_TEST_URL", "https://env.example/")
    assert read_mkdocs_yml(tmp_path)["site_url"] == "https://env.example/"
