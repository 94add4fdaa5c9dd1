"""Times as a learner reads them, in their own time zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


def when(moment: datetime | None, tz: str, now: datetime) -> str:
    """'today at 12:30', 'tomorrow at 10:30', 'on Monday at 10:30' or 'on Mon 3 Nov at 10:30'."""
    if moment is None:
        return "when you next ask with /next"
    zone = ZoneInfo(tz)
    local, today = moment.astimezone(zone), now.astimezone(zone).date()
    clock = local.strftime("%H:%M")
    days = (local.date() - today).days
    if days == 0:
        return f"today at {clock}"
    if days == 1:
        return f"tomorrow at {clock}"
    if 1 < days < 7:
        return f"on {local.strftime('%A')} at {clock}"
    return f"on {local.strftime('%a')} {local.day} {local.strftime('%b')} at {clock}"
