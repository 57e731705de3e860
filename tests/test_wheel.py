"""The wheel ships the plugin, templates, theme overrides, assets and scaffold: a content-only project builds.

Slow (it builds a wheel and a virtual environment). The new environment reuses the dependencies already
installed in this one (through a .pth file) but holds its own copy of this package, from the wheel only.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from conftest import REPO
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
    venv.create(env, with_pip=True)
    python = env / "bin/python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp).strip()
    (Path(purelib) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run(python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel, cwd=tmp)
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
    only = [".gitignore", "README.md", "content", "mkdocs.yml", "overrides", "seeds"]
    assert sorted(p.name for p in root.iterdir()) == only  # no file of this repository copied by hand
    run(tool, "build", cwd=root)
    assert sorted(p.stem for p in (root / "site/claims").glob("*.html")) == sorted(CLAIMS)
    assert (root / "site/assets/vendor/iframe-worker/shim.js").is_file()
    # Plain MkDocs finds the plugin by its entry point, and the theme overrides and assets in the package.
    run(installed / "python", "-m", "mkdocs", "build", "--strict", "--site-dir", tmp_path / "plain", cwd=root)
    page = (tmp_path / "plain/claims/injuries.html").read_text(encoding="utf-8")
    assert 'class="md-skip"' in page and "assets/factcheck.css" in page
