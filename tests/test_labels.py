"""Labels a reader understands: the verdict's one-line meaning and a "How we rate" link in its box, a key to the
stance labels, a source's own answer on a judgement claim, and colour for verdicts only (as data)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from conftest import REPO, edit, problems

from generator.check.validate import check_project
from generator.render.render import SiteInfo, make_env, render_site

Make = Callable[..., Path]
TOLL = "content/claims/death-toll.yaml"
VERDICTS = "content/verdicts.yaml"
DISPUTED = "            label: Disputed\n"
SHORT = DISPUTED + "            short: The texts conflict.\n            colour: '#a4500f'\n"


def _render(root: Path) -> dict[str, str]:
    return render_site(check_project(root), make_env(REPO), SiteInfo("Test desk", None, None))


def test_the_verdict_box_says_what_the_verdict_means_and_links_how_we_rate(project: Make) -> None:
    pages = _render(project(edit(VERDICTS, DISPUTED, SHORT)))
    assert (
        '<p class="fc-verdict-means">The texts conflict. '
        '<a href="../methodology.html#verdict-disputed">How we rate</a></p>'
    ) in pages["claims/death-toll.md"]
    assert '<dt id="verdict-disputed"><span class="fc-badge fc-verdict-disputed">' in pages["methodology.md"]
    # Without a one-line meaning, the full definition stands in.
    assert '<p class="fc-verdict-means">Sources conflict. <a href' in _render(project())["claims/death-toll.md"]


def test_verdict_colours_are_data_and_stances_have_none(project: Make) -> None:
    pages = _render(project(edit(VERDICTS, DISPUTED, SHORT)))
    rules = re.findall(r"^\.fc-verdict-([a-z-]+) \{ --fc-v: (#[0-9a-f]{6}); \}$", pages["assets/verdicts.css"], re.M)
    assert rules == [("disputed", "#a4500f")]  # corroborated has no colour in this project: the neutral default
    css = (REPO / "site_templates/static/assets/factcheck.css").read_text(encoding="utf-8")
    assert not re.search(r"\.fc-stance-(supports|disputes|qualifies|reports-only)\b", css)
    assert not re.search(r"\.fc-verdict-[a-z-]+ \{ --fc-v", css)  # only the build's verdicts.css names them


def test_a_colour_is_checked(project: Make) -> None:
    changes = edit(VERDICTS, DISPUTED, DISPUTED + "            colour: red\n")
    assert problems(project(changes)) == [
        f"{VERDICTS}:8:13: verdicts[1].colour: 'red' must be a colour written \"#rrggbb\" in lowercase hexadecimal digits"
    ]


def test_every_verdict_of_the_edition_has_a_colour_and_a_one_line_meaning() -> None:
    content = check_project(REPO)
    assert all(v.colour and v.short for v in content.verdicts)
    assert all(s.short for s in content.stances)


def test_a_source_s_answer_replaces_its_stance_label_and_the_key_lists_the_labels_shown(project: Make) -> None:
    answered = edit(
        TOLL, "            stance: disputes\n", "            stance: disputes\n            answer: Fifteen died\n"
    )
    pages = _render(project(answered))
    page = pages["claims/death-toll.md"]
    assert (
        '<a class="fc-chip fc-stance-disputes fc-chip-answer" href="#pos-beta">'
        '<span class="fc-chip-source">Report by B. Writer:</span> <span class="fc-chip-stance">Fifteen died</span></a>'
    ) in page
    assert '<p class="fc-stance fc-answer">Fifteen died</p>' in page
    assert (
        '<dl class="fc-key"><div><dt>Supports</dt><dd>The source states the claim or treats it as true.</dd></div></dl>'
    ) in page  # Disputes is not shown on this claim any more: not in its key
    assert '<a href="claims/death-toll.html#pos-beta">Fifteen died</a></td>' in pages["matrix.md"]
    assert '<td data-label="Stance">Fifteen died</td>' in pages["sources/beta.md"]


def test_on_the_edition_the_essay_that_calls_the_attacks_armed_resistance_says_so(
    real_pages: Mapping[str, Any],
) -> None:
    page = real_pages["claims/terrorism-or-resistance.md"]
    chip = re.search(r'<a class="fc-chip[^"]*" href="#pos-balochistan-grievances-essay">.*?</a>', page)
    assert chip and "Armed resistance born of repression" in chip.group(0) and "otherwise" not in chip.group(0)


def test_a_key_question_names_a_claim_that_exists(project: Make) -> None:
    questions = (
        "most_disputed: [death-toll]\n        key_questions:\n"
        "          - {question: How many died?, answer: The texts differ., claim: death-tol}\n"
    )
    changes = edit("content/edition.yaml", "most_disputed: [death-toll]\n", questions)
    assert problems(project(changes)) == [
        "content/edition.yaml:5:66: key_questions[0].claim: no claim with id 'death-tol' in content/claims/"
    ]
    fixed = {"content/edition.yaml": changes["content/edition.yaml"].replace("death-tol}", "death-toll}")}
    page = _render(project(fixed))
    assert (
        '<li><a class="fc-question" href="claims/death-toll.html">How many died?</a> '
        '<span class="fc-badge fc-verdict-disputed">Disputed</span><br><span class="fc-answer-line">The texts differ.</span></li>'
    ) in page["index.md"]
