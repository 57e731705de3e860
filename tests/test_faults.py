"""Faults found by the probe of issue #11, one test (or one parametrised case) per reproduced fault.

Each asserts the exact message or outcome an editor or reader now gets. Building, publishing and the
MkDocs hook are in test_publish.py; the preview in test_preview.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import edit
from test_adversarial import TOLL, check

from generator.render import SiteInfo, make_env, render_site
from generator.validate import check_project

Make = Callable[..., Path]
VERDICTS = "content/verdicts.yaml"
REPO = Path(__file__).resolve().parent.parent


def _value(written: str) -> dict[str, str]:
    return edit(TOLL, "value: 12", f"value: {written}")


def _not_decimal(written: str, reading: str, meant: str) -> str:
    return (
        f"{TOLL}:18:16: positions[0].figures[0].value: '{written}' is not a plain decimal number (YAML 1.1 reads it "
        f'as {reading}); write {meant} for the number, or "{written}" in quotes for text'
    )


# 5. Numbers are published exactly as written: YAML 1.1's other notations are refused, saying what to write.
NUMBERS = [
    pytest.param(_value("0225"), [_not_decimal("0225", "the octal number 149", "225")], id="octal"),
    pytest.param(_value("1:30"), [_not_decimal("1:30", "the base-60 number 90", "90")], id="base-60"),
    pytest.param(_value("0x1F"), [_not_decimal("0x1F", "the hexadecimal number 31", "31")], id="hexadecimal"),
    pytest.param(_value("0b101"), [_not_decimal("0b101", "the binary number 5", "5")], id="binary"),
    pytest.param(_value("1_000"), [_not_decimal("1_000", "the number 1000", "1000")], id="underscores"),
    pytest.param(_value("+12"), [_not_decimal("+12", "the number 12", "12")], id="plus-sign"),
    pytest.param(_value(".5"), [_not_decimal(".5", "the number 0.5", "0.5")], id="no-leading-digit"),
    pytest.param(_value("12."), [_not_decimal("12.", "the number 12", "12")], id="trailing-point"),
    pytest.param(_value("1.5e+3"), [_not_decimal("1.5e+3", "the number 1500", "1500")], id="exponent"),
    pytest.param(_value("1.0e+308"), [_not_decimal("1.0e+308", "the number 1e+308", "it out in plain decimal digits")],
                 id="exponent-huge"),
    pytest.param(_value("9" * 400),
                 [f"{TOLL}:18:16: positions[0].figures[0].value: '{'9' * 27}...' is 400 characters long; a number "
                  "may have at most 15 digits"], id="400-digits"),
    pytest.param(_value("1234567890123456"),
                 [f"{TOLL}:18:16: positions[0].figures[0].value: '1234567890123456' has 16 significant digits; "
                  "a number may have at most 15"], id="16-digits"),
    pytest.param(_value("1000000001"),
                 [f"{TOLL}:18:16: positions[0].figures[0].value: 1000000001 must be at most 1000000000"],
                 id="above-the-schema-bound"),
    pytest.param(_value("-0.0"), [f"{TOLL}:18:16: positions[0].figures[0].value: '-0.0' is negative zero; write 0"],
                 id="negative-zero"),
    pytest.param(edit(VERDICTS, "order: 2", "order: 1001"),
                 [f"{VERDICTS}:9:12: verdicts[1].order: 1001 must be at most 1000"], id="verdict-order-bound"),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "expected"), NUMBERS)
def test_numbers_must_be_plain_decimals(project: Make, capsys: pytest.CaptureFixture[str],
                                        changes: dict[str, str], expected: list[str]) -> None:  # fmt: skip
    assert check(project(changes), capsys) == expected


@pytest.mark.parametrize(("written", "shown"), [("1234567", "1234567"), ("0.5", "0.5"), ("0.00001", "0.00001"),
                                                ("12.0", "12"), ("999999999.25", "999999999.25")])  # fmt: skip
def test_numbers_are_shown_as_written(project: Make, written: str, shown: str) -> None:
    page = render_site(check_project(project(_value(written))), make_env(REPO), SiteInfo("T", None, None))
    assert f"<td>{shown} deaths</td>" in page["claims/death-toll.md"]
