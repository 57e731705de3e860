"""``factcheck-explainer init DIR``: start a new explainer in an empty folder. Asks nothing; never overwrites.

Writes ``mkdocs.yml``, ``content/`` with the vocabulary files the check needs (the verdict scale and its
rules are this tool's, story-neutral; one starter topic; an edition with the site's name), an empty
``seeds/``, a README for the newsroom, a ``.gitignore``, the JSON Schemas the content files' first lines
point to (``schemas/``), and what a repository on GitHub needs: a workflow that checks pull requests and
publishes ``main`` to GitHub Pages, and ``requirements.txt`` naming this tool, which is all it installs.
Templates, theme and assets come from the package.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from generator.errors import GeneratorError
from generator.history import repository_prefix
from generator.packaged import SCHEMAS, modeline, packaged_templates, schema_texts
from generator.render.compiled import COMPILED
from generator.settings import CONFIG_FILE, address_problem, contact_problem, text_problem
from generator.translations import Language, catalogue_file, english, language

WORKFLOW = ".github/workflows/factcheck-explainer.yml"
_DISTRIBUTION = "factcheck-generator"
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
# Written from scaffold/ (rendered with the settings) and where they go; empty folders keep a .gitkeep.
_FILES = {
    CONFIG_FILE: CONFIG_FILE,
    "README.md": "README.md",
    "gitignore": ".gitignore",
    "content/edition.yaml": "content/edition.yaml",
    "content/topics.yaml": "content/topics.yaml",
    "content/publisher.yaml": "content/publisher.yaml",
    "content/parties.yaml": "content/parties.yaml",
    "content/source-kinds.yaml": "content/source-kinds.yaml",
    "workflow.yml": WORKFLOW,
    "requirements.txt": "requirements.txt",
}
_KEPT = ("seeds", "content/sources", "content/claims", "overrides/docs")


class InitRefused(GeneratorError):
    """Raised by init_project when the folder is not empty or a setting is malformed."""


@dataclass(frozen=True)
class Settings:
    """What ``init`` asks for on the command line, all optional."""

    name: str = "Fact-check explainer"  # site_name, and the edition's title until an editor changes it
    description: str = "A claim-by-claim fact-check explainer."  # site_description, and the overview's start
    url: str | None = None  # site_url: the public address
    publisher: str | None = None  # content/publisher.yaml: publisher.name
    publisher_url: str | None = None  # content/publisher.yaml: publisher.address
    language: str = "en"  # theme.language: the language of the site's own words
    contact: str | None = None  # content/publisher.yaml: report_error.address, a mailto: or https: address


def init_project(folder: Path, settings: Settings) -> list[Path]:
    """Write a new explainer into ``folder`` (created if missing, refused unless empty but for a new
    repository's ``.git``); return the files."""
    _refuse_bad(settings)
    if folder.exists() and (not folder.is_dir() or any(p.name != ".git" for p in folder.iterdir())):
        what = "is not a folder" if not folder.is_dir() else "is not empty"
        raise InitRefused(f"{folder} {what}; init writes only into a new or empty folder")
    texts = _render(folder, settings)
    written = []
    for relative, text in texts.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite a file made meanwhile
            handle.write(text)
        written.append(path)
    return written


def _render(folder: Path, settings: Settings) -> dict[str, str]:
    scaffold = packaged_templates() / "scaffold"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(scaffold), undefined=jinja2.StrictUndefined, autoescape=False,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"],
        bytecode_cache=COMPILED,  # compiled once a process (the tests run init fifty times)
    )  # fmt: skip
    env.filters["yamlstr"] = yaml_string
    # The words a reader sees in mkdocs.yml (the nav's titles) come from the catalogue the pages use.
    env.install_gettext_translations(scaffold_language(settings.language).translations, newstyle=True)  # type: ignore[attr-defined]
    prefix = repository_prefix(folder)
    values = vars(settings) | {
        "modeline": lambda kind: modeline(folder / "content" / "x.yaml", kind, folder),
        "project": prefix.rstrip("/") or ".", "site": f"{prefix}site", "requirement": requirement(),
    }  # fmt: skip
    texts = {target: env.get_template(name).render(values) for name, target in _FILES.items()}
    for kind in ("verdicts", "stances"):  # this edition's scales, story-neutral: copied with a modeline of their own
        scale = (scaffold / f"content/{kind}.yaml").read_text(encoding="utf-8").split("\n", 1)[1]
        texts[f"content/{kind}.yaml"] = f"{modeline(folder / f'content/{kind}.yaml', kind, folder)}\n{scale}"
    texts.update({f"{SCHEMAS}/{name}": text for name, text in schema_texts().items()})  # for editors' IDEs
    texts.update({f"{kept}/.gitkeep": "" for kept in _KEPT})
    return texts


def scaffold_language(tag: str) -> Language:
    """The words of ``tag`` from the package's catalogue, English for a language it does not ship (the
    newsroom adds the catalogue later, README "adding a language", and edits the nav's titles itself)."""
    return language(None, tag) if catalogue_file(None, tag) else english()


def requirement() -> str:
    """The requirement that installs this very tool: its address when pip recorded one (a repository at a
    commit, a wheel's URL: PEP 610), else its name and version."""
    distribution = importlib.metadata.distribution(_DISTRIBUTION)
    recorded = json.loads(distribution.read_text("direct_url.json") or "{}")
    url = str(recorded.get("url", ""))
    if url.startswith("https://") and "vcs_info" in recorded:
        vcs = recorded["vcs_info"]
        return f"{_DISTRIBUTION} @ {vcs['vcs']}+{url}@{vcs['commit_id']}"
    if url.startswith("https://"):
        return f"{_DISTRIBUTION} @ {url}"
    return f"{_DISTRIBUTION}=={distribution.version}"


def yaml_string(text: str) -> str:
    """``text`` as one YAML double-quoted scalar, written by YAML's own emitter: it reads back as ``text``."""
    return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=float("inf")).rstrip("\n")


def _refuse_bad(settings: Settings) -> None:
    """The settings the theme writes into every page are checked as mkdocs.yml's are (settings.py)."""
    checks: list[tuple[str, str | None, Callable[[str], str | None]]] = [
        ("--name", settings.name, _one_line),
        ("--description", settings.description, _one_line),
        ("--publisher", settings.publisher, _one_line),
        ("--url", settings.url, address_problem),
        ("--publisher-url", settings.publisher_url, address_problem),
        ("--contact", settings.contact, contact_problem),
        ("--language", settings.language, _language_problem),
    ]
    for option, value, problem in checks:
        if value is not None and (found := problem(value)):
            raise InitRefused(f"{option}: {found}")


def _one_line(text: str) -> str | None:
    return "expected one line of text" if not text.strip() else text_problem(text)


def _language_problem(text: str) -> str | None:
    return None if _LANGUAGE.fullmatch(text) else f"{text!r} is not a language tag such as en, fr or pt-BR"


def write_schemas(root: Path) -> list[Path]:
    """Write this installation's JSON Schemas into the project's ``schemas/`` (``factcheck-explainer schemas``,
    after the tool was upgraded); return the files that changed. Writes nothing else and follows no link."""
    folder = root / SCHEMAS
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise InitRefused(f"{folder} is not a plain folder; schemas writes only into one")
    folder.mkdir(exist_ok=True)
    changed = []
    for name, text in schema_texts().items():
        path = folder / name
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise InitRefused(f"{path} is not a plain file; schemas replaces only the schema files it wrote")
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
