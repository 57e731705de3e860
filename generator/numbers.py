"""Numbers are published exactly as the editor typed them: plain decimal notation only.

YAML 1.1, which PyYAML implements, reads ``0225`` as octal (149), ``1:30`` as base 60 (90), and also
accepts hexadecimal, binary, underscores, exponents, ``+5``, ``.5`` and ``5.``. An editor who types those
almost never means that, so load.py refuses every such number, saying how to write it instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

MAX_DIGITS = 15  # what a float holds exactly; also keeps int() far from Python's 4,300-digit limit
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_SHOWN = 30


def number_problem(text: str, read: Callable[[str], object]) -> str | None:
    """Why the plain scalar ``text``, which YAML 1.1 would ``read`` as a number, may not be used; or None.

    ``read`` is called only on short texts: Python refuses to convert integers of over 4,300 digits.
    """
    if len(text) > _SHOWN:
        long = f"is {len(text)} characters long; a number may have at most {MAX_DIGITS} digits"
        return f"'{text[: _SHOWN - 3]}...' {long}"
    if not _DECIMAL.fullmatch(text):
        reading, meant = _reading(text, read(text))
        return (
            f"'{text}' is not a plain decimal number (YAML 1.1 reads it as {reading}); "
            f'write {meant} for the number, or "{text}" in quotes for text'
        )
    digits = sum(char.isdigit() for char in text.lstrip("-0.").replace(".", ""))
    if digits > MAX_DIGITS:
        return f"'{text}' has {digits} significant digits; a number may have at most {MAX_DIGITS}"
    if text.startswith("-") and not text.strip("-0."):
        return f"'{text}' is negative zero; write 0"
    return None


def _reading(text: str, value: object) -> tuple[str, str]:
    """How YAML 1.1 reads ``text``, and the plain decimal to write instead."""
    bare = text.lstrip("+-")
    if bare[:2].lower() == "0x":
        return f"the hexadecimal number {value}", str(value)
    if bare[:2].lower() == "0b":
        return f"the binary number {value}", str(value)
    if ":" in text:
        return f"the base-60 number {value}", str(value)
    if isinstance(value, int) and len(bare) > 1 and bare.startswith("0") and "_" not in bare:
        return f"the octal number {value}", text.lstrip("+0") or "0"
    plain = _plain(text)
    return f"the number {plain or value}", plain or "it out in plain decimal digits"


def _plain(text: str) -> str | None:
    """``text`` in plain decimal notation, if it is short enough to suggest."""
    try:
        exact = Decimal(text.replace("_", ""))
    except InvalidOperation:
        return None
    written = format(exact.normalize(), "f") if exact else "0"
    return written if len(written) <= _SHOWN else None


def plain_decimal(value: float) -> str:
    """A loaded number as it was typed: no exponent, no trailing '.0' ('177', '0.5', '0.00001')."""
    if isinstance(value, int) or value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)), "f")


# Arabic-script digits: Eastern Arabic-Indic (U+0660-0669, Arabic) and Extended Arabic-Indic (U+06F0-06F9,
# Persian and Urdu), with the Arabic decimal and thousands separators. YAML knows only ASCII digits and would
# read them as text; a newsroom writing Urdu types its figures so.
_ARABIC, _PERSIAN = "\u0660-\u0669", "\u06f0-\u06f9"
_NATIVE_DIGIT = re.compile(f"[{_ARABIC}{_PERSIAN}]")
_NATIVE_SHAPE = re.compile(f"-?[0-9{_ARABIC}{_PERSIAN}]+(?:[.,\u066b\u066c][0-9{_ARABIC}{_PERSIAN}]+)*")
_TO_ASCII = str.maketrans(
    {**{chr(0x660 + i): str(i) for i in range(10)}, **{chr(0x6F0 + i): str(i) for i in range(10)},
     "\u066b": ".", "\u066c": ","}
)  # fmt: skip


def ascii_digits(text: str) -> str:
    """``text`` with Arabic-script digits and separators written as ASCII ones: '۲٫۵' -> '2.5'."""
    return text.translate(_TO_ASCII)


def native_number(text: str) -> tuple[int | float | None, str | None]:
    """The number a plain scalar written in Arabic-script digits stands for (۱۹ -> 19, ٢٫٥ -> 2.5), or why it
    cannot be read as one ('write 19 instead'); (None, None) when ``text`` is not written as a number at all
    (words with digits in them stay text)."""
    if not _NATIVE_DIGIT.search(text) or not _NATIVE_SHAPE.fullmatch(text):
        return None, None
    plain = ascii_digits(text)
    scripts = sum(bool(re.search(f"[{digits}]", text)) for digits in ("0-9", _ARABIC, _PERSIAN))
    if scripts > 1:
        return None, f"'{text}' mixes the digits of two scripts; write {plain} instead"
    if "," in plain:
        return None, f"'{text}' has a thousands separator; write {plain.replace(',', '')} instead"
    if not _DECIMAL.fullmatch(plain):
        suggested = _plain(plain)
        return None, f"'{text}' is not a plain decimal number; write {suggested or 'it in plain digits'} instead"
    if problem := number_problem(plain, float):
        return None, problem.replace(f"'{plain}'", f"'{text}'", 1)
    return (float(plain) if "." in plain else int(plain)), None


def as_number_text(text: str) -> str | None:
    """The plain decimal a text stands for, when it is one in any of the digits above ('"19"', '"۱۹"' -> 19)."""
    plain = ascii_digits(text.strip())
    return plain if _DECIMAL.fullmatch(plain) else None
