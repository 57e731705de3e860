"""An Urdu site in Chromium: the page runs right to left, our words are Urdu, an English quote reads in order."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from conftest import edit
from playwright.sync_api import Browser
from sitecheck import DESKTOP, PHONE, reader

from generator.build import build

Make = Callable[..., Path]
ARTIFACTS = Path(__file__).parent / "artifacts"
_MONTHS = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b")
# The text a reader sees on the page, outside the parts in another language and the content's own words.
_OURS = """() => {
  const page = document.querySelector(".md-content").cloneNode(true);
  page.querySelectorAll("[lang]:not([lang=ur]), .fc-prose, script").forEach((e) => e.remove());
  const footer = document.querySelector(".fc-footer").innerText;
  return {dir: document.body.dir, lang: document.documentElement.lang, text: page.innerText, footer};
}"""
# Where the first three words of the quote that starts with them ("Alpha says 12") are drawn, and its attributes.
_ORDER = """(first) => {
  const p = [...document.querySelectorAll("blockquote p")].find((e) => e.textContent.startsWith(first));
  const text = p.firstChild, range = document.createRange(), words = text.data.split(" ").slice(0, 3);
  let start = 0;
  const lefts = words.map((word) => {
    range.setStart(text, start); range.setEnd(text, start + word.length); start += word.length + 1;
    return range.getBoundingClientRect().left;
  });
  return {direction: getComputedStyle(p).direction, words: words.join(" "), lefts, lang: p.lang, dir: p.dir};
}"""


def test_an_urdu_claim_page_reads_right_to_left_with_an_english_quote_in_order(
    site_project: Make, browser: Browser
) -> None:
    root = site_project(edit("content/sources/alpha.yaml", "kind: opinion", "kind: opinion\n        language: en"))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en", "language: ur"), encoding="utf-8")
    build(root, root / "site")
    ARTIFACTS.mkdir(exist_ok=True)
    for device, size in (("desktop", DESKTOP), ("phone", PHONE)):
        with reader(browser, **size) as tab:
            tab.page.goto((root / "site" / "claims" / "death-toll.html").as_uri())
            ours = tab.page.evaluate(_OURS)
            order = tab.page.evaluate(_ORDER, "Alpha says 12")
            # Beta's source has no `language:`: its English quote takes the direction of its first letter.
            unmarked = tab.page.evaluate(_ORDER, "Beta reports that")
            menu = tab.page.get_attribute('button.fc-opener[data-for="__drawer"]', "aria-label")
            tab.page.screenshot(path=str(ARTIFACTS / f"urdu-claim-{device}.png"), full_page=True)
            assert (ours["dir"], ours["lang"]) == ("rtl", "ur")
            assert "فیصلہ:" in ours["text"] and "ہر ماخذ کیا کہتا ہے" in ours["text"]
            assert not re.search(r"Verdict|What each source says|Contradictions|Verification|Cite this", ours["text"])
            assert _MONTHS.findall(ours["text"]) == []
            assert "کوئی غلطی نظر آئی؟" in ours["footer"] and "Spotted" not in ours["footer"]
            assert (order["direction"], order["words"], order["lang"]) == ("ltr", "Alpha says 12", "en")
            assert order["lefts"] == sorted(order["lefts"]) and len(set(order["lefts"])) == 3
            assert (unmarked["direction"], unmarked["lang"], unmarked["dir"]) == ("ltr", "", "ltr")
            assert unmarked["lefts"] == sorted(unmarked["lefts"]) and len(set(unmarked["lefts"])) == 3
            assert tab.errors == [] and tab.off_disk == []
            if device == "phone":
                assert menu == "فہرست"
