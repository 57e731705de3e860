"""A Content-Security-Policy for built pages: a meta tag allowing the inline scripts the build itself wrote.

Independent of MkDocs: give it a page's HTML and the known scripts, get it back with the policy. An inline
script may run (by hash) only if it is one of the scripts of the theme's and our templates (``known_scripts``:
each template's script, its ``{{ ... }}`` slots filled with a path or an address, never a quote or a
bracket), plus scripts from the site's own files. A script that is not known is not hashed, and the build
fails naming the page (``unknown_scripts``): a setting that slipped markup into a page, or a theme whose
scripts this list does not know, needs a person, not a policy that allows whatever the page holds. Data
blocks (``application/json``, ``application/ld+json``) do not run and need no hash.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path

from generator.mkdocs.internals import shim_script

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_SRC = re.compile(r"(?:^|\s)src\s*=", re.I)
_TYPE = re.compile(r"""(?:^|\s)type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_DATA = {"application/json", "application/ld+json"}  # script elements browsers never run (data blocks)
_SLOT = re.compile(r"\{\{.*?\}\}", re.S)
_SLOT_VALUE = r"[\w.~/:%+-]*"  # what a template's {{ ... }} may be in a known script: a path, an address, an id
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_CHARSET = re.compile(r"\s*<meta charset=[\"']?[\w-]+[\"']?\s*/?>", re.I)
_EXISTING = re.compile(r"<meta http-equiv=\"Content-Security-Policy\"", re.I)
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)

# 'self' lets the theme load its own files. Style attributes and <style> are left to 'self' only: the theme
# sets styles through the DOM, which CSP does not restrict. frame-ancestors cannot be set from a meta tag.
_DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self' {hashes}",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
)


class NoHead(ValueError):
    """Raised by add_policy when a page has no <head> to put the policy in."""


Known = tuple[re.Pattern[str], ...]


def known_scripts(template_dirs: Iterable[Path]) -> Known:
    """The inline scripts that templates in ``template_dirs`` (the theme's, the project's overrides, our pages)
    write, as patterns; a template's script with Jinja statements ({% ... %}) in it is not one of them."""
    patterns = set()
    for folder in template_dirs:
        for path in _templates(Path(folder)):
            for attrs, body in _SCRIPT.findall(path.read_text(encoding="utf-8")):
                if _runs(attrs) and body.strip() and "{%" not in body:
                    patterns.add(_SLOT_VALUE.join(re.escape(part) for part in _SLOT.split(body)))
    return tuple(re.compile(pattern, re.S) for pattern in sorted(patterns))


def _templates(folder: Path) -> list[Path]:
    """The .html and .md files under ``folder``, but in hidden folders: Material's ``.icons`` holds some 14,000
    SVG files and no template. A script written by a template left out is unknown: the build refuses the page."""
    found = []
    for parent, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found += [Path(parent, name) for name in files if Path(name).suffix in (".html", ".md")]
    return sorted(path for path in found if path.is_file())


def _runs(attrs: str) -> bool:
    """Whether a script element with these attributes is an inline script a browser runs."""
    if _SRC.search(attrs):
        return False
    found = _TYPE.search(attrs)
    kind = next((group for group in found.groups() if group is not None), "") if found else ""
    return kind.strip().lower() not in _DATA


def _inline(page: str) -> list[str]:
    return [body for attrs, body in _SCRIPT.findall(page) if _runs(attrs)]


def script_hashes(page: str, known: Known) -> list[str]:
    """The CSP source expression ('sha256-...') of every known inline script in ``page``, sorted, once each."""
    digests = {_hash(body) for body in _inline(page) if any(p.fullmatch(body) for p in known)}
    return sorted(digests)


def unknown_scripts(page: str, known: Known) -> list[str]:
    """The inline scripts of ``page`` that no template of the build writes (each shortened for a message)."""
    return [_shorten(body) for body in _inline(page) if not any(p.fullmatch(body) for p in known)]


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def worker_shim_hash(shim: str, page: str) -> str | None:
    """The hash of the script the iframe-worker ``shim`` writes when ``page`` starts its search worker.

    None when the page starts no worker; ValueError when the shim is not the version this code knows.
    """
    found = _CONFIG.search(page)
    worker = json.loads(found.group(1)).get("search") if found else None
    if not worker:
        return None
    if not isinstance(worker, str):  # e.g. mkdocs-materialx 10, whose search settings are an object
        raise ValueError("unsupported theme: __config.search is not a worker URL (Material for MkDocs 9 and Zensical)")
    return _hash(shim_script(shim, worker))  # the iframe inherits the page's policy


# Zensical's search dialog lives in a shadow root, to which its bundle appends a <style> whose text is a string
# literal in the bundle: `attachShadow({mode:"open"});o.appendChild(C("style",{},Tc.toString()))`, `var Tc='...'`.
_SHADOW_STYLE = re.compile(
    r'attachShadow\(\{mode:"open"\}\);\w+\.appendChild\(\w+\("style",\{\},(\w+)\.toString\(\)\)\)'
)


def bundle_style_hashes(bundle: str) -> tuple[str, ...]:
    """The hashes of the <style> elements Zensical's JavaScript ``bundle`` writes (for ``style-src``).

    ValueError when the bundle is not one this code knows: a build must fail rather than ship a search dialog
    the policy leaves unstyled, or a policy that allows more than it should.
    """
    hashes = []
    for name in _SHADOW_STYLE.findall(bundle):
        literal = re.search(rf"\bvar {name}='([^'\\]*)'", bundle)
        if literal is None:
            raise ValueError(f"unknown Zensical bundle: cannot find the text of the stylesheet {name}")
        hashes.append(_hash(literal.group(1)))
    if not hashes:
        raise ValueError("unknown Zensical bundle: cannot find the stylesheet of its search dialog")
    return tuple(sorted(set(hashes)))


def policy(page: str, known: Known, extra_hashes: tuple[str, ...] = (), style_hashes: tuple[str, ...] = ()) -> str:
    """The policy for ``page``: its known inline scripts, ``extra_hashes`` of scripts that scripts write, and
    ``style_hashes`` of stylesheets that scripts write."""
    hashes = " ".join(sorted({*script_hashes(page, known), *extra_hashes}))
    styles = " ".join(style_hashes)
    directives = (d.replace("style-src 'self'", f"style-src 'self' {styles}") if styles else d for d in _DIRECTIVES)
    return "; ".join(d.format(hashes=hashes) for d in directives).replace(" ;", ";")


def add_policy(page: str, known: Known, shims: tuple[str, ...] = (), style_hashes: tuple[str, ...] = ()) -> str:
    """``page`` with a CSP meta tag as the first element of <head> (after the charset, which must come first).

    ``known``: the scripts the build's templates write (``known_scripts``); no other inline script is allowed.
    ``shims`` are the sources of the iframe-worker shims the page loads: the scripts they write are allowed too;
    ``style_hashes`` (from ``bundle_style_hashes``) allow the stylesheets the theme's scripts write.
    """
    extra_hashes = tuple(h for shim in shims if (h := worker_shim_hash(shim, page)))
    if _EXISTING.search(page):
        raise ValueError("the page has a Content-Security-Policy already")
    head = _HEAD.search(page)
    if head is None:
        raise NoHead("the page has no <head>")
    at = head.end()
    charset = _CHARSET.match(page, at)
    if charset:
        at = charset.end()
    content = html.escape(policy(page, known, extra_hashes, style_hashes), quote=False)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    return page[:at] + meta + page[at:]


def _hash(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode('ascii')}'"


_POLICY_SCRIPTS = re.compile(rb"(<meta http-equiv=\"Content-Security-Policy\" content=\"[^\"]*?script-src 'self')")


def allow_served_script(page: bytes, script: str) -> bytes:
    """``page`` with the hash of one more inline ``script`` in its policy: the reload script a preview server
    adds while serving (never a built page, whose policy stays as the build wrote it)."""
    return _POLICY_SCRIPTS.sub(lambda m: m.group(1) + b" " + _hash(script).encode("ascii"), page, count=1)


def script_hash(script: str) -> str:
    """The policy's source that allows one inline script: ``'sha256-...'``."""
    return _hash(script)
