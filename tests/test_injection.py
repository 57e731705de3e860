"""Nothing injected: source names are text everywhere, every editor field gets the markup check, and
settings (mkdocs.yml, init's flags, --site-url) cannot carry markup or script onto the pages."""

from __future__ import annotations

import html
import json
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import edit, problems
from hypothesis import example, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser
from sitecheck import reader
from test_csp import META, RECORD

from generator.build import build
from generator.check.load import parse_document
from generator.check.validate import check_project
from generator.cli import main
from generator.errors import BuildFailed
from generator.newsroom.init import InitRefused, Settings, init_project
from generator.render.frontmatter import written
from generator.render.render import SiteInfo, make_env, render_site
from generator.settings import load_mkdocs_config, read_mkdocs_yml, text_problem

REPO = Path(__file__).resolve().parent.parent
Make = Callable[..., Path]
TOLL = "content/claims/death-toll.yaml"
HOSTILE_NAME = "Report by <https://evil.example> *B* &amp; `c` [x](https://e.example) {{ config }}"


def _render(root: Path) -> dict[str, str]:
    return render_site(check_project(root), make_env(REPO), SiteInfo("Test desk", None, None))


def test_a_source_name_is_text_in_every_reference(project: Make) -> None:
    root = project(
        {
            **edit("content/sources/beta.yaml", "name: Report by B. Writer", f"name: '{HOSTILE_NAME}'"),
            **edit(TOLL, "summary: The two sources give different tolls.", "summary: See {beta} for 15."),
            **edit(
                TOLL,
                "bottom_line: Alpha says 12 and Beta 15, and neither text reconciles them.",
                "bottom_line: See {beta} for 15.",
            ),
        }
    )
    pages = _render(root)
    shown = (
        "the report by &#60;https://evil.example&#62; &#42;B&#42; &#38;amp; &#96;c&#96; "
        "&#91;x&#93;&#40;https://e.example&#41; &#123;&#123; config &#125;&#125;"
    )
    assert f'See <a href="../sources/beta.html">{shown}</a> for 15.' in pages["claims/death-toll.md"]
    assert "evil.example</a>" not in pages["claims/death-toll.md"]
    assert "<em>B</em>" not in pages["claims/death-toll.md"]
    # Read as plain text (the page description): the name as written, not its Markdown.
    description = "See the report by <https://evil.example> *B* &amp; `c` [x](https://e.example) {{ config }} for 15."
    assert written(pages["claims/death-toll.md"])["description"] == f"Verdict: Disputed. {html.escape(description)}"


def test_the_subject_of_a_quote_is_checked_for_markup_like_every_editor_field(project: Make) -> None:
    root = project(
        edit(
            "content/claims/framing.yaml",
            """'It calls the attack "brutal" - and says little else.'""",
            """text: 'It calls the attack "brutal" - and says little else.'
                voice: reported-speech
                of: <img src=x onerror=alert(1)> the attack""",
        )
    )
    assert problems(root) == [
        "content/claims/framing.yaml:16:13: positions[0].quotes[0].of: raw HTML is not allowed "
        "(<img src=x onerror=alert(1)>); write plain text or Markdown"
    ]


CONTROL = "an invisible control character that can drive a terminal; delete it"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--name", "Desk\x7f"], f"--name: contains U+007F DELETE, {CONTROL}"),
        (["--name", "</title><script>alert(1)</script>"],
         "--name: < is not allowed: the theme writes this setting into pages unescaped; write plain text"),
        (["--description", 'A "desk"'],
         '--description: " is not allowed: the theme writes this setting into pages unescaped; use “ ” for '
         "quotation marks"),
        (["--publisher", "The <b>Desk</b>"],
         "--publisher: < is not allowed: the theme writes this setting into pages unescaped; write plain text"),
        (["--publisher", "Desk\u202e"],
         "--publisher: contains U+202E RIGHT-TO-LEFT OVERRIDE, which makes the text display in another order than "
         "it is written; delete it"),
        (["--url", "ftp://example.org/"],
         "--url: expected an http:// or https:// address without quotes, spaces or brackets, got 'ftp://example.org/'"),
        (["--url", 'https://x/a"><script>'],
         "--url: expected an http:// or https:// address without quotes, spaces or brackets, got "
         "'https://x/a\"><script>'"),
        (["--url", "https://x/\x1b[2J"],
         "--url: expected an http:// or https:// address without quotes, spaces or brackets, got 'https://x/\\x1b[2J'"),
        (["--contact", "javascript:alert(1)"],
         "--contact: expected a mailto: or an http:// or https:// address without quotes, spaces or brackets, got "
         "'javascript:alert(1)'"),
        (["--language", "en\x00"], "--language: 'en\\x00' is not a language tag such as en, fr or pt-BR"),
    ],
)  # fmt: skip
def test_init_refuses_markup_and_control_characters_in_every_setting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["init", str(tmp_path / "x"), *args]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [f"error: {message}"]
    assert not (tmp_path / "x").exists()


@given(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40).filter(lambda t: t.strip()))
@example("\ufffe\uffff \U0001f600")  # YAML refuses the first two raw in a file; the emitter escapes them
@example("a\u2028b")  # refused, as in content
@settings(max_examples=60, deadline=None)
def test_init_writes_every_name_it_accepts_so_that_it_reads_back(name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "x"
        try:
            init_project(root, Settings(name=name, description=name, publisher=name))
        except InitRefused:
            assert text_problem(name) is not None or "\n" in name
            return
        config = read_mkdocs_yml(root)
        assert (config["site_name"], config["site_description"]) == (name, name)
        masthead = parse_document((root / "content/publisher.yaml").read_bytes(), "publisher.yaml")
        assert not isinstance(masthead, list)
        assert masthead.data["publisher"]["name"] == name
        edition = parse_document((root / "content/edition.yaml").read_bytes(), "edition.yaml")
        assert not isinstance(edition, list)
        assert edition.data["title"] == name


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("site_name: '</title><script>alert(1)</script>'",
         "mkdocs.yml: site_name: < is not allowed: the theme writes this setting into pages unescaped; write plain "
         "text"),
        ("site_name: \"Desk\\x7f\"", f"mkdocs.yml: site_name: contains U+007F DELETE, {CONTROL}"),
        ("site_description: 'a\" onload=\"x'",
         'mkdocs.yml: site_description: " is not allowed: the theme writes this setting into pages unescaped; '
         "use “ ” for quotation marks"),
        ("site_url: ftp://example.org/",
         "mkdocs.yml: site_url: expected an http:// or https:// address without quotes, spaces or brackets, got "
         "'ftp://example.org/'"),
        ("repo_url: 'https://x/\"onmouseover=\"alert(1)'",
         "mkdocs.yml: repo_url: expected an http:// or https:// address without quotes, spaces or brackets, got "
         "'https://x/\"onmouseover=\"alert(1)'"),
        ("extra: {report_error_url: 'javascript:alert(1)'}",
         'mkdocs.yml: extra.report_error_url: moved to content/publisher.yaml (README, "Who publishes")'),
    ],
)  # fmt: skip
def test_the_build_refuses_a_setting_the_theme_would_write_unescaped(
    site_project: Make, capsys: pytest.CaptureFixture[str], setting: str, message: str
) -> None:
    root = site_project()
    mkdocs = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(f"{mkdocs}\n{setting}\n".replace("site_name: ", "# site_name: ", 1)
                                     if setting.startswith("site_name") else f"{mkdocs}\n{setting}\n")  # fmt: skip
    assert main(["--root", str(root), "build"]) == 1
    assert capsys.readouterr().err == f"error: {message}\n"
    assert not (root / "site").exists()


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_build_refuses_a_site_url_flag_that_would_break_out_of_its_attribute(
    site_project: Make, capsys: pytest.CaptureFixture[str], engine: str
) -> None:
    root = site_project()
    url = 'https://x/a"><script>alert(1)</script>'
    assert main(["--root", str(root), "build", "--engine", engine, "--deploy", "--site-url", url]) == 1
    assert capsys.readouterr().err == (
        f"error: --site-url: expected an http:// or https:// address without quotes, spaces or brackets, got {url!r}\n"
    )


PWNED = "Desk</title><script>document.title='pwned'</script>"


@pytest.fixture
def unchecked_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Turn off the settings check, as if a setting slipped past it: the policy is the layer behind it."""
    monkeypatch.setattr("generator.settings.check_settings", lambda config: None)


def _with_site_name(root: Path, name: str) -> Path:
    mkdocs = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(mkdocs.replace("site_name: ", f"site_name: {json.dumps(name)}\n# ", 1))
    return root


@pytest.mark.usefixtures("unchecked_settings")
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_script_a_setting_slipped_into_the_pages_fails_the_build_naming_the_page(
    site_project: Make, engine: str
) -> None:
    root = _with_site_name(site_project(), PWNED)
    with pytest.raises(BuildFailed) as failed:
        build(root, root / "site", engine=engine)
    assert str(failed.value) == (
        "Content-Security-Policy: 404.html: holds an inline script that no template of the build writes "
        "(\"document.title='pwned'\"); a setting or a file put it there, or the theme changed: nothing is published"
    )
    assert not (root / "site").exists()


@pytest.mark.usefixtures("unchecked_settings")
def test_plain_mkdocs_build_fails_on_a_script_a_setting_slipped_in(site_project: Make) -> None:
    root = _with_site_name(site_project(), PWNED)
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort

    config = load_mkdocs_config(root, site_dir=str(root / "site"))
    with pytest.raises(Abort):
        mkdocs_build(config)
    assert not (root / "site/claims").exists()


def test_a_script_a_setting_slipped_into_a_page_does_not_run(
    browser: Browser, site_project: Make, unchecked_settings: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("generator.postbuild.refuse_unknown_scripts", lambda page, known, where: None)
    root = _with_site_name(site_project(), PWNED)
    build(root, root / "site")  # with both layers in front of the policy off
    page = root / "site/claims/death-toll.html"
    text = page.read_text(encoding="utf-8")
    injected = text.count("<script>document.title='pwned'</script>") - text.count('aria-label="Desk</title><script>')
    assert injected == 3  # in <title>, the header and the navigation (two more copies are in attribute values)
    with reader(browser) as tab:
        tab.page.context.add_init_script(RECORD)
        tab.page.goto(page.as_uri())
        tab.page.wait_for_function("typeof __md_get === 'function'")  # the theme's own inline script ran
        assert "pwned" not in tab.page.title()
        assert tab.page.evaluate("window.__csp") == ["script-src-elem inline"] * injected
    page.write_text(META.sub("", page.read_text(encoding="utf-8")))
    with reader(browser) as tab:  # without the policy the same page runs it: the test above can fail
        tab.page.goto(page.as_uri())
        tab.page.wait_for_function("document.title === 'pwned'")


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_jinja_syntax_in_settings_and_content_is_shown_as_written(site_project: Make, engine: str) -> None:
    root = _with_site_name(
        site_project(
            edit("content/sources/beta.yaml", "name: Report by B. Writer", 'name: "Report {{ 7*7 }} {% raw %}"')
        ),
        "Desk {{ 7*7 }} {{ config.site_url }}",
    )
    build(root, root / "site", engine=engine)
    claim = (root / "site/claims/death-toll.html").read_text(encoding="utf-8")
    assert "<title>Twelve dead in the attack, says Alpha - Desk {{ 7*7 }} {{ config.site_url }}</title>" in claim
    assert "Report {{ 7*7 }} {% raw %}" in (root / "site/sources/beta.html").read_text(encoding="utf-8")
    assert "49" not in claim


def test_a_setting_the_theme_writes_into_its_own_script_cannot_make_it_run_code(site_project: Make) -> None:
    """Material writes extra.scope into an inline script unescaped: the script is no longer one the template
    writes with a path or an address in its slot, so it is not hashed, and the build stops."""
    root = site_project()
    mkdocs = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(mkdocs.replace("extra:\n", "extra:\n  scope: '\",alert(1),\"'\n", 1))
    with pytest.raises(BuildFailed) as failed:
        build(root, root / "site")
    assert str(failed.value) == (
        "Content-Security-Policy: 404.html: holds an inline script that no template of the build writes "
        '(\'__md_scope=new URL("",alert(1),"",location),__md_hash=e=>...\'); a setting or a file put it there, or '
        "the theme changed: nothing is published"
    )
