"""Words readers see in place of data: human dates."""

from __future__ import annotations

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def human_date(value: str) -> str:
    """'2026-01-31' -> '31 January 2026'; '2026-01' -> 'January 2026'; '2026' stays (dates are validated)."""
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return value
