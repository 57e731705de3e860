"""Nothing injected: source names are text everywhere, every editor field gets the markup check, and
settings (mkdocs.yml, init's flags, --site-url) cannot carry markup or script onto the pages."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from conftest import edit, problems

from generator.check.validate import check_project
from generator.render.frontmatter import written
from generator.render.render import SiteInfo, make_env, render_site

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
            **edit(TOLL, "verdict_reason: Alpha says 12, Beta says 15.", "verdict_reason: See {beta} for 15."),
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
