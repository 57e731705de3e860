"""Rendered pages: golden files for a claim and a source page, escaping, and the ClaimReview JSON-LD."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from conftest import MINI, edit, sha

from generator.check.validate import check_project
from generator.render.render import SiteInfo, make_env, render_site

GOLDEN = Path(__file__).parent / "golden"
REPO = Path(__file__).resolve().parent.parent
SITE = SiteInfo("Test desk", None, None)
Make = Callable[..., Path]


def _render(root: Path, site: SiteInfo = SITE) -> dict[str, str]:
    return render_site(check_project(root), make_env(REPO), site)


@pytest.mark.parametrize(
    "page",
    [
        "claims/death-toll.md",
        "sources/alpha.md",
        "index.md",
        "corrections.md",
        "matrix.md",
        "contradictions.md",
        "claims.json",
    ],
)
def test_golden_page(project: Make, request: pytest.FixtureRequest, page: str) -> None:
    """Regenerate with `pytest tests/test_render.py --update-golden`, then read the diff."""
    rendered = _render(project())[page]
    golden = GOLDEN / page
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")


class _Tags(HTMLParser):
    """Collects every start tag with its attributes, and the text of script elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


NASTY = "<script>alert(1)</script> <img src=x onerror=alert(2)> {{ config }} </script><b>"
NASTY_SEED = "Gamma wrote: <script>alert(3)</script> and [x](javascript:alert(4)).\n"


@pytest.fixture
def hostile(project: Make, without_markup_check: None, without_quotation_check: None) -> Path:
    """A project whose editor text and seed text try every injection we know of.

    The check refuses most of it (see test_adversarial.py); it is off here to test the renderer's backstop.
    """
    toll = MINI["content/claims/death-toll.yaml"]
    toll = toll.replace("claim: Twelve people died in the attack.", f"claim: '{NASTY}'")
    toll = toll.replace("claimant: Alpha", "claimant: '</script><script>alert(5)</script>'")
    toll = toll.replace(
        "summary: The two sources give different tolls.",
        "summary: '[click](javascript:alert(6)) [d](data:text/html,x) {: onclick=\"alert(7)\" } <a href=x onmouseover=alert(8)>'",
    )
    toll = toll.replace("note: Says 12 died.", "note: '![i](x.png){: onerror=alert(9) } <iframe src=x>'")
    return project(
        {
            "content/claims/death-toll.yaml": toll,
            **edit("content/sources/beta.yaml", "title: Beta reports", "title: '<svg onload=alert(10)>'"),
        }
    )


def test_editor_text_cannot_inject_markup(hostile: Path) -> None:
    for name, text in _render(hostile).items():
        if not name.endswith(".md"):
            continue
        tags = _parse(text)
        injected = [t for t, a in tags.tags if t in ("img", "iframe", "svg", "b") and a.get("class") != "fc-chart-bar"]
        assert injected == [], name
        for tag, attrs in tags.tags:
            assert not [a for a in attrs if a.startswith("on")], (name, tag, attrs)
            assert not str(attrs.get("href", "")).startswith(("javascript:", "data:")), (name, tag, attrs)
        assert len(tags.scripts) == (1 if name.startswith("claims/") else 0), name
        assert "{{ config }}" not in text or "&lt;script&gt;" in text, "Jinja syntax must stay literal"


def test_jinja_syntax_in_editor_text_is_rendered_literally(hostile: Path) -> None:
    page = _render(hostile)["claims/death-toll.md"]
    assert "{{ config }}" in page
    text = re.sub(r'<p class="fc-cite".*?</p>', "", page.split("<script")[0])  # the citation names the site
    assert "Test desk" not in text, "the site config must not leak into the text"


def test_json_ld_cannot_be_broken_out_of(hostile: Path) -> None:
    page = _render(hostile)["claims/death-toll.md"]
    (script,) = _parse(page).scripts
    assert "</" not in script and "<" not in script
    review = json.loads(script)
    assert review["claimReviewed"] == NASTY
    assert review["itemReviewed"]["author"]["name"] == "</script><script>alert(5)</script>"


def test_claim_review_is_complete_and_consistent(project: Make) -> None:
    pages = _render(project(), SiteInfo("Test desk", "https://example.org/desk/", None))
    reviews = [json.loads(s) for s in _parse(pages["claims/death-toll.md"]).scripts]
    assert reviews == [
        {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": "https://example.org/desk/claims/death-toll.html",
            "claimReviewed": "Twelve people died in the attack.",
            "author": {"@type": "Organization", "name": "Test desk"},
            "datePublished": "2026-03-01",  # the edition's publication date (content/edition.yaml)
            "reviewRating": {  # in words: no ratingValue, bestRating or worstRating (not a truth scale)
                "@type": "Rating",
                "alternateName": "Disputed",
                "ratingExplanation": "Alpha says 12, Beta says 15.",
            },
            "itemReviewed": {
                "@type": "Claim",
                "author": {"@type": "Organization", "name": "Alpha"},
                "appearance": [  # beta disputes it: not an appearance; alpha's address is known
                    {
                        "@type": "CreativeWork",
                        "name": "Alpha's account (title given by this site)",  # a descriptive title: ours
                        "url": "https://example.org/alpha",
                    }
                ],
                # no datePublished: the claim's dates (2026-03-01) are the event's, not when Alpha said it
            },
        }
    ]
    corroborated = json.loads(_parse(pages["claims/framing.md"]).scripts[0])["reviewRating"]
    assert "ratingValue" not in corroborated and corroborated["alternateName"] == "Corroborated"


def test_seed_text_is_escaped_and_quotes_are_anchored(project: Make) -> None:
    changes = {
        "seeds/beta.txt": NASTY_SEED,
        **edit("content/sources/beta.yaml", f"sha256: {sha(MINI['seeds/beta.txt'])}", f"sha256: {sha(NASTY_SEED)}"),
        "content/claims/death-toll.yaml": MINI["content/claims/death-toll.yaml"].replace(
            '"Beta reports that 15 people died."', "'<script>alert(3)</script> and'"
        ),
    }
    page = _render(project(changes))["sources/beta.md"]
    seed = page.split('<div class="fc-seed" lang="en">')[1]
    assert seed.startswith(
        'Gamma wrote: <mark class="fc-mark"><span class="fc-anchor" id="q-death-toll-0"></span>'
        "&lt;script&gt;alert(3)&lt;/script&gt; and</mark>"
        '<a class="fc-back" href="../claims/death-toll.html#pos-beta" '
    )
    assert "[x](javascript:alert(4))." in seed
    assert _parse(page).scripts == []


def test_the_claim_page_links_each_quote_to_its_anchor(project: Make) -> None:
    pages = _render(project())
    claim = pages["claims/death-toll.md"]
    targets = re.findall(r'href="\.\./sources/(\w+)\.html#(q-[\w-]+)"', claim)
    assert targets == [("alpha", "q-death-toll-0"), ("beta", "q-death-toll-0")]
    for source, anchor in targets:
        assert f'id="{anchor}"' in pages[f"sources/{source}.md"]


def test_passages_quoted_by_two_claims_carry_both_anchors_in_one_mark(project: Make) -> None:
    # Both claims quote the whole first sentence of alpha: one mark, two anchors, two links back.
    changes = edit(
        "content/claims/framing.yaml",
        "'It calls the attack \"brutal\" - and says little else.'",
        "Alpha says 12 people died on 1 March 2026.",
    )
    page = _render(project(changes))["sources/alpha.md"]
    seed = page.split('<div class="fc-seed" lang="en">')[1]
    assert seed.startswith(
        '<mark class="fc-mark"><span class="fc-anchor" id="q-death-toll-0"></span>'
        '<span class="fc-anchor" id="q-framing-0"></span>Alpha says 12 people died on 1 March 2026.</mark>'
        '<a class="fc-back" href="../claims/death-toll.html#pos-alpha" '
    )
    assert seed.count('class="fc-back"') == 2


def test_a_template_is_compiled_once_per_process_and_again_once_edited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every environment of make_env shares the compiled templates (render/compiled.CompiledTemplates), by source: two
    projects holding the same template compile it once; an edited template is compiled anew, never served stale."""
    compiled: list[str | None] = []
    compile_source = jinja2.Environment.compile

    def counting(env: jinja2.Environment, source: str, name: str | None = None, *args: object) -> object:
        compiled.append(name)
        return compile_source(env, source, name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    token = tmp_path.name  # a source no other test renders, so no earlier compile counts
    for name in ("one", "two"):
        pages = tmp_path / name / "site_templates/pages"
        pages.mkdir(parents=True)
        (pages / "probe.md").write_text(f"{token} {{{{ word }}}}\n", encoding="utf-8")
    rendered = [make_env(tmp_path / name).get_template("probe.md").render(word="first") for name in ("one", "two")]
    assert rendered == [f"{token} first\n"] * 2
    assert compiled == ["probe.md"]
    (tmp_path / "two/site_templates/pages/probe.md").write_text(f"{token} edited {{{{ word }}}}\n", encoding="utf-8")
    assert make_env(tmp_path / "two").get_template("probe.md").render(word="again") == f"{token} edited again\n"
    assert compiled == ["probe.md", "probe.md"]
