"""Which engines ``generator build`` can drive, checked before it starts one: one line when it cannot, no traceback.

MkDocs 1.6 with Material for MkDocs 9 is the default engine. Its continuations differ: ProperDocs runs the
same plugin (``properdocs build``), while mkdocs-materialx replaces the ``material`` package with a version 10
whose pages carry other settings than the Content-Security-Policy (generator/csp.py) knows.
"""

from __future__ import annotations

import importlib

from generator.errors import BuildFailed

ENGINES = ("mkdocs", "zensical")
MATERIAL = "mkdocs-material>=9.5.30,<10"
INSTALL = f"pip install 'mkdocs>=1.6,<2' '{MATERIAL}'"
NEEDS_MKDOCS = f"generator build needs MkDocs 1.6 and Material for MkDocs 9 ({INSTALL}), with either engine"
# Zensical's route reads mkdocs.yml as MkDocs does (its !ENV tags, the theme's defaults): it needs them as well.
NEEDS_MKDOCS_ZENSICAL = (
    f"--engine zensical reads mkdocs.yml with MkDocs 1.6 and Material for MkDocs 9, which are not installed: {INSTALL}"
)


def require_mkdocs(engine: str = "mkdocs") -> None:
    """BuildFailed unless MkDocs and Material for MkDocs can be imported (version 9 for the MkDocs engine)."""
    try:
        importlib.import_module("mkdocs.commands.build")
        material = importlib.import_module("material")
    except ModuleNotFoundError:
        raise BuildFailed(NEEDS_MKDOCS_ZENSICAL if engine == "zensical" else NEEDS_MKDOCS) from None
    version = str(getattr(material, "__version__", "unknown"))
    if engine == "mkdocs" and version.split(".")[0] != "9":
        raise BuildFailed(
            f"the installed 'material' theme is {version} (mkdocs-materialx?); generator build supports "
            f"Material for MkDocs 9: pip install '{MATERIAL}', or use --engine zensical"
        )
