"""The publishing settings of mkdocs.yml the pages need: site address, publisher, language.

Read from MkDocs' own configuration (pipeline.load_mkdocs_config, the plugin) or from the plain YAML
(zensical/guard.load_config), which both answer ``get``. A setting the pages cannot use is one ConfigError
naming mkdocs.yml and it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from generator.errors import ConfigError
from generator.render.render import SiteInfo
from generator.render.structured import Publisher

_ADDRESS = re.compile(r"https?://[^\s\"'<>]+")
_PATH = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")  # a file inside the site, e.g. assets/logo.png


def site_info(config: Mapping[str, Any]) -> SiteInfo:
    """The SiteInfo of a configuration (mkdocs.yml read as YAML, or MkDocs' config)."""
    extra = config.get("extra") or {}
    return SiteInfo(
        config["site_name"],
        _directory(config.get("site_url") or None),
        extra.get("content_edit_url"),
        publisher(extra.get("publisher")),
        _language(config.get("theme")),
    )


def require_site_url(info: SiteInfo) -> None:
    """A site built for deployment needs its public address (``generator build --deploy``)."""
    if not info.url:
        raise ConfigError(
            "mkdocs.yml: site_url: not set; a deployed site needs its public address for canonical links, "
            "the sitemap, the feed and ClaimReview URLs (e.g. site_url: https://example.org/explainer/)"
        )


def publisher(value: Any) -> Publisher | None:
    """``extra.publisher``: a mapping with a name and, optionally, url and logo; None when unset."""
    if value is None:
        return None
    if not isinstance(value, Mapping) or set(value) - {"name", "url", "logo"}:
        raise ConfigError("mkdocs.yml: extra.publisher: expected a mapping with name and, optionally, url and logo")
    name, url, logo = value.get("name"), value.get("url"), value.get("logo")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError("mkdocs.yml: extra.publisher.name: expected the publisher's name as text")
    if url is not None and not (isinstance(url, str) and _ADDRESS.fullmatch(url)):
        raise ConfigError(f"mkdocs.yml: extra.publisher.url: expected an http or https address, got {url!r}")
    if logo is not None and not (isinstance(logo, str) and (_ADDRESS.fullmatch(logo) or _safe_path(logo))):
        raise ConfigError(
            f"mkdocs.yml: extra.publisher.logo: expected an http or https address or a path inside the site, "
            f"got {logo!r}"
        )
    return Publisher(name.strip(), url, logo)


def _safe_path(path: str) -> bool:
    return bool(_PATH.fullmatch(path)) and ".." not in path.split("/")


def _directory(url: str | None) -> str | None:
    """The site's address ending in "/", as MkDocs normalises it, so both readings of mkdocs.yml agree."""
    return url if url is None or url.endswith("/") else f"{url}/"


def _language(theme: Any) -> str:
    """The site's language: the theme's ``language`` (Material's setting), English when unset."""
    try:
        language = theme["language"] if theme is not None else None
    except (KeyError, TypeError):
        language = None
    return language if isinstance(language, str) and language else "en"
