"""Renamed claims keep their promises: old addresses redirect, dates and the corrections rule follow the file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import edit, problems
from playwright.sync_api import Browser
from sitecheck import vnu_errors
from test_editors import ADVICE, check_base, committed, git, rewrite

from generator.build import build
from generator.check.validate import check_project
from generator.history import file_dates
from generator.render.redirects import redirect_page
from generator.render.render import SiteInfo, make_env, render_site

Make = Callable[..., Path]
REPO = Path(__file__).resolve().parent.parent
TOLL, FRAMING = "content/claims/death-toll.yaml", "content/claims/framing.yaml"
RENAMED = "content/claims/toll.yaml"
ALIAS = edit(FRAMING, "related: [death-toll]", "related: [death-toll]\n        aliases: [brutal, old-framing]")


# --- aliases in the check -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aliases", "expected"),
    [
        ("[framing]", "content/claims/framing.yaml:26:11: aliases[0]: 'framing' is this claim's own id; list only former ids"),
        ("[death-toll]", "content/claims/framing.yaml:26:11: aliases[0]: 'death-toll' is the id of content/claims/death-toll.yaml; an alias must be a former id that no claim uses now"),
        ("[nul]", "content/claims/framing.yaml:26:11: aliases[0]: 'nul' is a reserved file name on Windows; choose another id"),
        ("[Old]", "content/claims/framing.yaml:26:11: aliases[0]: 'Old' must be a lowercase slug: a-z, 0-9 and single hyphens"),
    ],
)  # fmt: skip
def test_an_alias_that_would_collide_is_a_located_error(project: Make, aliases: str, expected: str) -> None:
    root = project(edit(FRAMING, "related: [death-toll]", f"related: [death-toll]\n        aliases: {aliases}"))
    assert problems(root) == [expected]


def test_two_claims_cannot_share_an_alias(project: Make) -> None:
    toll = edit(TOLL, "related: [framing]", "related: [framing]\n        aliases: [old-framing]")
    assert problems(project({**ALIAS, **toll})) == [
        "content/claims/framing.yaml:26:19: aliases[1]: 'old-framing' is already an alias of the claim 'death-toll'"
    ]


# --- redirect pages -------------------------------------------------------------------------------------------------


def test_a_redirect_page_is_relative_scriptless_and_not_indexed() -> None:
    assert redirect_page("claims/framing.html", 'The "attack" & more', SiteInfo("Desk", None, None)) == (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; base-uri 'none'; form-action 'none'\">\n"
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n<meta http-equiv="refresh" content="0; url=framing.html">\n'
        "<title>Moved: The &quot;attack&quot; &amp; more</title>\n</head>\n<body>\n"
        '<p>This claim has moved: <a href="framing.html">The &quot;attack&quot; &amp; more</a>.</p>\n</body>\n</html>\n'
    )


def test_with_site_url_a_redirect_page_names_the_canonical_page() -> None:
    page = redirect_page("claims/framing.html", "T", SiteInfo("Desk", "https://example.org/desk/", None, None, "fr"))
    assert '<link rel="canonical" href="https://example.org/desk/claims/framing.html">\n' in page
    assert page.startswith('<!doctype html>\n<html lang="fr">')


def test_an_alias_redirects_in_the_browser_from_disk(site_project: Make, browser: Browser) -> None:
    root = site_project(ALIAS)
    build(root, root / "site")
    assert sorted(p.name for p in (root / "site/claims").glob("*.html")) == [
        "brutal.html", "death-toll.html", "framing.html", "old-framing.html",
    ]  # fmt: skip
    assert vnu_errors([root / "site/claims/old-framing.html"]) == []
    page = browser.new_page()
    try:
        page.goto((root / "site/claims/old-framing.html").as_uri())
        page.wait_for_url("**/claims/framing.html", timeout=10_000)
        assert page.locator("h1").first.inner_text() == "The attack was brutal."
    finally:
        page.close()


# --- check --base and dates across renames ---------------------------------------------------------------------------


def _rename(root: Path, with_git: bool) -> None:
    """Rename the death-toll claim to toll (and the references to it), changing its verdict too."""
    if with_git:
        git(root, "mv", TOLL, RENAMED)
    else:
        (root / TOLL).rename(root / RENAMED)
    rewrite(root, RENAMED, "id: death-toll", "id: toll")
    rewrite(root, RENAMED, "verdict: disputed", "verdict: corroborated")
    rewrite(root, FRAMING, "related: [death-toll]", "related: [toll]")
    rewrite(root, "content/edition.yaml", "most_disputed: [death-toll]", "most_disputed: [toll]")


def test_a_verdict_changed_under_a_new_name_still_needs_a_correction(
    project: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    root = committed(project)
    _rename(root, with_git=True)
    assert check_base(root, capsys) == (
        1,
        [
            f"{RENAMED}:8:10: verdict: changed from 'disputed' at main (as death-toll) to 'corroborated', {ADVICE}",
            "1 problem in 1 file",
        ],
    )


def test_a_rename_git_cannot_see_is_followed_through_the_alias(
    project: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    root = committed(project)
    _rename(root, with_git=False)  # the new file is not even staged: only the alias tells
    rewrite(root, RENAMED, "related: [framing]", "related: [framing]\naliases: [death-toll]")
    code, lines = check_base(root, capsys)
    assert (code, lines[0]) == (
        1,
        f"{RENAMED}:8:10: verdict: changed from 'disputed' at main (as death-toll) to 'corroborated', {ADVICE}",
    )


def test_page_dates_follow_the_file_across_a_rename(project: Make) -> None:
    root = committed(project)  # 2026-03-01
    _rename(root, with_git=True)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "rename", when="2026-03-09T12:00:00+00:00")
    dates = file_dates(root)
    assert (dates[RENAMED].published, dates[RENAMED].updated) == ("2026-03-01", "2026-03-09")
    assert (dates[FRAMING].published, dates[FRAMING].updated) == ("2026-03-01", "2026-03-09")


# --- renamed sources ------------------------------------------------------------------------------------------------

ALPHA = "content/sources/alpha.yaml"


def _source_aliases(aliases: str) -> dict[str, tuple[str, str]]:
    return edit(ALPHA, "seed: alpha.txt", f"seed: alpha.txt\n        aliases: {aliases}")


@pytest.mark.parametrize(
    ("aliases", "expected"),
    [
        ("[alpha]", "content/sources/alpha.yaml:11:11: aliases[0]: 'alpha' is this source's own id; list only former ids"),
        ("[beta]", "content/sources/alpha.yaml:11:11: aliases[0]: 'beta' is the id of content/sources/beta.yaml; an alias must be a former id that no source uses now"),
        ("[index]", "content/sources/alpha.yaml:11:11: aliases[0]: 'index' is the address of the site's sources page; choose another"),
        ("[con]", "content/sources/alpha.yaml:11:11: aliases[0]: 'con' is a reserved file name on Windows; choose another id"),
    ],
)  # fmt: skip
def test_a_source_alias_that_would_collide_is_a_located_error(project: Make, aliases: str, expected: str) -> None:
    assert problems(project(_source_aliases(aliases))) == [expected]


def test_two_sources_cannot_share_an_alias(project: Make) -> None:
    beta = edit("content/sources/beta.yaml", "seed: beta.txt", "seed: beta.txt\n        aliases: [old-name]")
    assert problems(project({**_source_aliases("[old-name]"), **beta})) == [
        "content/sources/beta.yaml:12:11: aliases[0]: 'old-name' is already an alias of the source 'alpha'"
    ]


def test_a_source_alias_may_repeat_a_claim_id_their_addresses_differ(project: Make) -> None:
    assert problems(project(_source_aliases("[framing]"))) == []  # sources/framing.html, beside claims/framing.html


def test_a_renamed_source_leaves_a_redirect_at_its_old_address(project: Make) -> None:
    site = SiteInfo("Desk", "https://example.org/desk/", None)
    pages = render_site(check_project(project(_source_aliases("[old-alpha, first-name]"))), make_env(REPO), site)
    assert (
        pages["sources/old-alpha.html"]
        == pages["sources/first-name.html"]
        == (
            '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; base-uri 'none'; form-action 'none'\">\n"
            '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
            '<meta name="robots" content="noindex">\n<meta http-equiv="refresh" content="0; url=alpha.html">\n'
            '<link rel="canonical" href="https://example.org/desk/sources/alpha.html">\n'
            "<title>Moved: Essay on the attack</title>\n</head>\n<body>\n"
            '<p>This source has moved: <a href="alpha.html">Essay on the attack</a>.</p>\n</body>\n</html>\n'
        )
    )
    assert "sources/alpha.md" in pages  # the source's own page is still there, under its id
