"""Editor prose to safe HTML: a small Markdown subset, raw HTML off, links limited to safe targets."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from functools import lru_cache
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

# Only these elements survive; anything else Markdown could make (headings, images, rules) is flattened.
_BLOCK = {"p", "ul", "ol", "li", "blockquote"}
_INLINE = {"em", "strong", "code", "a", "br"}
_SAFE_SCHEMES = {"http", "https", ""}


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
                if _safe_href(href):
                    element.set("href", href)
                    if urlsplit(href).scheme:
                        element.set("rel", "noopener nofollow")
                else:
                    element.tag = "span"


def _safe_href(href: str) -> bool:
    parts = urlsplit(href.strip())
    return parts.scheme.lower() in _SAFE_SCHEMES and not href.strip().startswith("//")


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
