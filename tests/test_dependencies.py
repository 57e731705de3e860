"""Every package the generator imports is declared in pyproject.toml, with a range."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path

# Imported only once `generator build --engine zensical` has checked it is installed (zensical/engine.py): an
# optional engine, declared with the test dependencies the suite builds with.
OPTIONAL = {"zensical"}


def _imported(generator_nodes: Mapping[Path, tuple[ast.AST, ...]]) -> dict[str, str]:
    """{top-level module: a file importing it} of every third-party import in generator/."""
    found: dict[str, str] = {}
    for path, nodes in generator_nodes.items():
        for node in nodes:
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "generator":
                    found.setdefault(top, path.as_posix())
    return found


def _declared(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[; ]", line, maxsplit=1)[0].lower().replace("_", "-") for line in requirements}


def test_every_imported_package_is_declared(generator_nodes: Mapping[Path, tuple[ast.AST, ...]]) -> None:
    project = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = _declared(project["dependencies"])
    distributions = importlib.metadata.packages_distributions()
    missing = []
    for module, where in _imported(generator_nodes).items():
        names = {name.lower().replace("_", "-") for name in distributions.get(module, [module])}
        if module not in OPTIONAL and not names & declared:
            missing.append(f"{module} ({where}): from {sorted(names)}")
    assert missing == []
    assert _declared(project["optional-dependencies"]["test"]) >= OPTIONAL


def test_every_dependency_has_a_range() -> None:
    project = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["project"]
    unpinned = [line for line in project["dependencies"] if not re.search(r"[<=]=?\s*\d", line)]
    assert unpinned == []
