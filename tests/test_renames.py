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
from generator.history import file_dates
from generator.render.redirects import redirect_page
from generator.render.render import SiteInfo

Make = Callable[..., Path]
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
    assert redirect_page("framing", 'The "attack" & more', SiteInfo("Desk", None, None)) == (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; base-uri 'none'; form-action 'none'\">\n"
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n<meta http-equiv="refresh" content="0; url=framing.html">\n'
        "<title>Moved: The &quot;attack&quot; &amp; more</title>\n</head>\n<body>\n"
        '<p>This claim has moved: <a href="framing.html">The &quot;attack&quot; &amp; more</a>.</p>\n</body>\n</html>\n'
    )


def test_with_site_url_a_redirect_page_names_the_canonical_page() -> None:
    page = redirect_page("framing", "T", SiteInfo("Desk", "https://example.org/desk/", None, None, "fr"))
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
