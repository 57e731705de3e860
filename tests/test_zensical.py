"""The second engine: `generator build --engine zensical`, its guard, its version range, its preview; and the
one-line refusals of engines `generator build` cannot drive. The reader checks run on its build too (engine_site)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path

import pytest
import zensical as zensical_package

from generator import engines
from generator.build import build
from generator.cli import main
from generator.csp import bundle_style_hashes, worker_shim_hash
from generator.errors import BuildFailed
from generator.manifest import MANIFEST
from generator.zensical import engine as zensical
from generator.zensical.guard import MESSAGE, docs_dir

Make = Callable[..., Path]
REPO = Path(__file__).resolve().parent.parent
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def test_plain_zensical_build_and_serve_stop_with_one_line_naming_the_command(site_project: Make) -> None:
    root = site_project()
    for command in (["build"], ["serve", "-a", "127.0.0.1:0"]):
        done = subprocess.run(
            [sys.executable, "-m", "zensical", *command], cwd=root, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 1, command
        assert done.stderr == f"Error: Encountered an error parsing the configuration file: {MESSAGE}\n", command
    assert MESSAGE.endswith(
        "Run `python -m generator build --engine zensical` or `python -m generator preview --engine zensical` instead"
    )
    assert not (root / "site").exists()


def test_outside_zensical_the_guard_is_the_folder_it_names() -> None:
    assert docs_dir("site_templates/static") == "site_templates/static"


def test_the_zensical_build_has_every_page_a_policy_and_a_manifest(
    site_project: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_project()
    assert main(["--root", str(root), "build", "--engine", "zensical"]) == 0
    site = root / "site"
    assert capsys.readouterr().out.startswith(f"built 13 pages into {site} (")
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert pages == [
        "404.html", "about.html", "claims.html", "claims/death-toll.html", "claims/framing.html",
        "contradictions.html", "corrections.html", "index.html", "matrix.html", "methodology.html",
        "sources/alpha.html", "sources/beta.html", "sources/index.html",
    ]  # fmt: skip
    for page in site.rglob("*.html"):
        (policy,) = META.findall(page.read_text(encoding="utf-8"))
        assert "style-src 'self' 'sha256-" in policy.replace("&#x27;", "'"), page
        assert "Spotted an error?" in page.read_text(encoding="utf-8"), page  # the theme's footer override
    assert json.loads((site / MANIFEST).read_text(encoding="utf-8"))["tool"] == "factcheck-generator"
    assert not (root / "site_templates/static/claims").exists()  # nothing written into the project


def test_a_failed_zensical_build_names_the_problem_and_keeps_the_site(site_project: Make) -> None:
    root = site_project()
    build(root, root / "site", engine="zensical")
    before = (root / "site/index.html").read_bytes()
    (root / "site_templates/static/extra.md").write_text("[broken](nowhere.md)\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build(root, root / "site", engine="zensical")
    assert str(failed.value) == (
        "Zensical failed:\n"
        "Warning: page does not exist\n"
        "   ╭─[ extra.md:1:10 ]\n"
        "   │\n"
        " 1 │ [broken](nowhere.md)\n"
        "   │          ─────┬────\n"
        "   │               ╰────── page does not exist\n"
        "───╯\n"
        "1 issue found\n"
        "Aborted because --strict flag is set"  # the error its traceback ends with
    )
    assert (root / "site/index.html").read_bytes() == before


@pytest.mark.parametrize(
    ("installed", "message"),
    [
        (
            "0.1.3",
            "Zensical 0.1.3 is outside the tested range >=0.0.73,<0.0.74: pip install 'zensical>=0.0.73,<0.0.74'",
        ),
        (
            "0.0.72",
            "Zensical 0.0.72 is outside the tested range >=0.0.73,<0.0.74: pip install 'zensical>=0.0.73,<0.0.74'",
        ),
        (None, "Zensical is not installed: pip install 'zensical>=0.0.73,<0.0.74'"),
    ],
)
def test_a_zensical_outside_the_tested_range_is_refused_in_one_line(
    site_project: Make,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    installed: str | None,
    message: str,
) -> None:
    def version(name: str) -> str:
        if installed is None:
            raise zensical.importlib.metadata.PackageNotFoundError(name)
        return installed

    monkeypatch.setattr(zensical.importlib.metadata, "version", version)
    root = site_project()
    assert main(["--root", str(root), "build", "--engine", "zensical"]) == 1
    assert capsys.readouterr().err == f"error: {message}\n"
    assert not (root / "site").exists()


def test_the_installed_zensical_is_in_the_tested_range() -> None:
    assert zensical.require_version() == "0.0.73"


def test_the_search_dialog_stylesheet_is_hashed_from_the_bundle() -> None:
    bundle = 'var Tc=\'.u{x:1}\';o=e.attachShadow({mode:"open"});o.appendChild(C("style",{},Tc.toString()))'
    assert bundle_style_hashes(bundle) == ("'sha256-" + _b64(".u{x:1}") + "'",)
    with pytest.raises(ValueError, match=r"^unknown Zensical bundle: cannot find the stylesheet of its search dialog$"):
        bundle_style_hashes("var x = 1;")
    with pytest.raises(ValueError, match=r"^unknown Zensical bundle: cannot find the text of the stylesheet Tc$"):
        bundle_style_hashes(bundle.replace("var Tc=", "let Tc="))


def test_the_installed_bundle_gives_the_hash_chromium_asks_for() -> None:
    # The hash Chromium named in its style-src-elem violation report when the search dialog opened (0.0.73).
    (bundle,) = (Path(zensical_package.__file__).parent / "templates/assets/javascripts").glob("bundle.*.min.js")
    assert bundle_style_hashes(bundle.read_text(encoding="utf-8")) == (
        "'sha256-NwSx/R2V/U4jnW0Tq5pQ53Y/rzPVJ4dqE7D6UTA/J1k='",
    )


def _b64(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_a_theme_whose_search_settings_are_not_a_worker_url_is_named() -> None:
    page = '<script id="__config" type="application/json">{"search": {"provider": "lunr"}}</script>'
    with pytest.raises(ValueError) as failed:
        worker_shim_hash("", page)
    assert str(failed.value) == (
        "unsupported theme: __config.search is not a worker URL (Material for MkDocs 9 and Zensical)"
    )


def test_mkdocs_materialx_is_refused_in_one_line(
    site_project: Make, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = engines.importlib.import_module
    fake = types.SimpleNamespace(__version__="10.2.2")
    monkeypatch.setattr(engines.importlib, "import_module", lambda name: fake if name == "material" else real(name))
    root = site_project()
    assert main(["--root", str(root), "build"]) == 1
    assert capsys.readouterr().err == (
        "error: the installed 'material' theme is 10.2.2 (mkdocs-materialx?); generator build supports Material for "
        "MkDocs 9: pip install 'mkdocs-material>=9.5.30,<10', or use --engine zensical\n"
    )


def test_a_missing_mkdocs_is_named_in_one_line(
    site_project: Make, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def missing(name: str) -> object:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)

    monkeypatch.setattr(engines.importlib, "import_module", missing)
    root = site_project()
    assert main(["--root", str(root), "build"]) == 1
    assert capsys.readouterr().err == (
        "error: generator build needs MkDocs 1.6 and Material for MkDocs 9 (pip install 'mkdocs>=1.6,<2' "
        "'mkdocs-material>=9.5.30,<10'), with either engine\n"
    )
    assert main(["--root", str(root), "build", "--engine", "zensical"]) == 1
    assert capsys.readouterr().err == (
        "error: --engine zensical reads mkdocs.yml with MkDocs 1.6 and Material for MkDocs 9, which are not "
        "installed: pip install 'mkdocs>=1.6,<2' 'mkdocs-material>=9.5.30,<10'\n"
    )
    assert main(["--root", str(root), "preview", "--engine", "zensical"]) == 1
    assert capsys.readouterr().err.startswith("error: --engine zensical reads mkdocs.yml with MkDocs 1.6")


def test_two_zensical_builds_are_identical_and_ship_the_same_data_as_mkdocs(built_project: Path) -> None:
    root = built_project  # its site/ built by MkDocs
    build(root, root / "one", engine="zensical")
    build(root, root / "two", engine="zensical")
    assert (root / "one" / MANIFEST).read_bytes() == (root / "two" / MANIFEST).read_bytes()
    assert (root / "one/claims.json").read_bytes() == (root / "site/claims.json").read_bytes()
