"""A Content-Security-Policy for built pages: a meta tag whose script hashes are computed from the page itself.

Independent of MkDocs: give it a page's HTML, get it back with the policy. Only the inline scripts the page
carries when it is built may run (by hash), plus scripts from the site's own files; editor text can never
add one, and a script injected later is refused by the browser.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re

from generator.mkdocs.internals import shim_script

_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", re.S | re.I)
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


def script_hashes(page: str) -> list[str]:
    """The CSP source expression ('sha256-...') of every inline script in ``page``, sorted, without repeats."""
    digests = {hashlib.sha256(body.encode("utf-8")).digest() for body in _INLINE_SCRIPT.findall(page)}
    return sorted(f"'sha256-{base64.b64encode(d).decode('ascii')}'" for d in digests)


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
    script = shim_script(shim, worker)  # the iframe inherits the page's policy
    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode('utf-8')).digest()).decode('ascii')}'"


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


def _hash(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode('ascii')}'"


def policy(page: str, extra_hashes: tuple[str, ...] = (), style_hashes: tuple[str, ...] = ()) -> str:
    """The policy for ``page``: its own inline scripts, ``extra_hashes`` of scripts that scripts write, and
    ``style_hashes`` of stylesheets that scripts write."""
    hashes = " ".join(sorted({*script_hashes(page), *extra_hashes}))
    styles = " ".join(style_hashes)
    directives = (d.replace("style-src 'self'", f"style-src 'self' {styles}") if styles else d for d in _DIRECTIVES)
    return "; ".join(d.format(hashes=hashes) for d in directives).replace(" ;", ";")


def add_policy(page: str, shims: tuple[str, ...] = (), style_hashes: tuple[str, ...] = ()) -> str:
    """``page`` with a CSP meta tag as the first element of <head> (after the charset, which must come first).

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
    content = html.escape(policy(page, extra_hashes, style_hashes), quote=False)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    return page[:at] + meta + page[at:]
