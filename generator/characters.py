"""The one policy for the characters of editors' text (content/*.yaml) and seed texts (seeds/*.txt).

Refused, with the character's code, name and the reason: characters that make text read differently from
what it is. Accepted: every other character, including the joiners and marks that real writing needs
(U+200C ZERO WIDTH NON-JOINER in Persian, Urdu, Kurdish, Pashto and Indic scripts; U+200D ZERO WIDTH
JOINER there and in emoji sequences; U+200E and U+200F, the left-to-right and right-to-left marks, and
U+061C ARABIC LETTER MARK, which only say which way neutral characters such as digits and punctuation
run). SECURITY.md states the policy for readers of the code.
"""

from __future__ import annotations

import re
import unicodedata

# (pattern, reason) per group of refused characters; REFUSED is their union.
_GROUPS = (
    ("\x00-\x08\x0b-\x1f\x7f-\x9f", "an invisible control character that can drive a terminal"),
    ("\u202a-\u202e\u2066-\u2069", "which makes the text display in another order than it is written"),
    (
        "\u200b\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb",
        "an invisible character that changes the text without showing",
    ),
    ("\U000e0000-\U000e007f", "an invisible tag character that can hide text"),
)
# Line separators: YAML 1.1 reads them (and U+0085) as line breaks, JSON and HTML do not. Refused in YAML
# (load.py) before the parser reads them so; in a seed, read as line feeds, like CR.
LINE_SEPARATORS = re.compile("[\x85\u2028\u2029]")
REFUSED = re.compile("[" + "".join(chars for chars, _ in _GROUPS) + "]")
_REASONS = tuple((re.compile(f"[{chars}]"), reason) for chars, reason in _GROUPS)
# Names of the controls, which the Unicode database leaves unnamed (their aliases).
_CONTROLS = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY",
    "ACKNOWLEDGE", "BELL", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION", "FORM FEED",
    "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO",
    "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE", "FILE SEPARATOR",
    "GROUP SEPARATOR", "RECORD SEPARATOR", "UNIT SEPARATOR",
)  # fmt: skip


def name(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: the code point and its name (an alias for controls)."""
    code = ord(char)
    if code < 0x20:
        label = _CONTROLS[code]
    elif code == 0x7F:
        label = "DELETE"
    elif 0x80 <= code <= 0x9F:
        label = "C1 CONTROL"
    else:
        label = unicodedata.name(char, "UNNAMED")
    return f"U+{code:04X} {label}"


def refusal(char: str, advice: str | None = None, times: int = 1) -> str:
    """The message for a refused character: which one, why, how often if more than once, and what to do
    (``advice``; by default, delete it, or for a line separator, write a line break)."""
    found = next((why for pattern, why in _REASONS if pattern.match(char)), None)
    reason = found or "which YAML reads as a line break"
    count = f" ({times} times)" if times > 1 else ""
    advice = advice or ("delete it" if found else "write a line break or a space")
    return f"contains {name(char)}, {reason}{count}; {advice}"
