"""Render the validated content to Markdown pages through the Jinja2 templates. No I/O but reading templates."""

from __future__ import annotations

import traceback
from pathlib import Path

import jinja2

from .errors import TemplateFailed
from .model import Claim, Content, Source

TEMPLATES = "site_templates"


def make_env(root: Path) -> jinja2.Environment:
    """The one Jinja2 environment: overrides first, StrictUndefined, HTML autoescaping on."""
    loader = jinja2.ChoiceLoader([
        jinja2.FileSystemLoader(root / "overrides" / TEMPLATES),
        jinja2.FileSystemLoader(root / TEMPLATES),
    ])  # fmt: skip
    env = jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def render_site(content: Content, env: jinja2.Environment) -> dict[str, str]:
    """Every generated page, as {path inside docs: Markdown text}, in a stable order."""
    try:
        return _render_all(content, env)
    except jinja2.TemplateError as exc:
        raise TemplateFailed(_describe(exc)) from None


def _describe(exc: jinja2.TemplateError) -> str:
    """Name the template and line of a template error (the innermost frame in site_templates)."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"template {exc.name}, line {exc.lineno}: {exc.message}"
    frames = traceback.extract_tb(exc.__traceback__)
    where = next((f for f in reversed(frames) if f.filename.endswith(".md")), None)
    place = f"template {Path(where.filename).name}, line {where.lineno}: " if where else ""
    return f"{place}{exc}"


def _render_all(content: Content, env: jinja2.Environment) -> dict[str, str]:
    verdicts = {v.id: v for v in content.verdicts}
    sources = {s.id: s for s in content.sources}
    common = {"content": content, "verdicts": verdicts, "sources": sources}
    pages = {
        "index.md": env.get_template("index.md").render(**common),
        "methodology.md": env.get_template("methodology.md").render(**common),
    }
    for claim in content.claims:
        pages[f"claims/{claim.id}.md"] = render_claim_page(claim, env, common)
    for source in content.sources:
        pages[f"sources/{source.id}.md"] = render_source_page(source, env, common)
    return pages


def render_claim_page(claim: Claim, env: jinja2.Environment, common: dict[str, object]) -> str:
    """One claim's page."""
    return env.get_template("claim.md").render(claim=claim, **common)


def render_source_page(source: Source, env: jinja2.Environment, common: dict[str, object]) -> str:
    """One source's page."""
    return env.get_template("source.md").render(source=source, **common)
