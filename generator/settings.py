"""mkdocs.yml, and the publishing settings of it the pages need: site address, repository address, language.

The one reader of mkdocs.yml outside MkDocs: ``load_mkdocs_config`` (MkDocs' own loader, ``!ENV`` and defaults
included: what a build reads) and ``read_mkdocs_yml`` (the plain YAML, for the config written for Zensical and
the benchmark's baseline), which both answer ``get``. A setting the pages cannot use is one ConfigError
naming mkdocs.yml and it. The theme writes names and addresses into every page as they are, unescaped (in
<title>, in attributes, in a script), so each is checked here: a name is one line of text without markup
or the characters the content check refuses; an address is http or https without quotes, spaces or brackets.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

from generator.characters import LINE_SEPARATORS, REFUSED, refusal
from generator.errors import BuildFailed, ConfigError
from generator.model import Masthead

CONFIG_FILE = "mkdocs.yml"  # in the project's folder
# The tag mkdocs.yml names its docs folder with (zensical/guard.py: it stops a plain `zensical build`).
DOCS_DIR_TAG = "tag:yaml.org,2002:python/object/apply:generator.zensical.guard.docs_dir"

_UNSAFE = r"\s\"'<>`\\{}\[\]()\x00-\x1f\x7f-\x9f"  # what ends an attribute, a string or a URL, and controls
_ADDRESS = re.compile(rf"https?://[^{_UNSAFE}/][^{_UNSAFE}]*")
_MAILTO = re.compile(rf"mailto:[^{_UNSAFE}@]+@[^{_UNSAFE}@]+")
_MARKUP = re.compile(r"[<>\"]")
# Settings the theme writes into pages as text, and those it writes as a link (the plugin's under extra).
TEXTS = ("site_name", "site_description", "site_author", "repo_name", "copyright")
ADDRESSES = ("site_url", "repo_url")
# render/pages.py gives every page one address, claims/ID.html, which every link, feed entry and redirect uses.
DIRECTORY_URLS = (
    "mkdocs.yml: use_directory_urls: true is not supported: the pages link to each other as claims/ID.html and "
    "open from disk; set use_directory_urls: false"
)


@dataclass(frozen=True)
class SiteInfo:
    """Settings the pages need from the site configuration (mkdocs.yml), passed in, never read here."""

    name: str  # the site's name: the publisher of the reviews until content/publisher.yaml names one
    url: str | None  # the public base URL, if the site has one
    edit_base: str | None  # URL prefix that, followed by a file path, edits that file
    repository: str | None = None  # the address of the repository the site is built from (--repository-url)
    language: str = "en"  # the site's language (theme.language), the default of a source text's


def site_info(config: Mapping[str, Any]) -> SiteInfo:
    """The SiteInfo of a configuration (mkdocs.yml read as YAML, or MkDocs' config), its settings checked."""
    check_settings(config)
    extra = config.get("extra") or {}
    for moved in ("publisher", "report_error_url"):  # content/publisher.yaml is the one place for them
        if extra.get(moved) is not None:
            raise ConfigError(f'mkdocs.yml: extra.{moved}: moved to content/publisher.yaml (README, "Who publishes")')
    return SiteInfo(
        config["site_name"],
        _directory(config.get("site_url") or None),
        extra.get("content_edit_url"),
        repository_url(extra.get("repository_url")),
        _language(config.get("theme")),
    )


def repository_url(value: Any) -> str | None:
    """``extra.repository_url`` (``build --repository-url``): the repository's https address, without a final "/"."""
    if value is None or value == "":
        return None
    if not (isinstance(value, str) and _ADDRESS.fullmatch(value) and value.startswith("https://")):
        raise ConfigError(
            f"extra.repository_url (mkdocs.yml or --repository-url): expected an https address, got {value!r}"
        )
    return value.rstrip("/")


def require_site_url(info: SiteInfo) -> None:
    """A site built for deployment needs its public address (``generator build --deploy``)."""
    if not info.url:
        raise ConfigError(
            "mkdocs.yml: site_url: not set; a deployed site needs its public address for canonical links, "
            "the sitemap, the feed and ClaimReview URLs (e.g. site_url: https://example.org/explainer/)"
        )


_PUBLISHER = "content/publisher.yaml"


def require_masthead(masthead: Masthead, info: SiteInfo) -> None:
    """A deployed site says who publishes, owns and funds it, and where to report an error (IFCN principles).

    One line per missing setting, each naming it; every one is reported at once.
    """
    missing = []
    if not (masthead.name or masthead.repository):
        missing.append(f"{_PUBLISHER}: publisher: not set; a deployed site must say who publishes it "
                       "(publisher: name, or repository: true)")  # fmt: skip
    elif masthead.repository and not info.repository:
        missing.append("--repository-url: not set; content/publisher.yaml says the site is published by its "
                       "repository, so a deployed site needs the repository's address")  # fmt: skip
    if not (masthead.report_address or masthead.issue_form):
        missing.append(
            f"{_PUBLISHER}: report_error: not set; a deployed site must say where readers report an error "
            "(address: a mailto: or https: address, or issue_form: with repository: true)"
        )
    elif masthead.issue_form and not masthead.repository:
        missing.append(f"{_PUBLISHER}: report_error.issue_form: needs publisher: repository: true (the issue "
                       "form lives in the repository); give address: instead")  # fmt: skip
    for field, what in (("ownership", "who owns it"), ("funding", "how it is funded")):
        if not getattr(masthead, field):
            missing.append(f"{_PUBLISHER}: {field}: not set; a deployed site must say {what}, "
                           "or that it is not known")  # fmt: skip
    if missing:
        raise ConfigError("\nerror: ".join(missing))


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


def check_settings(config: Mapping[str, Any]) -> None:
    """ConfigError for the first name or address in ``config`` that the theme cannot write into a page safely,
    or for page addresses the links cannot follow."""
    if config.get("use_directory_urls") is True:  # MkDocs' default: claims/ID/ instead of claims/ID.html
        raise ConfigError(DIRECTORY_URLS)
    extra = config.get("extra") or {}
    values = [(key, config.get(key), text_problem) for key in TEXTS]
    values += [(key, config.get(key), address_problem) for key in ADDRESSES]
    values.append(("extra.content_edit_url", extra.get("content_edit_url"), address_problem))
    for key, value, problem in values:
        if value is not None and (found := problem(value)):
            raise ConfigError(f"mkdocs.yml: {key}: {found}")


def text_problem(value: Any) -> str | None:
    """Why ``value`` cannot be a name or description the theme writes into pages; None when it can."""
    if not isinstance(value, str):
        return f"expected text, got {value!r}"
    if hidden := REFUSED.search(value) or LINE_SEPARATORS.search(value):
        return refusal(hidden.group())
    if "\n" in value:
        return "expected one line of text"
    if markup := _MARKUP.search(value):
        advice = "use “ ” for quotation marks" if markup.group() == '"' else "write plain text"
        return f"{markup.group()} is not allowed: the theme writes this setting into pages unescaped; {advice}"
    return None


def address_problem(value: Any) -> str | None:
    """Why ``value`` cannot be the site's (or a link's) address; None when it can."""
    if isinstance(value, str) and _ADDRESS.fullmatch(value):
        return None
    return f"expected an http:// or https:// address without quotes, spaces or brackets, got {value!r}"


def contact_problem(value: Any) -> str | None:
    """Why ``value`` cannot be where readers report an error (a mailto: or http(s) address); None when it can."""
    if isinstance(value, str) and (_ADDRESS.fullmatch(value) or _MAILTO.fullmatch(value)):
        return None
    return f"expected a mailto: or an http:// or https:// address without quotes, spaces or brackets, got {value!r}"


def require_address(option: str, value: str | None) -> None:
    """ConfigError naming ``option`` (``--site-url``) when ``value`` is given and is not a safe address."""
    if value is not None and (problem := address_problem(value)):
        raise ConfigError(f"{option}: {problem}")


def with_repository(config: Any, repository_url: str | None) -> None:
    """Give the loaded configuration the repository's address from the command line, which wins."""
    if repository_url:
        config.extra["repository_url"] = repository_url


def config_file(root: Path) -> Path:
    """The project's mkdocs.yml."""
    return root / CONFIG_FILE


def load_mkdocs_config(root: Path, **overrides: Any) -> Any:
    """Load ``root``/mkdocs.yml as MkDocs does (``!ENV`` included); a broken file is a BuildFailed, no traceback."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    said = Said()  # MkDocs logs what is wrong and raises a generic "Aborted with ... errors"
    logger = logging.getLogger("mkdocs.config")
    logger.addHandler(said)
    try:
        return load_config(str(config_file(root)), **overrides)
    except MkDocsException as exc:
        raise BuildFailed("mkdocs.yml: " + "; ".join([*said.messages, str(exc)])) from None
    except OSError as exc:
        raise BuildFailed(f"cannot read {config_file(root)}: {exc.strerror or exc}") from None
    finally:
        logger.removeHandler(said)


class Said(logging.Handler):
    """Keeps the errors MkDocs logs while it loads a configuration or builds."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class ConfigLoader(yaml.SafeLoader):
    """A safe loader for mkdocs.yml: it knows the guard's tag (and no other Python tag) and MkDocs' ``!ENV``."""


def _construct_docs_dir(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    (path,) = loader.construct_sequence(node)  # type: ignore[arg-type]
    return str(path)


ConfigLoader.add_constructor(DOCS_DIR_TAG, _construct_docs_dir)
ConfigLoader.add_constructor("!ENV", construct_env_tag)  # as MkDocs reads it: an environment variable


def read_mkdocs_yml(root: Path) -> dict[str, Any]:
    """mkdocs.yml of the project at ``root`` as plain YAML, read safely; ``docs_dir`` is the folder the guard names."""
    config: dict[str, Any] = yaml.load(config_file(root).read_text(encoding="utf-8"), Loader=ConfigLoader)
    return config
