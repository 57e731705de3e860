"""The front matter of generated pages: values written so that every engine reads back every character.

Both engines read a page's front matter as YAML: MkDocs with PyYAML (libyaml), Zensical with its own parser.
A JSON string is a YAML double-quoted scalar, and raw UTF-8 is read the same by both; what is not is a
surrogate pair (``\\ud83d\\ude00``, which ``json.dumps`` writes for an emoji by default and both refuse), a
character YAML reads as a line break inside a quoted scalar (U+0085, U+2028, U+2029: folded to a space) and
the characters YAML does not allow in a file (DEL, C1 controls, U+FFFE, U+FFFF). Those are written as
``\\uXXXX`` escapes, which both read; every other character is written as itself.
"""

from __future__ import annotations

import json
import re

# What json.dumps(ensure_ascii=False) leaves raw that YAML does not read back as written; BOM-like U+FEFF too.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_PAIR = re.compile(r"^([a-z_]+): (\".*\")$")


def scalar(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that PyYAML and Zensical read back unchanged."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def written(page: object) -> dict[str, str]:
    """The quoted values of the front matter of a generated ``page`` (written by ``scalar``), as we meant them.

    Read with JSON, not YAML: this is the writer's own reading, against which the engine's is compared.
    """
    if not isinstance(page, str) or not page.startswith("---\n"):
        return {}  # an image (a social card) or a file without front matter
    head = page[4:].split("\n---\n", 1)[0]
    return {m[1]: json.loads(m[2]) for line in head.split("\n") if (m := _PAIR.match(line))}


def front_matter(page: str) -> str:
    """The front matter of a generated ``page`` with its "---" lines (all that ``written`` reads of it); "" if none."""
    if not page.startswith("---\n"):
        return ""
    end = page.find("\n---\n", 4)
    return page if end < 0 else page[: end + 5]


def lost_metadata(page: str, engine: str) -> str:
    """The message of a build that fails because ``engine`` did not read a generated page's front matter."""
    return (
        f"{page}: {engine} did not read the page's front matter as written; the page would show it as text "
        "and its title would be the file name (please report this as a bug of the generator)"
    )


# A page template that writes finished HTML declares it (``{% set finished_html = true %}`` before its
# ``{% extends %}``); rendered for MkDocs, its page then carries its table of contents under this key:
# ``[[level, id, title], ...]`` from the headings it wrote through ``heading()`` (render/render.py).
TOC = "toc"


def with_toc(page: str, headings: list[tuple[int, str, str]]) -> str:
    """``page`` (front matter, then finished HTML) with its table of contents in its front matter, and without
    the trailing line breaks Markdown would have dropped: the body is the page's HTML as MkDocs shows it."""
    head, body = page[4:].split("\n---\n", 1)
    entries = json.dumps([list(entry) for entry in headings], ensure_ascii=False)
    return f"---\n{head}\n{TOC}: {scalar(entries)}\n---\n{body.rstrip(chr(10))}"


def toc_entries(value: str) -> list[tuple[int, str, str]]:
    """The table of contents ``with_toc`` wrote, read back from the page's front matter."""
    return [(int(level), str(anchor), str(title)) for level, anchor, title in json.loads(value)]
