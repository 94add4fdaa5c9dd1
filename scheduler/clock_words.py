"""Times of day as people type them: '10:05', '2pm', '12.30', 'half 10', 'noon'. Pure, no clock."""

from __future__ import annotations

import re
from datetime import time

_CLOCK = re.compile(r"^([01]?\d|2[0-3])(?:[:.h]?([0-5]\d))?\s*(am|pm|a\.m\.|p\.m\.)?$")
_HALF = re.compile(r"^half\s+(?:past\s+)?(1[0-2]|[1-9])$")
_WORDS = {"noon": time(12, 0), "midday": time(12, 0), "12 noon": time(12, 0)}
# A bare "half 3" means the half hour in the school day: 07:00 to 18:59, where only one of the
# two readings falls (half 7 to half 11 in the morning, half 12 to half 6 after noon).
_DAY_START, _DAY_END = 7, 18


def parse_clock(text: str) -> time | None:
    """The time of day in text, or None when it is not one or could mean two times ('10')."""
    said = " ".join(text.strip().lower().split())
    if said in _WORDS:
        return _WORDS[said]
    half = _HALF.match(said)
    if half:
        return _half_past(int(half.group(1)))
    match = _CLOCK.match(said)
    if match is None:
        return None
    hour, minutes, suffix = int(match.group(1)), match.group(2), (match.group(3) or "").replace(".", "")
    if minutes is None and not suffix:
        return None  # '10' alone: a time, a count, a cohort? Ask again rather than guess.
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    return time(hour, int(minutes or 0))


def _half_past(hour: int) -> time | None:
    for candidate in (hour % 12, hour % 12 + 12):
        if _DAY_START <= candidate <= _DAY_END:
            return time(candidate, 30)
    return None
