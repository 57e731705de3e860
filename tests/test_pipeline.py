"""One pipeline: `generator build` reads mkdocs.yml once, through MkDocs, and checks and renders once."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

from generator import pipeline
from generator.model import Content

Make = Callable[..., Path]


def _with_site_url(root: Path, line: str) -> None:
    config = root / "mkdocs.yml"
    config.write_text(f"{line}\n" + config.read_text(encoding="utf-8"), encoding="utf-8")


def _review_url(site: Path) -> str:
    page = (site / "claims/death-toll.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found is not None
    return str(json.loads(found.group(1))["url"])


def test_site_url_from_the_environment_builds(
    site_project: Make, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_project()
    _with_site_url(root, "site_url: !ENV [FACTCHECK_TEST_SITE_URL, 'https://fallback.example/']")
    monkeypatch.setenv("FACTCHECK_TEST_SITE_URL", "https://env.example/explainer/")
    result = run_cli(capsys, root, "build", "--site-dir", str(root / "site"))
    assert (result.code, result.err) == (0, "")
    assert _review_url(root / "site") == "https://env.example/explainer/claims/death-toll.html"


def test_a_site_url_without_a_slash_checks_and_renders_once(
    site_project: Make, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_project()
    _with_site_url(root, "site_url: https://example.org")
    checked: list[Path] = []
    real = pipeline.check_project

    def counting(project: Path, *args: Any) -> Content:
        checked.append(project)
        return real(project, *args)

    monkeypatch.setattr(pipeline, "check_project", counting)
    result = run_cli(capsys, root, "build", "--site-dir", str(root / "site"))
    assert (result.code, result.err) == (0, "")
    assert checked == [root.resolve()]
    assert _review_url(root / "site") == "https://example.org/claims/death-toll.html"


def test_a_broken_mkdocs_yml_is_an_error_without_a_traceback(
    site_project: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_project()
    (root / "mkdocs.yml").write_text("site_name: [unclosed\n", encoding="utf-8")
    result = run_cli(capsys, root, "build", "--site-dir", str(root / "site"))
    assert result.code == 1
    assert result.err.startswith("error: mkdocs.yml: ")
    assert not (root / "site").exists()


def test_a_build_without_the_plugin_is_refused(site_project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = site_project()
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - factcheck-explainer", ""), encoding="utf-8")
    result = run_cli(capsys, root, "build", "--site-dir", str(root / "site"))
    assert (result.code, result.err) == (
        1,
        "error: mkdocs.yml does not list the factcheck-explainer plugin under plugins:\n",
    )


def test_the_plugins_options_are_validated(site_project: Make, capsys: pytest.CaptureFixture[str]) -> None:
    root = site_project()
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - factcheck-explainer", "  - factcheck-explainer: {watch: 3}")
    )
    result = run_cli(capsys, root, "build", "--site-dir", str(root / "site"))
    assert result.code == 1
    assert result.err.endswith(
        "error: mkdocs.yml: Config value 'plugins': Plugin 'factcheck-explainer' option 'watch': Expected a list of items, "
        "but a <class 'int'> was given.; Aborted with a configuration error!\n"
    )


def test_only_settings_reads_mkdocs_yml(generator_nodes: Mapping[Path, tuple[ast.AST, ...]]) -> None:
    # One reader of mkdocs.yml outside MkDocs: settings (load_mkdocs_config through MkDocs' loader, read_mkdocs_yml
    # as YAML). Any other module that names the file, imports MkDocs' loader or reads the !ENV tag is a second one.
    found = []
    for path, nodes in generator_nodes.items():
        if path.as_posix() == "generator/settings.py":
            continue
        for node in nodes:
            names = node.names if isinstance(node, ast.ImportFrom) else []
            if isinstance(node, ast.Constant) and node.value == "mkdocs.yml":
                found.append(f"{path}:{node.lineno}: 'mkdocs.yml'")
            elif isinstance(node, ast.ImportFrom) and node.module == "yaml_env_tag":
                found.append(f"{path}:{node.lineno}: yaml_env_tag")
            elif any(alias.name == "load_config" for alias in names):
                found.append(f"{path}:{node.lineno}: load_config from {node.module}")  # type: ignore[union-attr]
    assert found == []


def test_a_build_renders_the_content_without_the_files_texts(buildable: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue #26: once the check passed, a build lets each file's text and parsed data go (at 5,000 claims about
    60 MB of its peak memory); the render reads only each file's path. A preview keeps them (its read cache)."""
    from generator.check.load import ReadCache
    from generator.settings import load_mkdocs_config

    rendered: list[Content] = []
    render = pipeline.render
    monkeypatch.setattr(pipeline, "render", lambda content, *args: rendered.append(content) or render(content, *args))
    config = load_mkdocs_config(buildable)
    pages = pipeline.generate_drawn_later(config)
    pipeline.generate_drawn_later(config, ReadCache())
    build, preview = rendered
    docs = [build.edition.doc, *(s.doc for s in build.sources), *(c.doc for c in build.claims)]
    assert len(docs) > 3 and all(doc is not None and (doc.text, doc.data) == ("", None) for doc in docs)
    assert all(c.doc.text and c.doc.data for c in preview.claims)
    assert [c.doc.path for c in build.claims] == [c.doc.path for c in preview.claims] and build == preview
    with pytest.raises(AssertionError, match="was released after its check"):
        build.claims[0].doc.error(("claim",), "m")
    assert pipeline.materialise(pages) == pipeline.generate(config, ReadCache())


def test_a_build_holds_each_text_it_renders_as_utf8_until_it_is_written(buildable: Path) -> None:
    # A str with one typographic quote takes two bytes a character: at 5,000 claims, most of a build's memory.
    from generator.render.pages import Encoded
    from generator.settings import load_mkdocs_config

    config = load_mkdocs_config(buildable)
    held = pipeline.generate_drawn_later(config, draw=lambda cards: None)  # as ``generator build`` asks
    kinds = {type(output).__name__ for output in held.values()}
    assert kinds == {"Encoded", "Drawn"}  # no str: every text, the claims' JSON and feed too
    claim = held["claims/death-toll.md"]
    assert isinstance(claim, Encoded) and claim.text().startswith("---\ntitle: ")
    assert pipeline.materialise(held) == pipeline.generate(config)  # the same files
