"""Event reminders: which one is due now, never in quiet hours, never two for the same moment."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler.timing import DEFAULT_QUIET, Quiet

Offsets = tuple[tuple[str, timedelta], ...]
# Offsets before the start, largest first, with the label used in dedupe keys.
OFFSETS: Offsets = (
    ("week", timedelta(days=7)), ("day", timedelta(days=1)), ("hour", timedelta(hours=1)))
_NAMES = {timedelta(days=7): "week", timedelta(days=1): "day", timedelta(hours=1): "hour"}
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


def parse_offsets(text: str) -> Offsets:
    """'7d,1d,1h' (days, hours or minutes before the start) as reminder offsets, largest first;
    ValueError with a plain reason otherwise."""
    found: dict[timedelta, str] = {}
    for part in (p.strip().lower() for p in text.split(",") if p.strip()):
        number, unit = part[:-1], part[-1:]
        if unit not in _UNITS or not number.isdigit() or int(number) == 0:
            raise ValueError("write reminder times like 7d,1d,1h (days, hours or minutes before)")
        offset = timedelta(**{_UNITS[unit]: int(number)})
        found[offset] = _NAMES.get(offset, part)
    if not found:
        raise ValueError("give at least one reminder time, e.g. 1d")
    return tuple((label, offset) for offset, label in sorted(found.items(), reverse=True))


def quiet_at(moment: datetime, tz: str, quiet: Quiet = DEFAULT_QUIET) -> bool:
    local = moment.astimezone(ZoneInfo(tz))
    return local.weekday() >= 5 or quiet.covers(local.time())


def due_reminder(starts: datetime, now: datetime, tz: str, quiet: Quiet = DEFAULT_QUIET,
                 offsets: Offsets = OFFSETS) -> str | None:
    """The reminder to send now, if any.

    A reminder becomes due at its offset before the start and stays due until the next one takes
    over, so a reminder held back by quiet hours (or by the bot being down) goes out late rather
    than not at all, and is never followed at once by a stale one.
    """
    if now.tzinfo is None:
        raise ValueError("naive datetime")
    if now >= starts or quiet_at(now, tz, quiet):
        return None
    for index, (label, offset) in enumerate(offsets):
        following = offsets[index + 1][1] if index + 1 < len(offsets) else timedelta(0)
        if starts - offset <= now < starts - following:
            return label
    return None
