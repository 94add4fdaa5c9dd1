"""Numbers typed after a command or carried by a button, read the one way everywhere.

Anything that is not a plain whole number a SQLite integer can hold (past 2^63, negative, a
fraction, a superscript digit, nothing at all) is None: the caller answers with its usage line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

LARGEST = 2**63 - 1
_WHOLE = re.compile(r"[0-9]{1,19}")  # ASCII digits only: str.isdigit() also accepts '²'


def number(text: str | None) -> int | None:
    """The whole number in text, or None."""
    if text is None or not _WHOLE.fullmatch(text.strip()):
        return None
    value = int(text)
    return value if value <= LARGEST else None


def numbers(args: Sequence[str] | None, count: int) -> tuple[int, ...] | None:
    """Exactly `count` whole numbers, or None."""
    if args is None or len(args) != count:
        return None
    values = tuple(number(a) for a in args)
    return None if any(v is None for v in values) else tuple(v for v in values if v is not None)


def first_number(args: Sequence[str] | None) -> int | None:
    """The number that starts a command's arguments (/stats 3), or None."""
    return number(args[0]) if args else None
