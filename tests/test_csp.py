"""The Content-Security-Policy: every inline script hashed at build time, nothing else runs, nothing breaks."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from conftest import Engine, expected_pages
from playwright.sync_api import Browser
from sitecheck import RECORD_CSP, reader

from generator.build import build
from generator.check.validate import check_project
from generator.csp import NoHead, add_policy, known_scripts, script_hashes, unknown_scripts, worker_shim_hash
from generator.errors import BuildFailed

REPO = Path(__file__).resolve().parent.parent
SHIM = (REPO / "site_templates/static/assets/vendor/iframe-worker/shim.js").read_text(encoding="utf-8")
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# The inline scripts that run: neither external nor data blocks (the theme's configuration, our JSON-LD).
INLINE = re.compile(r'<script\b(?![^>]*\b(?:src=|type="application/(?:ld\+)?json"))[^>]*>(.*?)</script>', re.S)
RECORD = RECORD_CSP  # every CSP violation in any frame, kept where the test can read it


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_a_page_gets_the_policy_right_after_its_charset() -> None:
    page = '<html><head><meta charset="utf-8"><script>a()</script></head><body><script src="x.js"></script></body>'
    assert add_policy(page, (re.compile(r"a\(\)"),)) == (
        '<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src \'self\';'
        f" script-src 'self' {_sha('a()')}; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src"
        " 'self'; object-src 'none'; base-uri 'none'; form-action 'none'\"><script>a()</script></head><body>"
        '<script src="x.js"></script></body>'
    )


def test_a_page_without_head_or_with_a_policy_already_is_refused() -> None:
    with pytest.raises(NoHead):
        add_policy("<p>no head</p>", ())
    with pytest.raises(ValueError, match="has a Content-Security-Policy already"):
        add_policy(add_policy("<head></head>", ()), ())


def test_only_the_scripts_the_templates_write_are_hashed(tmp_path: Path) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials/base.html").write_text(
        '<script>go("{{ base_url }}",1)</script>{% if x %}<script>{% if y %}z(){% endif %}</script>{% endif %}'
        '<script src="{{ x }}"></script><script type="application/json">{{ config | tojson }}</script>'
    )
    known = known_scripts([tmp_path])
    assert [k.pattern for k in known] == [r'go\("[\w.~/:%+-]*",1\)']
    page = (
        '<head><script>go("../..",1)</script><script>go("",1)</script><script type="text/javascript">go(".",1)'
        '</script><script>go("x",alert(1),"",1)</script><script>go("\\"",1)</script><script>z()</script>'
        '<script type="application/ld+json">{"a": 1}</script><script id="__config" type="application/json">{}'
        '</script><script type="module">go(".",1)</script><script data-type="application/json">evil()</script>'
    )
    assert script_hashes(page, known) == sorted({_sha('go("../..",1)'), _sha('go("",1)'), _sha('go(".",1)')})
    assert unknown_scripts(page, known) == ['go("x",alert(1),"",1)', 'go("\\"",1)', "z()", "evil()"]


def test_templates_in_hidden_folders_write_no_known_script(tmp_path: Path) -> None:
    """Material's .icons folder (14,000 SVG files) is not walked on every build; a template left out there
    fails the build (an unknown script), never lets a script through."""
    (tmp_path / "partials").mkdir()
    (tmp_path / ".icons").mkdir()
    (tmp_path / "partials/a.html").write_text("<script>a()</script>")
    (tmp_path / ".icons/b.html").write_text("<script>b()</script>")
    assert [k.pattern for k in known_scripts([tmp_path])] == [r"a\(\)"]


def test_the_search_shim_script_hash_is_computed_from_the_shim_and_the_page() -> None:
    page = '<head><script id="__config" type="application/json">{"search": "../w.js"}</script></head>'
    script = (
        'postMessage=function c(s,n){parent.postMessage(s,n||"*")};importScripts=function d(...s){return s.reduce('
        '(n,e)=>n.then(()=>new Promise(r=>{let t=document.createElement("script");t.src=e,t.onload=r,document.body'
        '.appendChild(t)})),Promise.resolve())};addEventListener("error",({error})=>{parent.dispatchEvent(new '
        'ErrorEvent("error",{filename:"../w.js",error}))})'
    )
    assert worker_shim_hash(SHIM, page) == _sha(script)
    assert worker_shim_hash(SHIM, "<head></head>") is None
    with pytest.raises(ValueError, match="unknown iframe-worker shim"):
        worker_shim_hash("var x = 1;", page)


def test_an_unknown_search_shim_fails_the_build_and_keeps_the_site(built_project: Path) -> None:
    root = built_project
    before = (root / "site/index.html").read_bytes()
    (root / "site_templates/static/assets/vendor/iframe-worker/shim.js").write_text("var Worker = 1;")
    with pytest.raises(BuildFailed) as failed:  # generator build adds the policies after MkDocs (postbuild.py)
        build(root, root / "site")
    message = (
        "Content-Security-Policy: 404.html: unknown iframe-worker shim: cannot compute the hash of the script it writes"
    )
    assert str(failed.value) == message
    assert (root / "site/index.html").read_bytes() == before


def test_every_built_page_has_a_strict_policy_covering_its_inline_scripts(engine_site: tuple[Engine, Path]) -> None:
    _, built_site = engine_site
    pages = sorted(built_site.rglob("*.html"))
    content = check_project(REPO)
    assert sorted(page.relative_to(built_site).as_posix() for page in pages) == expected_pages(content)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a redirect page at a former address allows nothing at all (tests/test_renames.py)
        head = html.split("<head>", 1)[1].lstrip()
        assert head.startswith('<meta charset="utf-8"><meta http-equiv="Content-Security-Policy"'), page
        (policy,) = META.findall(html)
        policy = policy.replace("&#x27;", "'")
        scripts = set(INLINE.findall(html))
        assert scripts, page
        assert {_sha(s) for s in scripts} <= set(re.split(r"[ ;]+", policy)), page
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy and "*" not in policy, page
        assert "object-src 'none'; base-uri 'none'; form-action 'none'" in policy, page


INJECTED = (
    "<script>document.title = 'pwned-inline'</script>"
    '<img alt="" src="../assets/images/favicon.png" onload="document.title = \'pwned-handler\'">'
    '<a id="fc-js" href="javascript:document.title=\'pwned-link\'">x</a>'
    '<script src="https://cdn.example.org/tracker.js"></script>'
)


@pytest.fixture
def injected_page(built_project: Path) -> Path:
    """The mini site's claim page with scripts slipped in after the build, as a compromised host might."""
    page = built_project / "site/claims/death-toll.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace('<details class="fc-about"', INJECTED + '<details class="fc-about"')
    )
    return page


def test_scripts_injected_into_a_built_page_are_blocked_and_reported(browser: Browser, injected_page: Path) -> None:
    with reader(browser) as tab:
        page = tab.page
        page.context.add_init_script(RECORD)
        page.goto(injected_page.as_uri())
        page.locator("#fc-js").click()
        page.wait_for_timeout(300)
        assert "pwned" not in page.title()
        assert sorted(page.evaluate("window.__csp")) == [
            "script-src-attr inline",
            "script-src-elem https://cdn.example.org/tracker.js",
            "script-src-elem inline",
            "script-src-elem inline",  # the javascript: link
        ]
        assert tab.off_disk == []
    injected_page.write_text(META.sub("", injected_page.read_text(encoding="utf-8")))
    with reader(browser) as tab:  # without the policy the same page runs them: the test above can fail
        tab.page.goto(injected_page.as_uri())
        tab.page.wait_for_function("document.title.startsWith('pwned')")
        assert tab.off_disk == ["https://cdn.example.org/tracker.js"]
