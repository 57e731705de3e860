"""Under ``mkdocs serve --dirty`` only changed pages are rebuilt, and the site equals a clean build's."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator import pipeline
from generator.bench import synthetic
from generator.manifest import MANIFEST
from generator.mkdocs.plugin import plugin_of
from generator.render.pages import EVERYTHING, Page, site_pages

pytestmark = pytest.mark.slow  # every test here builds synthetic sites with MkDocs

REPO = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def _previewing() -> Iterator[None]:
    """Plugins persist across builds in one process: put the search plugin and the preview back afterwards."""
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
        config = load_config(str(REPO / "mkdocs.yml"))
        config.plugins.on_startup(command="build", dirty=False)
        for plugin in config.plugins.values():
            if hasattr(plugin, "search_index_prev"):
                plugin.search_index_prev = None
        assert not plugin_of(config).session.active


@pytest.fixture
def dirty_session() -> Iterator[None]:
    """A test's builds as ``mkdocs serve --dirty`` makes them (_previewing)."""
    with _previewing():
        yield


def _dirty_build(project: Path, site: Path, *, start: bool = False) -> None:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    if start:
        config.plugins.on_startup(command="serve", dirty=True)
    mkdocs_build(config, dirty=True)


def _clean_build(project: Path, site: Path) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    subprocess.run(command, check=True, cwd=project.parent, env={**os.environ, "SOURCE_DATE_EPOCH": "0"})


def _differences(left: Path, right: Path) -> list[str]:
    def tree(root: Path) -> dict[str, bytes]:
        # A preview's folder has no manifest: only a completed `mkdocs build` records one.
        return {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in root.rglob("*")
            if p.is_file() and p.name != MANIFEST
        }

    a, b = tree(left), tree(right)
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


def _edit_claim(project: Path, number: int, text: str) -> None:
    path = project / "content" / "claims" / f"{synthetic.claim_id(number)}.yaml"
    body = re.sub(r"^claim: .*$", f"claim: {text}", path.read_text(encoding="utf-8"), count=1, flags=re.M)
    path.write_text(body, encoding="utf-8")


@dataclass(frozen=True)
class OneEdit:
    """A 40-claim project under ``mkdocs serve --dirty``: built, one claim edited, built again, then compared with
    a clean build. What the two tests below read (they used to make the same builds each)."""

    every: list[Page]  # the site's pages
    rendered_first: int  # pages the first build rendered
    rendered_again: int  # pages the build after the edit rendered
    edited: str  # the edited claim's file
    untouched: str  # a claim page neither edited nor reading the edited file: its page in the site
    untouched_mtimes: tuple[int, int]  # that page's modification time before and after the edit's build
    edited_page: str  # the edited claim's page after the edit's build
    differences: list[str]  # files that differ from a clean build's


@pytest.fixture(scope="module")
def one_edit(tmp_path_factory: pytest.TempPathFactory) -> OneEdit:
    from mkdocs.config.defaults import MkDocsConfig

    tmp = tmp_path_factory.mktemp("one-edit")
    project, site = tmp / "project", tmp / "dirty"
    project.mkdir()
    synthetic.write_project(project, REPO, 40)
    MkDocsConfig.plugins.plugin_cache.clear()  # as each test's (conftest.fresh_mkdocs_plugins)
    with _previewing():
        _dirty_build(project, site, start=True)
        every = site_pages(pipeline.check(load_config(str(project / "mkdocs.yml"))))
        rendered_first = _pages_rendered(project)
        untouched = site / "claims" / f"{synthetic.claim_id(1)}.html"
        before = untouched.stat().st_mtime_ns
        _edit_claim(project, 20, "An edited claim.")
        _dirty_build(project, site)
        rendered_again = _pages_rendered(project)
    edited_page = (site / "claims" / f"{synthetic.claim_id(20)}.html").read_text(encoding="utf-8")
    _clean_build(project, tmp / "clean")
    return OneEdit(
        every, rendered_first, rendered_again, f"content/claims/{synthetic.claim_id(20)}.yaml",
        f"claims/{synthetic.claim_id(1)}.md", (before, untouched.stat().st_mtime_ns), edited_page,
        _differences(site, tmp / "clean"),
    )  # fmt: skip


def test_dirty_rebuild_rewrites_only_changed_pages_and_equals_a_clean_build(one_edit: OneEdit) -> None:
    untouched = next(page for page in one_edit.every if page.path == one_edit.untouched)
    assert one_edit.edited not in untouched.inputs and EVERYTHING not in untouched.inputs  # it reads no edited file
    assert one_edit.untouched_mtimes[1] == one_edit.untouched_mtimes[0]
    assert "An edited claim." in one_edit.edited_page
    assert one_edit.differences == []


def test_a_changed_configuration_rebuilds_every_page(tmp_path: Path, dirty_session: None) -> None:
    project, site = tmp_path / "project", tmp_path / "dirty"
    project.mkdir()
    synthetic.write_project(project, REPO, 5)
    _dirty_build(project, site, start=True)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace('site_name: "', 'site_name: "Renamed '))
    _dirty_build(project, site)
    assert "Renamed" in (site / "claims" / f"{synthetic.claim_id(3)}.html").read_text(encoding="utf-8")
    _clean_build(project, tmp_path / "clean")
    assert _differences(site, tmp_path / "clean") == []


def test_plain_builds_do_not_use_the_preview(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    synthetic.write_project(project, REPO, 2)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    assert not plugin_of(config).session.active


def _pages_rendered(project: Path) -> int:
    config = load_config(str(project / "mkdocs.yml"))
    found = plugin_of(config)
    assert found is not None
    return int(found.memo.rendered)


def test_an_edit_re_renders_only_the_pages_that_read_the_file(one_edit: OneEdit) -> None:
    every = one_edit.every
    assert one_edit.rendered_first == len(every) > 40  # the first build renders every page
    readers = [page.path for page in every if EVERYTHING in page.inputs or one_edit.edited in page.inputs]
    aggregate = [page.path for page in every if EVERYTHING in page.inputs]
    assert len(aggregate) + 1 < len(readers) < len(aggregate) + 10  # its page and those of a few claims near it
    assert one_edit.rendered_again == len(readers)
    assert one_edit.differences == []


def test_moving_or_deleting_a_claim_updates_its_old_neighbours(tmp_path: Path, dirty_session: None) -> None:
    project, site = tmp_path / "project", tmp_path / "dirty"
    project.mkdir()
    synthetic.write_project(project, REPO, 12)
    _dirty_build(project, site, start=True)
    path = project / "content" / "claims" / f"{synthetic.claim_id(5)}.yaml"
    body = path.read_text(encoding="utf-8")
    topics = re.search(r"^topics:\n(?:- .*\n)+", body, re.M)
    assert topics is not None
    path.write_text(body.replace(topics.group(), "topics:\n- leadership\n- places\n"), encoding="utf-8")
    _dirty_build(project, site)
    _clean_build(project, tmp_path / "clean")
    assert _differences(site, tmp_path / "clean") == []
    for other in (project / "content" / "claims").glob("*.yaml"):  # no claim may list the one deleted
        text = other.read_text(encoding="utf-8")
        other.write_text(re.sub(rf"^- {synthetic.claim_id(7)}\n", "", text, flags=re.M), encoding="utf-8")
    edition = project / "content" / "edition.yaml"
    edition.write_text(re.sub(rf"^- {synthetic.claim_id(7)}\n", "", edition.read_text(encoding="utf-8"), flags=re.M))
    (project / "content" / "claims" / f"{synthetic.claim_id(7)}.yaml").unlink()
    _dirty_build(project, site)
    (site / "claims" / f"{synthetic.claim_id(7)}.html").unlink()  # MkDocs leaves a deleted page's old HTML
    (site / "assets" / "cards" / f"{synthetic.claim_id(7)}.png").unlink()  # and its social card
    _clean_build(project, tmp_path / "clean2")
    assert _differences(site, tmp_path / "clean2") == []


def test_edits_to_a_source_and_a_template_rebuild_the_rows_that_show_them(tmp_path: Path, dirty_session: None) -> None:
    """The rows kept across a preview's renders (render/fragments.py) follow a source's name and a row's template."""
    project, site = tmp_path / "project", tmp_path / "dirty"
    project.mkdir()
    synthetic.write_project(project, REPO, 12)
    _dirty_build(project, site, start=True)
    source = project / "content" / "sources" / "wire-report.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("name: The wire report", "name: The wire story"))
    _dirty_build(project, site)
    assert "The wire story" in (site / "matrix.html").read_text(encoding="utf-8")
    template = project / "site_templates" / "pages" / "contradictions.md"
    body = template.read_text(encoding="utf-8")
    template.write_text(body.replace("<tr><td data-label", '<tr class="fc-edited"><td data-label'), encoding="utf-8")
    _dirty_build(project, site)
    assert 'class="fc-edited"' in (site / "contradictions.html").read_text(encoding="utf-8")
    _clean_build(project, tmp_path / "clean")
    assert _differences(site, tmp_path / "clean") == []


def test_theme_templates_are_compiled_once_for_each_kind_of_environment() -> None:
    """MkDocs makes the theme's Jinja environment anew on every build of `mkdocs serve`: the compiled templates
    are kept (render/compiled.CompiledTemplates, which mkdocs/assets.py gives it), apart for environments whose options
    compile a source differently."""
    import jinja2

    from generator.render.compiled import CompiledTemplates

    cache = CompiledTemplates()
    templates = {"t.html": "{% trans %}Hello{% endtrans %} {% if x %}\n{{ x }}{% endif %}"}

    def render(newstyle: bool = True, **options: bool) -> str:
        env = jinja2.Environment(loader=jinja2.DictLoader(templates), extensions=["jinja2.ext.i18n"], **options)
        env.install_null_translations(newstyle=newstyle)  # type: ignore[attr-defined]
        env.bytecode_cache = cache
        return env.get_template("t.html").render(x=1)

    assert render() == render() == "Hello \n1" and len(cache._code) == 1
    assert render(trim_blocks=True) == "Hello 1" and len(cache._code) == 2
    assert render(newstyle=False) == "Hello \n1" and len(cache._code) == 3


def _edit_source(project: Path) -> None:
    path = project / "content" / "sources" / "wire-report.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: The wire report\n", "name: The renamed wire report\n"), encoding="utf-8")


def _edit_page_template(project: Path) -> None:
    path = project / "site_templates" / "pages" / "claim.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('<div class="fc-card">', '<div class="fc-card fc-edited-template">'), encoding="utf-8")


def _edit_theme_template(project: Path) -> None:
    path = project / "site_templates" / "theme" / "main.html"
    text = path.read_text(encoding="utf-8")
    edited = text.replace(
        "{% block extrahead %}\n{{ super() }}\n", "{% block extrahead %}\n{{ super() }}\n<!-- edited-theme -->\n"
    )
    path.write_text(edited, encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "shown"),
    [
        (_edit_source, "The renamed wire report"),
        (_edit_page_template, "fc-edited-template"),
        (_edit_theme_template, "<!-- edited-theme -->"),
    ],
    ids=["source", "page-template", "theme-template"],
)
def test_a_dirty_build_after_an_edit_equals_a_clean_build(
    tmp_path: Path, dirty_session: None, edit: Callable[[Path], None], shown: str
) -> None:
    project, site = tmp_path / "project", tmp_path / "dirty"
    project.mkdir()
    synthetic.write_project(project, REPO, 5)
    _dirty_build(project, site, start=True)
    page = site / "claims" / f"{synthetic.claim_id(3)}.html"
    assert shown not in page.read_text(encoding="utf-8")
    edit(project)
    _dirty_build(project, site)
    assert shown in page.read_text(encoding="utf-8")  # the edit shows, so the comparison below compares something
    _clean_build(project, tmp_path / "clean")
    assert _differences(site, tmp_path / "clean") == []
