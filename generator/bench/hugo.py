"""The benchmark's floor: Hugo building the pages ``generator render`` writes, as finished HTML in a minimal layout.

Each generated page becomes an HTML content file (its front matter kept, ``url`` added so Hugo writes it where
MkDocs does); its Markdown (the few headings and bare lines the templates write) is converted beforehand with the
project's extensions, so Hugo only lays the pages out; every other file of the docs folder is copied as a static
file. Hugo is not a dependency: without it on the PATH, the benchmark says so in the column.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import markdown
import yaml
from mkdocs.utils.meta import get_data

from generator.errors import GeneratorError
from generator.settings import load_mkdocs_config

HUGO = "hugo"  # the command, looked up on the PATH
# Pages at the addresses MkDocs gives them (claims/x.html); no page Hugo would add of its own.
CONFIG = {"baseURL": "/", "uglyURLs": True, "disableKinds": ["home", "section", "taxonomy", "term", "RSS", "404"]}
# One layout for every page: the site's stylesheet, the title, the page.
LAYOUT = """\
<!doctype html>
<html lang="{{ .Site.LanguageCode }}">
<head><meta charset="utf-8"><title>{{ .Title }} - {{ .Site.Title }}</title>
<link rel="stylesheet" href="/assets/factcheck.css"></head>
<body><main>{{ .Content }}</main></body>
</html>
"""


def command() -> str | None:
    """Hugo's executable, or None when it is not installed."""
    return shutil.which(HUGO)


def write_project(site: Path, plain: Path) -> Path:
    """Write under ``site`` a Hugo project of the baseline at ``plain`` (baseline.write_project)."""
    config = load_mkdocs_config(plain)
    convert = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    docs = Path(config.docs_dir)
    for path in sorted(docs.rglob("*")):
        name = path.relative_to(docs).as_posix()
        if not path.is_file() or name.startswith("."):
            continue
        if path.suffix == ".md":
            page = _content_name(name)
            html = _page(path.read_text(encoding="utf-8"), "/" + name.removesuffix(".md") + ".html", convert)
            _write(site / "content" / page, html)
        else:
            (site / "static" / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, site / "static" / name)
    settings = {**CONFIG, "title": config.site_name, "languageCode": str(config.theme.locale)}
    _write(site / "config.yaml", yaml.safe_dump(settings, sort_keys=False, allow_unicode=True))
    _write(site / "layouts" / "_default" / "single.html", LAYOUT)
    return site


def build(site: Path, out: Path) -> None:
    """Run Hugo on the project at ``site``, into ``out``; a failure is a GeneratorError with Hugo's words."""
    executable = command()
    if executable is None:
        raise GeneratorError(f"{HUGO} is not installed")
    run = [executable, "--quiet", "--source", str(site), "--destination", str(out)]
    result = subprocess.run(run, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise GeneratorError(f"hugo failed on {site}:\n{(result.stderr or result.stdout)[-3000:]}")


def _content_name(name: str) -> str:
    """The content file for docs page ``name``: Hugo reads ``index`` and ``_index`` files as bundles."""
    path = Path(name).with_suffix(".html")
    return path.with_name("index-page.html").as_posix() if path.stem in ("index", "_index") else path.as_posix()


def _page(text: str, url: str, convert: markdown.Markdown) -> str:
    body, meta = get_data(text)
    front = yaml.safe_dump({**meta, "url": url}, sort_keys=False, allow_unicode=True)
    return f"---\n{front}---\n{convert.reset().convert(body)}\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
