"""The wheel ships the plugin, templates, theme overrides, assets and scaffold: a content-only project builds.

Slow (it builds a wheel and a virtual environment). The new environment reuses the dependencies already
installed in this one (through a .pth file) but holds its own copy of this package, from the wheel only.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from PIL import Image
from playwright.sync_api import Browser
from sitecheck import PAGE_TEXT, TEXT_ORDER, reader, reads_in_order, type_as_a_keyboard
from test_i18n import english_interface_words, without_content
from test_newsroom import CLAIMS, GAZETTE, OWNERS, SEEDS, SOURCES, fill, fill_source

pytestmark = pytest.mark.slow  # builds a wheel and installs it into a fresh venv


def run(*args: str | Path, cwd: Path) -> str:
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed; returns its bin folder."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"  # a copy, so the build writes nothing into the repository
    for folder in ("generator", "site_templates"):
        shutil.copytree(REPO / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", tmp / "dist", source, cwd=tmp)
    [wheel] = (tmp / "dist").glob("*.whl")
    env = tmp / "venv"
    venv.create(env)  # without pip: this environment's pip installs into it (--python), saving ensurepip's run
    python = env / "bin/python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp).strip()
    (Path(purelib) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run(
        sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel, cwd=tmp
    )
    where = run(python, "-c", "import generator; print(generator.__file__)", cwd=tmp)
    assert where.startswith(str(env)), where  # the wheel's copy, not this checkout
    return env / "bin"


def test_a_content_only_project_builds_from_the_installed_wheel(installed: Path, tmp_path: Path) -> None:
    tool = installed / "factcheck-explainer"
    root = tmp_path / "mill-fire"
    run(tool, "init", root, "--name", "The mill fire", cwd=tmp_path)
    (root / "seeds/gazette.txt").write_bytes(GAZETTE.encode())
    (root / "seeds/owners.txt").write_bytes(OWNERS.encode())
    for source_id in SOURCES:
        run(tool, "new-source", source_id, "--seed", f"seeds/{SEEDS[source_id]}", cwd=root)
        fill_source(root / f"content/sources/{source_id}.yaml")
    for claim_id, body in CLAIMS.items():
        run(tool, "new", claim_id, cwd=root)
        fill(root / f"content/claims/{claim_id}.yaml", body, id=claim_id)
    edition = root / "content/edition.yaml"
    edition.write_text(edition.read_text().replace("most_disputed: []", "most_disputed: [injuries]"))
    only = [
        ".github",
        ".gitignore",
        "README.md",
        "content",
        "mkdocs.yml",
        "overrides",
        "requirements.txt",
        "schemas",
        "seeds",
    ]
    assert sorted(p.name for p in root.iterdir()) == only  # no file of this repository copied by hand
    run(tool, "build", cwd=root)
    assert sorted(p.stem for p in (root / "site/claims").glob("*.html")) == sorted(CLAIMS)
    assert (root / "site/assets/vendor/iframe-worker/shim.js").is_file()
    # Plain MkDocs finds the plugin by its entry point, and the theme overrides and assets in the package.
    run(installed / "python", "-m", "mkdocs", "build", "--strict", "--site-dir", tmp_path / "plain", cwd=root)
    page = (tmp_path / "plain/claims/injuries.html").read_text(encoding="utf-8")
    assert 'class="md-skip"' in page and "assets/factcheck.css" in page


# --- an Urdu explainer from scratch (#25): Urdu seeds with U+200C, Urdu quotes, a figure in Urdu digits -----------

ZWNJ = "\u200c"
URDU_GAZETTE = f"گزٹ کے مطابق ۱۲ فروری ۲۰۲۶ کی رات نو بجے مل میں آگ لگی۔\nکم{ZWNJ}از{ZWNJ}کم ۱۹ مزدور زخمی ہوئے۔\n"
URDU_SOURCES = {
    "gazette-report": """
        name: گزٹ کی رپورٹ
        title: مل میں آگ
        title_kind: headline
        kind: news-report
        outlook: فائر سروس کی بات نقل کرتی ہے
        framing: مل میں آگ پر ایک مختصر رپورٹ۔
        dates: []
        references: []
        publication: {outlet: unknown, url: unknown, published: unknown, retrieved: unknown, archive: unknown,
                      reproduction: unknown, unknown_reason: ڈیسک نے یہ تفصیلات درج نہیں کیں}
        """,
    "mill-statement": """
        name: مالکان کا بیان
        title: آگ پر بیان
        title_kind: descriptive
        kind: commentary
        language: en
        outlook: مل کی طرف سے بولتا ہے
        framing: مل کی طرف سے ایک بیان، انگریزی میں۔
        dates: []
        references: []
        publication: {outlet: unknown, url: unknown, published: unknown, retrieved: unknown, archive: unknown,
                      reproduction: unknown, unknown_reason: ڈیسک نے یہ تفصیلات درج نہیں کیں}
        """,
}
URDU_CLAIM = f"""
    claim: گزٹ کے مطابق کم از کم ۱۹ مزدور زخمی ہوئے۔
    claimant: گزٹ
    topics: [general]
    dates: [{{date: 2026-02-12, what: گزٹ کے مطابق مل میں آگ لگی}}]
    verdict: disputed
    verdict_reason: ایک متن ۱۹ زخمی بتاتا ہے، دوسرا کوئی نہیں۔
    summary: "{{gazette-report}} ۱۹ زخمی بتاتی ہے؛ {{mill-statement}} کہتا ہے کہ کوئی زخمی نہیں ہوا۔"
    positions:
      - source: gazette-report
        stance: supports
        note: ۱۹ مزدور زخمی۔
        quotes: ["کم{ZWNJ}از{ZWNJ}کم ۱۹ مزدور زخمی ہوئے"]
        figures:
          - {{value: ۱۹, unit: مزدور, counts: زخمی مزدور, attributed_to: گزٹ}}
      - source: mill-statement
        stance: disputes
        note: مالکان کہتے ہیں کہ کوئی زخمی نہیں ہوا۔
        quotes: ["The owners say no one was hurt."]
        figures:
          - {{value: 0, unit: مزدور, counts: زخمی مزدور, attributed_to: مالکان}}
    contradictions:
      - {{between: [gazette-report, mill-statement], kind: numeric, about: ۱۹ زخمی بمقابلہ کوئی نہیں, explained: false}}
    verification: {{corroborated: [], unverified: [], would_settle: []}}
    related: []
    headline: گزٹ کے مطابق ۱۹ مزدور زخمی ہوئے
    bottom_line: ایک متن ۱۹ زخمی بتاتا ہے اور دوسرا کوئی نہیں۔
"""


def _from_scratch(
    tool: Path, root: Path, init: list[str], seeds: dict[str, str], sources: dict[str, str], claim: str
) -> None:
    """A newsroom's steps with the installed tool: init, its seeds, a source file per seed, one claim, a build."""
    run(tool, "init", root, *init, cwd=root.parent)
    for name, text in seeds.items():
        (root / "seeds" / name).write_bytes(text.encode())
    for source_id, seed in SEEDS.items():
        run(tool, "new-source", source_id, "--seed", f"seeds/{seed}", cwd=root)
        path = root / f"content/sources/{source_id}.yaml"
        kept = {
            k: v for k, v in yaml.safe_load(path.read_text(encoding="utf-8")).items() if k in ("id", "seed", "sha256")
        }
        fill(path, sources[source_id], **kept)
    run(tool, "new", "injuries", cwd=root)
    fill(root / "content/claims/injuries.yaml", claim, id="injuries")
    edition = root / "content/edition.yaml"
    edition.write_text(edition.read_text(encoding="utf-8").replace("most_disputed: []", "most_disputed: [injuries]"))
    assert "no problems" in run(tool, "check", cwd=root)
    run(tool, "build", cwd=root)


def test_an_urdu_explainer_from_scratch_builds_from_the_installed_wheel(
    installed: Path, tmp_path: Path, browser: Browser
) -> None:
    root = tmp_path / "mill-fire-ur"
    description = f"کم{ZWNJ}از{ZWNJ}کم دو متن، ایک آگ"
    init = ["--language", "ur", "--name", "مل میں آگ", "--description", description]
    seeds = {"gazette.txt": URDU_GAZETTE, "owners.txt": OWNERS}
    _from_scratch(installed / "factcheck-explainer", root, init, seeds, URDU_SOURCES, URDU_CLAIM)
    page = (root / "site/claims/injuries.html").read_text(encoding="utf-8")
    assert f"کم{ZWNJ}از{ZWNJ}کم ۱۹ مزدور زخمی ہوئے" in page  # the quote as written, its joiners kept
    assert description in (root / "site/index.html").read_text(encoding="utf-8")
    data = json.loads((root / "site/claims.json").read_text(encoding="utf-8"))
    figures = [f["value"] for claim in data["claims"] for p in claim["positions"] for f in p["figures"]]
    assert figures == [19, 0]  # ۱۹ as written in the claim is the number 19
    with reader(browser) as tab:  # one visit: the claim page, then a search from it
        tab.page.goto((root / "site/claims/injuries.html").as_uri())
        direction = tab.page.evaluate("[getComputedStyle(document.body).direction, document.documentElement.lang]")
        text = tab.page.evaluate(PAGE_TEXT)
        quote = tab.page.evaluate(TEXT_ORDER, 'blockquote p[lang="en"]')
        tab.page.locator("input.md-search__input").click()
        type_as_a_keyboard(tab.page, "زخمی")  # one Urdu word ("injured"), as an Urdu keyboard types it; no space
        tab.page.locator('.md-search-result__link[href*="claims/injuries.html"]').first.wait_for(timeout=15_000)
        assert tab.errors == [] and tab.off_disk == []
    assert direction == ["rtl", "ur"]
    card = Image.open(root / "site/assets/cards/injuries.png").convert(
        "RGB"
    )  # drawn with the wheel's own Arabic-script font
    assert card.size == (1200, 630) and card.getpixel((1199, 0)) != (255, 255, 255)  # its colour bar on the right
    assert f"کم{ZWNJ}از{ZWNJ}کم ۱۹ مزدور زخمی ہوئے" in text
    assert english_interface_words(without_content(text, root)) == []  # no word of ours in English, no English month
    assert "فیصلہ:" in text and "12 فروری، 2026" in text and "صفحۂ اول" in text  # the words are there, in Urdu
    # The English quote reads in order: its words left to right, the full stop after "hurt" (not before "The").
    assert [box["token"] for box in quote["boxes"]] == ["The", "owners", "say", "no", "one", "was", "hurt", "."]
    assert reads_in_order(quote, "ltr")
    assert (quote["lang"], quote["dir"], quote["direction"]) == ("en", "ltr", "ltr")


# --- and the mirror: an English explainer quoting an Urdu seed -----------------------------------------------------

MIRROR_SOURCES = {
    "gazette-report": """
        name: Report in the Gazette
        title: Fire at the mill
        title_kind: descriptive
        kind: news-report
        language: ur
        outlook: relays the fire service
        framing: A short report on the fire at the mill, in Urdu.
        dates: []
        references: []
        publication: {outlet: The Gazette, url: unknown, published: unknown, retrieved: unknown, archive: unknown,
                      reproduction: unknown, unknown_reason: the desk did not record them}
        """,
    "mill-statement": SOURCES["mill-statement"],
}
MIRROR_CLAIM = f"""
    claim: At least 19 workers were hurt, according to the Gazette.
    claimant: the Gazette
    topics: [general]
    dates: [{{date: 2026-02-12, what: "the fire at the mill, as the Gazette reports it"}}]
    verdict: disputed
    verdict_reason: One text reports 19 hurt, the other none.
    summary: The {{gazette-report}} reports 19 workers hurt; the {{mill-statement}} says no one was.
    positions:
      - source: gazette-report
        stance: supports
        note: At least 19 workers hurt.
        quotes: ["کم{ZWNJ}از{ZWNJ}کم ۱۹ مزدور زخمی ہوئے"]
        figures:
          - {{value: ۱۹, unit: workers, counts: workers hurt, attributed_to: the Gazette}}
      - source: mill-statement
        stance: disputes
        note: The owners say no one was hurt.
        quotes: ["The owners say no one was hurt."]
        figures:
          - {{value: 0, unit: workers, counts: workers hurt, attributed_to: the owners}}
    contradictions:
      - {{between: [gazette-report, mill-statement], kind: numeric, about: 19 hurt against none, explained: false}}
    verification: {{corroborated: [], unverified: [], would_settle: []}}
    related: []
    headline: At least 19 workers were hurt, says the Gazette
    bottom_line: One text reports 19 hurt and the other none.
"""
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
# The page's text outside the parts marked as another language than English.
_ENGLISH_PART = """() => {
  const page = document.body.cloneNode(true);
  page.querySelectorAll("[lang]:not([lang=en]), script").forEach((e) => e.remove());
  document.body.appendChild(page); const text = page.innerText; page.remove(); return text;
}"""


def test_an_english_explainer_quoting_urdu_builds_from_the_installed_wheel(
    installed: Path, tmp_path: Path, browser: Browser
) -> None:
    root = tmp_path / "mill-fire-en"
    seeds = {"gazette.txt": URDU_GAZETTE, "owners.txt": OWNERS}
    _from_scratch(
        installed / "factcheck-explainer", root, ["--name", "The mill fire"], seeds, MIRROR_SOURCES, MIRROR_CLAIM
    )
    with reader(browser) as tab:
        tab.page.goto((root / "site/claims/injuries.html").as_uri())
        direction = tab.page.evaluate("[getComputedStyle(document.body).direction, document.documentElement.lang]")
        quote = tab.page.evaluate(TEXT_ORDER, 'blockquote p[lang="ur"]')
        english = tab.page.evaluate(_ENGLISH_PART)
        tab.page.locator("input.md-search__input").click()
        type_as_a_keyboard(tab.page, "زخمی")  # one Urdu word of the quote finds its claim on an English site too
        tab.page.locator('.md-search-result__link[href*="claims/injuries.html"]').first.wait_for(timeout=15_000)
        assert tab.errors == [] and tab.off_disk == []
    assert direction == ["ltr", "en"]
    assert (quote["text"], quote["lang"], quote["dir"], quote["direction"]) == (
        f"کم{ZWNJ}از{ZWNJ}کم ۱۹ مزدور زخمی ہوئے",
        "ur",
        "rtl",
        "rtl",
    )
    assert reads_in_order(quote, "rtl")  # its first word on the right
    # Around it, the interface is English: our words and the date, and no Arabic-script letter outside the quote.
    assert {"Verdict", "What each source says", "February"} <= set(english_interface_words(english))
    assert _ARABIC_SCRIPT.findall(english) == []
