"""Command line: ``factcheck-explainer`` (or ``python -m generator``): init, new-source, new, check, build, preview,
render, bench."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from generator.check.quotations import terms
from generator.check.validate import check_project
from generator.engines import ENGINES, require_mkdocs
from generator.errors import CheckFailed, GeneratorError, Terminated, messages
from generator.history import repository_prefix
from generator.model import Content
from generator.newsroom.init import WORKFLOW, Settings

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command named in ``argv``; return the process exit code."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if main_thread else None
    try:
        return _run(args)
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("interrupted (Ctrl-C); unfinished output was removed", file=sys.stderr)
        return 130
    except Terminated:
        print("terminated (SIGTERM); unfinished output was removed", file=sys.stderr)
        return 143
    except CheckFailed as failed:
        _report(failed, args.format if hasattr(args, "format") else "text", args.root)
        return 1
    except (GeneratorError, OSError) as exc:  # OSError: a file that cannot be read or written, named
        print(f"error: {messages(exc)[0]}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    prog = "factcheck-explainer" if Path(sys.argv[0]).name == "factcheck-explainer" else "python -m generator"
    parser = argparse.ArgumentParser(prog=prog, description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="validate all content; exit 1 on any problem")
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help="github prints GitHub Actions annotations")  # fmt: skip
    check.add_argument("--base", metavar="REF", action="append", default=None,
                       help="also fail when a claim's verdict or figures changed since git revision REF "
                            "without a new corrections entry (e.g. origin/main); repeat it to fall back on the "
                            "next REF when one is not in the repository (e.g. after a force-push)")  # fmt: skip
    check.set_defaults(run=_check)
    build = commands.add_parser("build", help="check, then build the site atomically")
    build.add_argument("--site-dir", type=Path, default=None, help="output folder (default: site)")
    build.add_argument("--site-url", metavar="URL", default=None,
                       help="the site's public address, instead of mkdocs.yml's site_url")  # fmt: skip
    build.add_argument("--repository-url", metavar="URL", default=os.environ.get("FACTCHECK_REPOSITORY_URL") or None,
                       help="the address of the repository the site is built from (default: "
                            "$FACTCHECK_REPOSITORY_URL); content/publisher.yaml may name it the publisher")  # fmt: skip
    build.add_argument("--deploy", action="store_true",
                       help="a build to publish: it needs site_url and content/publisher.yaml's publisher, "
                            "report_error, ownership and funding")  # fmt: skip
    build.add_argument("--engine", choices=ENGINES, default="mkdocs",
                       help="the static site engine (default: mkdocs); see the README")  # fmt: skip
    build.set_defaults(run=_build)
    preview = commands.add_parser("preview", help="serve the site on localhost, rebuilt when content changes")
    preview.add_argument("--engine", choices=ENGINES, default="mkdocs",
                         help="mkdocs: mkdocs serve; zensical: zensical serve on build/zensical/")  # fmt: skip
    preview.add_argument("--addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    preview.set_defaults(run=_preview)
    render = commands.add_parser("render", help="check, then write the generated Markdown to a folder")
    render.add_argument("out_dir", type=Path, metavar="DIR", help="output folder (replaced atomically)")
    render.set_defaults(run=_render)
    new = commands.add_parser("new", help="scaffold content/claims/ID.yaml with every field and a hint")
    new.add_argument("id", help="the new claim's id (a lowercase slug)")
    new.add_argument(
        "--source", action="append", default=[], metavar="SRC", help="a source that addresses it (repeatable)"
    )
    new.set_defaults(run=_new)
    _add_newsroom_commands(commands)
    bench = commands.add_parser("bench", help="time check, render and build on synthetic content; print a table")
    bench.add_argument("--claims", default="100,1000,5000", help="sizes, comma-separated (default: 100,1000,5000)")
    bench.add_argument("--runs", type=int, default=None, help="runs per figure (default: 3; 1 from 5,000 claims)")
    bench.add_argument(
        "--json",
        nargs="?",
        const="-",
        default=None,
        metavar="FILE",
        help="write the figures as JSON to FILE (default: standard output, instead of the table)",
    )
    bench.add_argument("--serve", type=int, default=None, metavar="CLAIMS",
                       help="also time an edit showing up in `mkdocs serve` on this many claims")  # fmt: skip
    bench.set_defaults(run=_bench)
    return parser


def _add_newsroom_commands(commands: Any) -> None:
    """``init DIR`` (a new explainer) and ``new-source ID --seed FILE``."""
    init = commands.add_parser("init", help="start a new explainer in DIR (new or empty); asks nothing")
    init.add_argument("dir", type=Path, metavar="DIR", help="the folder to create the explainer in")
    init.add_argument("--name", default=Settings.name, help="the site's name (default: %(default)s)")
    init.add_argument("--description", default=Settings.description, help="one line describing the site")
    init.add_argument("--url", default=None, help="the site's public address (site_url), if it has one")
    init.add_argument("--publisher", default=None, help="who publishes it (named in ClaimReview)")
    init.add_argument("--publisher-url", default=None, help="the publisher's web address")
    init.add_argument("--language", default=Settings.language, help="language of the site's words (default: en)")
    init.add_argument("--contact", default=None, help="where readers report errors: a mailto: or https: address")
    init.set_defaults(run=_init)
    source = commands.add_parser("new-source", help="scaffold content/sources/ID.yaml for a text already in seeds/")
    source.add_argument("id", help="the new source's id (a lowercase slug)")
    source.add_argument("--seed", type=Path, required=True, metavar="FILE", help="its text, a .txt file in seeds/")
    source.set_defaults(run=_new_source)
    schemas = commands.add_parser("schemas", help="write the JSON Schemas editors' IDEs read into schemas/ (after "
                                  "upgrading the tool)")  # fmt: skip
    schemas.set_defaults(run=_schemas)


def _init(args: argparse.Namespace) -> int:
    from generator.newsroom.init import init_project

    keys = ("name", "description", "url", "publisher", "publisher_url", "language", "contact")
    init_project(args.dir, Settings(**{key: getattr(args, key) for key in keys}))
    print(f"started an explainer in {args.dir}; next: put a text in {args.dir / 'seeds'}/, then run new-source")
    if repository_prefix(args.dir):  # GitHub reads workflows only at the repository's top
        print(f"to use its workflow, move {args.dir / WORKFLOW} into the repository's top folder, as {WORKFLOW}")
    return 0


def _schemas(args: argparse.Namespace) -> int:
    from generator.newsroom.init import write_schemas

    changed = write_schemas(args.root)
    print(f"updated {len(changed)} schema file{'s' if len(changed) != 1 else ''} in {args.root / 'schemas'}")
    return 0


def _new_source(args: argparse.Namespace) -> int:
    from generator.newsroom.scaffold_source import new_source

    path = new_source(args.root, args.id, args.seed)
    print(f"wrote {path}; fill it in, then add claims with: new CLAIM-ID --source {args.id}")
    _schemas_hint(args.root)
    return 0


def _schemas_hint(root: Path) -> None:
    """Say so when the schema a new file's first line names is not in the project (one begun before init
    wrote schemas/)."""
    from generator.packaged import schema_folder

    if not schema_folder(root).is_dir():
        print(f"its first line names a schema in {schema_folder(root)}/, for editors' hints: write them there with "
              "the `schemas` command")  # fmt: skip


def _bench(args: argparse.Namespace) -> int:
    from generator.bench.bench import main as bench_main

    return bench_main(args.root, args.claims, args.runs, args.json, args.serve)


def _check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    failed: CheckFailed | None = None
    content: Content | None
    try:
        content = check_project(args.root, None, *_docs_files(args.root))
    except CheckFailed as error:  # --base still compares the valid claims: every problem in one run
        content = error.content if isinstance(error.content, Content) else None
        failed = error
    if args.base is not None and content is not None:  # an empty --base is an error, not a skipped check
        from generator.check.changes import unrecorded_changes
        from generator.history import first_revision

        try:
            changes = unrecorded_changes(args.root, content, first_revision(args.root, args.base))
        except GeneratorError:
            if failed is not None:  # the content's own problems first; why it cannot compare after them
                _report(failed, args.format, args.root)
            raise
        if changes or failed is not None:
            raise CheckFailed([*(failed.errors if failed else []), *changes])
    if failed is not None:
        raise failed
    assert content is not None  # check_project returned it
    elapsed = time.perf_counter() - started
    print(
        f"checked {len(content.claims)} claims, {len(content.sources)} sources, "
        f"{len(content.verdicts)} verdicts, {len(content.topics)} topics: no problems ({elapsed:.2f} s)"
    )
    docs = [
        doc for doc in (content.edition.doc, *(s.doc for s in content.sources), *(c.doc for c in content.claims)) if doc
    ]
    used = terms(docs)
    print(f'{used} term{"s" if used != 1 else ""} in quotation marks marked {{"…"}} as not quoting a source')
    return 0


def _docs_files(root: Path) -> tuple[list[str], str]:
    """mkdocs.yml's docs_dir files, checked as the build checks them; none while mkdocs.yml is missing or
    broken (the build says why), so that the content can be checked on its own."""
    from generator.pipeline import docs_files
    from generator.settings import read_mkdocs_yml

    try:
        docs_dir = read_mkdocs_yml(root).get("docs_dir", "docs")
    except (OSError, ValueError, AttributeError, yaml.YAMLError):
        return [], ""
    return docs_files(root.resolve(), (root / str(docs_dir)).resolve())


def _build(args: argparse.Namespace) -> int:
    site_dir = args.site_dir or args.root / "site"
    require_mkdocs(args.engine)  # both engines read mkdocs.yml with MkDocs; its modules are imported only now
    from generator.build import build  # MkDocs is imported only when building

    result = build(args.root, site_dir, args.deploy, args.site_url, args.repository_url, engine=args.engine)
    print(f"built {result.pages} pages into {site_dir} ({result.seconds:.2f} s)")
    return 0


def _preview(args: argparse.Namespace) -> int:
    require_mkdocs(args.engine)
    from generator.zensical.preview import serve

    return serve(args.root, args.engine, args.addr)


def _render(args: argparse.Namespace) -> int:
    from generator.build import export_markdown

    result = export_markdown(args.root, args.out_dir)
    print(f"wrote {result.pages} files into {args.out_dir} ({result.seconds:.2f} s)")
    return 0


def _new(args: argparse.Namespace) -> int:
    from generator.newsroom.scaffold import new_claim

    path = new_claim(args.root, args.id, args.source)
    print(f"wrote {path}; fill it in, then run: python -m generator check")
    _schemas_hint(args.root)
    return 0


def _report(failed: CheckFailed, style: str, root: Path) -> None:
    if style == "github":  # GitHub places an annotation by its path from the repository's top
        prefix = repository_prefix(root)
        for error in failed.errors:
            print(error.format_github(prefix))
    else:
        for error in failed.errors:
            print(error.format_text(), file=sys.stderr)
    files = len({e.path for e in failed.errors})
    count = len(failed.errors)
    print(
        f"{count} problem{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}",
        file=sys.stderr,
    )
