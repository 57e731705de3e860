"""Read the seed texts as untrusted input: bounded in size, plain files only, hashed while streaming.

A seed whose size or hash is wrong is never read whole: its quotes are not compared with an unchecked text.
Its characters are screened by the one policy (characters.py). Line endings are read as written by any
system: CRLF (Windows), a lone CR and U+2028 LINE SEPARATOR become LF, U+2029 PARAGRAPH SEPARATOR an empty
line, and a byte-order mark at the very start is not part of the text; the SHA-256 stays that of the file's
bytes, so a seed is never edited to be accepted.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from generator.characters import REFUSED, refusal
from generator.check.crosscheck import reserved_name
from generator.check.load import MAX_BYTES
from generator.document import Document
from generator.errors import ContentError

FOLDER = "seeds"
_CHUNK = 64 * 1024


def folder_problem(root: Path, sources: bool = True) -> ContentError | None:
    """One error when seeds/ is missing, not a plain folder, or holds no .txt file while ``sources`` name
    seeds (instead of one error per source); a new explainer's empty seeds/ is fine until its first source."""
    folder = root / FOLDER
    what = "the verbatim text of every source (the files named by 'seed:' in content/sources/)"
    if not folder.exists():
        return _error(f"is missing; it must hold {what}")
    if not folder.is_dir():
        return _error("is not a folder")
    if sources and not any(path.suffix == ".txt" for path in folder.iterdir()):
        return _error(f"holds no .txt file; it must hold {what}")
    return None


def _error(message: str) -> ContentError:
    return ContentError(f"{FOLDER}/", 1, 1, "(folder)", message)


_SEED_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,115}\.txt")  # the schema's 'seed' and 'sha256'
_SHA256 = re.compile(r"[0-9a-f]{64}")


def names_its_seed(doc: Document) -> bool:
    """Whether a source file that failed its schema still names its seed, its hash and its id as the schema
    wants: its seed can then be read, and the quotes of it compared, in the same run."""
    data = doc.data
    return (
        isinstance(data, dict) and isinstance(data.get("id"), str) and data["id"] == Path(doc.path).stem
        and isinstance(data.get("seed"), str) and bool(_SEED_NAME.fullmatch(data["seed"]))
        and isinstance(data.get("sha256"), str) and bool(_SHA256.fullmatch(data["sha256"]))
    )  # fmt: skip


def read_seed(root: Path, doc: Document, errors: list[ContentError]) -> str | None:
    """The text of the seed a source names, if it is a plain UTF-8 file within the limit and its hash matches."""
    name: str = doc.data["seed"]
    seed = root / FOLDER / name
    if reserved_name(Path(name).stem.lower()):
        errors.append(doc.error(("seed",), f"'{name}' is a reserved file name on Windows; rename the seed"))
        return None
    if seed.is_symlink() or not seed.is_file():
        problem = "is a symbolic link; seeds must be plain files" if seed.is_symlink() else "is not a plain file"
        errors.append(doc.error(("seed",), f"seeds/{name} {problem}" if seed.exists() else f"no file seeds/{name}"))
        return None
    size = seed.stat().st_size
    if size > MAX_BYTES:
        errors.append(doc.error(("seed",), f"seeds/{name} is {size} bytes; the limit is {MAX_BYTES}"))
        return None
    raw, digest = _read_hashed(seed)
    if digest != doc.data["sha256"]:
        errors.append(doc.error(("sha256",), f"does not match seeds/{name}, whose SHA-256 is {digest}"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        errors.append(doc.error(("seed",), f"seeds/{name} is not valid UTF-8"))
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")  # a line, a paragraph
    refused = screen(f"{FOLDER}/{name}", text)
    errors.extend(refused)
    return None if refused else text


def screen(display: str, text: str) -> list[ContentError]:
    """An error at the first place of each character of ``text`` that the policy refuses (characters.py)."""
    found: dict[str, list[int]] = {}
    for match in REFUSED.finditer(text):
        found.setdefault(match.group(), []).append(match.start())
    problems = []
    for char, places in found.items():
        at = places[0]
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        source = text[line_start : line_end if line_end >= 0 else len(text)]
        line = text.count("\n", 0, at) + 1
        message = refusal(char, "remove it from the copy and update the source's sha256", len(places))
        problems.append(ContentError(display, line, at - line_start + 1, "(text)", message, source))
    return problems


def seed_digest(path: Path) -> str:
    """The SHA-256 the check expects in a source's ``sha256:`` for the seed at ``path``."""
    return _read_hashed(path)[1]


def _read_hashed(path: Path) -> tuple[bytes, str]:
    """The first MAX_BYTES + 1 bytes of ``path`` and their SHA-256, read in chunks (the file may grow meanwhile)."""
    digest, chunks, left = hashlib.sha256(), [], MAX_BYTES + 1
    with path.open("rb") as handle:
        while left and (chunk := handle.read(min(_CHUNK, left))):
            digest.update(chunk)
            chunks.append(chunk)
            left -= len(chunk)
    return b"".join(chunks), digest.hexdigest()
