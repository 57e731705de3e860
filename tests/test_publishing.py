"""Publishing metadata: site_url for deployment, link previews, the Atom feed, the publisher, source languages."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import edit, problems

from generator.build import build
from generator.check.validate import check_project
from generator.cli import main
from generator.errors import ConfigError
from generator.history import FileDates
from generator.render.feed import render_feed
from generator.render.render import SiteInfo, make_env, render_site
from generator.render.structured import Publisher
from generator.settings import publisher, site_info
from generator.zensical.guard import load_config

REPO = Path(__file__).resolve().parent.parent
Make = Callable[..., Path]
A = "{http://www.w3.org/2005/Atom}"
TOLL, FRAMING = "content/claims/death-toll.yaml", "content/claims/framing.yaml"
HISTORY = {TOLL: FileDates("2026-03-01", "2026-03-03"), FRAMING: FileDates("2026-03-01", "2026-03-01")}
DESK = Publisher("Example Desk", "https://example.org/", "assets/logo.png")


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
    root = _configure(site_project(), "https://example.org/desk")
    build(root, root / "site", deploy=True)
    head = (root / "site/claims/death-toll.html").read_text().split("</head>")[0]
    url = "https://example.org/desk/claims/death-toll.html"
    assert f'<link rel="canonical" href="{url}">' in head
    assert _previews(head) == [
        ("property", "og:site_name", "Operation Herof: claims and sources"),
        ("property", "og:title", "Twelve people died in the attack."),
        ("property", "og:type", "article"),
        ("property", "og:description", "Verdict: Disputed. Alpha says 12, Beta says 15."),
        ("property", "og:url", url),
        ("name", "twitter:card", "summary"),
        ("name", "twitter:title", "Twelve people died in the attack."),
        ("name", "twitter:description", "Verdict: Disputed. Alpha says 12, Beta says 15."),
    ]
    assert '<meta name="description" content="Verdict: Disputed. Alpha says 12, Beta says 15.">' in head
    assert "og:image" not in head and "twitter:image" not in head  # the texts give no image: none is invented
    sitemap = ET.fromstring((root / "site/sitemap.xml").read_bytes())
    locs = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert url in locs and "https://example.org/desk/index.html" in locs and len(locs) == 11
    review = json.loads(re.findall(r'<script type="application/ld\+json">(.*?)</script>', _page(root))[0])
    assert review["url"] == url


def test_without_site_url_pages_have_previews_but_no_addresses(site_project: Make) -> None:
    root = site_project()
    build(root, root / "site")
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
            "verdict_reason: Alpha says 12, Beta says 15.",
            "verdict_reason: 'The {beta} says \"15 people died\" & *more*.'",  # a verbatim quotation
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
    site = SiteInfo("Test desk", "https://example.org/desk/", None, DESK)
    page = _render(project(), site)["claims/death-toll.md"]
    review = json.loads(re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)[0])
    assert review["author"] == {
        "@type": "Organization",
        "name": "Example Desk",
        "url": "https://example.org/",
        "logo": {"@type": "ImageObject", "url": "https://example.org/desk/assets/logo.png"},
    }


def test_without_site_url_the_logo_is_relative_to_the_claim_page(project: Make) -> None:
    page = _render(project(), SiteInfo("Test desk", None, None, DESK))["claims/death-toll.md"]
    review = json.loads(re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)[0])
    assert review["author"]["logo"] == {"@type": "ImageObject", "url": "../assets/logo.png"}


def test_publisher_and_language_are_read_from_mkdocs_yml(site_project: Make) -> None:
    root = _configure(site_project(), extra="  publisher: {name: Example Desk, url: 'https://example.org/'}\n")
    text = (root / "mkdocs.yml").read_text().replace("language: en", "language: fr")
    (root / "mkdocs.yml").write_text(text)
    info = site_info(load_config(root))
    assert info.publisher == Publisher("Example Desk", "https://example.org/")
    assert info.language == "fr" and info.url is None
    assert site_info({"site_name": "S", "site_url": "https://example.org/x"}) == SiteInfo(
        "S", "https://example.org/x/", None, None, "en"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Desk", "mkdocs.yml: extra.publisher: expected a mapping with name and, optionally, url and logo"),
        ({"name": "Desk", "email": "a@b"}, "mkdocs.yml: extra.publisher: expected a mapping with name and, optionally, url and logo"),
        ({"url": "https://example.org/"}, "mkdocs.yml: extra.publisher.name: expected the publisher's name as text"),
        ({"name": "Desk", "url": "example.org"}, "mkdocs.yml: extra.publisher.url: expected an http or https address, got 'example.org'"),
        ({"name": "Desk", "logo": "../logo.png"}, "mkdocs.yml: extra.publisher.logo: expected an http or https address or a path inside the site, got '../logo.png'"),
    ],
)  # fmt: skip
def test_a_bad_publisher_setting_is_named(value: object, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        publisher(value)
    assert str(raised.value) == message


def test_a_bad_publisher_fails_the_build_before_anything_is_written(
    site_project: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _configure(site_project(), extra="  publisher: {name: Desk, url: example.org}\n")
    assert main(["--root", str(root), "build"]) == 1
    assert capsys.readouterr().err == (
        "error: mkdocs.yml: extra.publisher.url: expected an http or https address, got 'example.org'\n"
    )
    assert not (root / "site").exists()


# --- source languages ----------------------------------------------------------------------------------------------


def test_a_source_text_carries_its_own_language(project: Make) -> None:
    root = project(edit("content/sources/alpha.yaml", "kind: opinion", "kind: opinion\n        language: fr-CA"))
    pages = _render(root, SiteInfo("Desk", None, None))
    assert '<div class="fc-seed" lang="fr-CA">' in pages["sources/alpha.md"]
    assert '<div class="fc-seed" lang="en">' in pages["sources/beta.md"]
    assert '<p lang="fr-CA">Alpha says 12 people died on 1 March 2026.</p>' in pages["claims/death-toll.md"]
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
    site = SiteInfo("Test desk", "https://example.org/desk/", None, DESK)
    feed = ET.fromstring(_render(project(), site)["feed.xml"])
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
        (toll, "Twelve people died in the attack.", "2026-03-01T00:00:00Z", "2026-03-04T00:00:00Z"),
        (f"{toll}#correction-2", "Correction: Twelve people died in the attack.", "2026-03-04T00:00:00Z", "2026-03-04T00:00:00Z"),
        (f"{toll}#correction-1", "Update: Twelve people died in the attack.", "2026-03-02T00:00:00Z", "2026-03-02T00:00:00Z"),
        ("https://example.org/desk/claims/framing.html", "The attack was brutal.", "2026-03-01T00:00:00Z", "2026-03-01T00:00:00Z"),
    ]  # fmt: skip
    first = feed.findall(f"{A}entry")[0]
    assert first.findtext(f"{A}summary") == "Verdict: Disputed. Alpha says 12, Beta says 15."
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
        "Twelve people died in the attack.",
        "Correction: Twelve people died in the attack.",
        "Update: Twelve people died in the attack.",
        "The attack was brutal.",
    ]


def test_the_built_site_ships_the_feed(site_project: Make) -> None:
    root = site_project()
    build(root, root / "site")
    feed = ET.fromstring((root / "site/feed.xml").read_bytes())
    assert feed.tag == f"{A}feed" and feed.findtext(f"{A}title") == "Operation Herof: claims and sources"


def test_the_real_sites_feed_parses(built_site: Path) -> None:
    feed = ET.fromstring((built_site / "feed.xml").read_bytes())
    entries = feed.findall(f"{A}entry")
    assert all(e.findtext(f"{A}id") and e.findtext(f"{A}updated") for e in entries)
    published = "published" in yaml.safe_load((REPO / "content/edition.yaml").read_text(encoding="utf-8"))
    assert bool(entries) == published  # before publication the feed announces nothing


def test_the_workflow_gives_the_address_with_site_url_on_the_command_line(site_project: Make) -> None:
    root = site_project()  # mkdocs.yml sets no site_url: the Pages workflow passes the address it is given
    assert main(["--root", str(root), "build", "--deploy", "--site-url", "https://example.org/pages/"]) == 0
    head = (root / "site/claims/death-toll.html").read_text(encoding="utf-8").split("</head>")[0]
    assert '<link rel="canonical" href="https://example.org/pages/claims/death-toll.html">' in head
    assert "<loc>https://example.org/pages/claims/death-toll.html</loc>" in (root / "site/sitemap.xml").read_text()


def test_mkdocs_yml_is_read_with_its_env_tags_without_mkdocs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: S\nsite_url: !ENV [FACTCHECK_TEST_URL, 'https://fallback.example/']\n"
    )
    assert load_config(tmp_path)["site_url"] == "https://fallback.example/"
    monkeypatch.setenv("FACTCHECK_TEST_URL", "https://env.example/")
    assert load_config(tmp_path)["site_url"] == "https://env.example/"
