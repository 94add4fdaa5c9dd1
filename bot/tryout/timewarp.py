"""Reading ':wait' in the terminal chat: '2h', '90m', '3d', 'tomorrow 10:30', 'monday 12:30'."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SPAN = re.compile(r"^(\d+)\s*(m|min|mins|minutes?|h|hours?|d|days?)$")
_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def target(spec: str, now: datetime, zone: ZoneInfo) -> datetime:
    """The moment a ':wait' asks for, strictly after now; ValueError with a hint if unreadable."""
    words = spec.strip().lower().split()
    if len(words) == 1 and (span := _SPAN.match(words[0])):
        amount, unit = int(span.group(1)), span.group(2)[0]
        return now + {"m": timedelta(minutes=amount), "h": timedelta(hours=amount),
                      "d": timedelta(days=amount)}[unit]
    local = now.astimezone(zone)
    day, clock = local.date(), None
    for word in words:
        if word == "tomorrow":
            day = local.date() + timedelta(days=1)
        elif word in _DAYS or (word[:3] in {d[:3] for d in _DAYS} and len(word) == 3):
            wanted = next(i for i, d in enumerate(_DAYS) if d.startswith(word[:3]))
            day = local.date() + timedelta(days=(wanted - local.weekday() - 1) % 7 + 1)
        elif match := _CLOCK.match(word):
            clock = time(int(match.group(1)), int(match.group(2)))
        elif word != "today":
            raise ValueError(f"I can't read {word!r}: try 2h, 45m, tomorrow 10:30 or friday 12:30")
    moment = datetime.combine(day, clock or time(10, 30), zone)
    if moment <= now:
        raise ValueError("that time has passed: try a later one")
    return moment
