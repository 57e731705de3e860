"""Editor prose to safe HTML: a small Markdown subset, raw HTML off, links limited to safe targets."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from functools import lru_cache

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE
from markupsafe import Markup

# Only these elements survive; anything else Markdown could make (headings, images, rules) is flattened.
_BLOCK = {"p", "ul", "ol", "li", "blockquote"}
_INLINE = {"em", "strong", "code", "a", "br"}
_SAFE_SCHEMES = {"http", "https", ""}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")  # as browsers read it; urlsplit raises on some URLs
_URL_IGNORED = re.compile(r"[\t\n\r]|^[\x00-\x20]+|[\x00-\x20]+$")  # what browsers strip from a URL


class _Sanitise(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element is root:
                continue
            if element.tag not in _BLOCK | _INLINE:
                element.tag = "p" if element.tag.startswith("h") or element.tag == "hr" else "span"
            href = element.get("href", "")
            element.attrib.clear()
            if element.tag == "a":
                if safe_href(href):
                    element.set("href", href)
                    if _scheme(href):
                        element.set("rel", "noopener nofollow")
                else:
                    element.tag = "span"


def safe_href(href: str) -> bool:
    """Whether a link target is http(s) or within the site, read the way a browser reads the attribute.

    The attribute is serialised with its character references intact, so ``&#106;avascript:`` must be
    decoded before its scheme is judged; browsers also drop tabs and newlines and read ``\\`` as ``/``.
    """
    url = _URL_IGNORED.sub("", link_target(href)).replace("\\", "/")
    return _scheme(url) in _SAFE_SCHEMES and not url.startswith("//")


def link_target(href: str) -> str:
    """A link's target as the browser will read it.

    Python-Markdown writes automatic e-mail links (``<a@b.example>``) as character references behind its
    own placeholder for "&": both are decoded, or ``mailto:`` would pass for a link without a scheme.
    """
    return html.unescape(href.replace(AMP_SUBSTITUTE, "&"))


def _scheme(url: str) -> str:
    found = _SCHEME.match(url)
    return found.group(1).lower() if found else ""


class _ProseExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")  # raw HTML is shown as text, never passed through
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.deregister("image_link")
        md.inlinePatterns.deregister("image_reference")
        md.treeprocessors.register(_Sanitise(md), "fc_sanitise", 0)


_MD = markdown.Markdown(extensions=[_ProseExtension()], output_format="html")


@lru_cache(maxsize=1 << 16)  # notes and contradictions appear on several pages: convert each text once
def prose(text: str) -> Markup:
    """Render editor prose (emphasis, strong, code, lists, safe links) to HTML that cannot carry script."""
    html = _MD.reset().convert(text)
    return Markup(html)


def inline(text: str) -> Markup:
    """Like prose(), for one line: without the surrounding paragraph."""
    html = str(prose(text))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def text_only(text: str) -> str:
    """One line of editor Markdown as plain text, for places that show no markup (meta tags, the feed)."""
    return Markup(inline(text)).striptags()
