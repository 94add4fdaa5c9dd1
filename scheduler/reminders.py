"""Event reminders: which one is due now, never in quiet hours, never two for the same moment."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler.timing import DEFAULT_QUIET, Quiet

# Offsets before the start, largest first, with the label used in dedupe keys.
OFFSETS: tuple[tuple[str, timedelta], ...] = (
    ("week", timedelta(days=7)), ("day", timedelta(days=1)), ("hour", timedelta(hours=1)))


def quiet_at(moment: datetime, tz: str, quiet: Quiet = DEFAULT_QUIET) -> bool:
    local = moment.astimezone(ZoneInfo(tz))
    return local.weekday() >= 5 or quiet.covers(local.time())


def due_reminder(starts: datetime, now: datetime, tz: str, quiet: Quiet = DEFAULT_QUIET) -> str | None:
    """The reminder to send now, if any.

    A reminder becomes due at its offset before the start and stays due until the next one takes
    over, so a reminder held back by quiet hours (or by the bot being down) goes out late rather
    than not at all, and is never followed at once by a stale one.
    """
    if now.tzinfo is None:
        raise ValueError("naive datetime")
    if now >= starts or quiet_at(now, tz, quiet):
        return None
    for index, (label, offset) in enumerate(OFFSETS):
        following = OFFSETS[index + 1][1] if index + 1 < len(OFFSETS) else timedelta(0)
        if starts - offset <= now < starts - following:
            return label
    return None
