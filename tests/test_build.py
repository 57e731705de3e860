"""The build: checks first, writes the site atomically, and never harms what it must not touch."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import edit

from generator.build import build
from generator.errors import BuildFailed, CheckFailed, TemplateFailed

REPO = Path(__file__).resolve().parent.parent
Make = Callable[..., Path]


@pytest.fixture
def site_project(project: Make) -> Callable[..., Path]:
    """A mini project that can be built: the real mkdocs.yml, templates and hook."""

    def make(changes: dict[str, str | None] | None = None) -> Path:
        root = project(changes)
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(REPO / "site_templates", root / "site_templates", dirs_exist_ok=True)
        (root / "generator").mkdir(exist_ok=True)
        shutil.copy(REPO / "generator" / "mkdocs_hook.py", root / "generator" / "mkdocs_hook.py")
        return root

    return make


def test_build_writes_a_page_per_claim_and_source(site_project: Callable[..., Path]) -> None:
    root = site_project()
    result = build(root, root / "site")
    pages = sorted(p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*.html"))
    assert pages == [
        "404.html", "claims/death-toll.html", "claims/framing.html", "index.html", "methodology.html",
        "sources/alpha.html", "sources/beta.html",
    ]  # fmt: skip
    assert result.pages == len(pages)
    assert "Twelve people died in the attack." in (root / "site/claims/death-toll.html").read_text()


def test_failed_check_leaves_the_previous_site_untouched(site_project: Callable[..., Path]) -> None:
    root = site_project()
    build(root, root / "site")
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    (root / "content/claims/framing.yaml").write_text("id: [broken\n")
    with pytest.raises(CheckFailed):
        build(root, root / "site")
    after = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in root.iterdir() if p.name.startswith(".site-build-")] == []


def test_broken_template_leaves_the_previous_site_untouched(
    site_project: Callable[..., Path],
) -> None:
    root = site_project()
    build(root, root / "site")
    before = (root / "site/index.html").read_bytes()
    (root / "site_templates/claim.md").write_text("{{ claim.no_such_field }}")
    message = "template claim.md, line 1: 'generator.model.Claim object' has no attribute 'no_such_field'"
    with pytest.raises(TemplateFailed, match=re.escape(message)):
        build(root, root / "site")
    assert (root / "site/index.html").read_bytes() == before


def test_deleted_claims_do_not_survive_a_rebuild(site_project: Callable[..., Path]) -> None:
    root = site_project()
    build(root, root / "site")
    (root / "content/claims/framing.yaml").unlink()
    (root / "content/claims/death-toll.yaml").write_text(
        edit("content/claims/death-toll.yaml", "related: [framing]", "related: []")["content/claims/death-toll.yaml"]
        .replace("\n        ", "\n")
        .lstrip("\n")
    )
    build(root, root / "site")
    assert not (root / "site/claims/framing.html").exists()


@pytest.mark.parametrize("target", [".", "content", "seeds", "content/claims", "generator", ".."])
def test_refuses_to_build_over_the_project(site_project: Callable[..., Path], target: str) -> None:
    root = site_project()
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    with pytest.raises(BuildFailed, match="refusing to build into"):
        build(root, root / target)
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_refuses_to_replace_a_folder_that_is_not_a_site(site_project: Callable[..., Path], tmp_path: Path) -> None:
    root = site_project()
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    with pytest.raises(BuildFailed, match="not empty and holds no built site"):
        build(root, precious)
    assert (precious / "notes.txt").read_text() == "keep me"
