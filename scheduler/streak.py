"""A learning streak counted in weeks: staff are not at work every day, and holidays don't count."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _holiday_week(monday: date, holidays: list[tuple[date, date]]) -> bool:
    """A week whose school days (Mon-Fri) all fall in holidays."""
    return all(any(start <= monday + timedelta(days=d) <= end for start, end in holidays) for d in range(5))


def weeks(done_at: Iterable[datetime], now: datetime, tz: str, calendar: dict[str, Any],
          pauses: Iterable[tuple[datetime, datetime | None]] = ()) -> int:
    """Consecutive weeks with at least one drop done, up to this week; weeks that were holidays,
    or that the learner had paused lessons for, are skipped.

    This week counts if a drop is done in it, and does not break the streak if not (yet).
    """
    zone = ZoneInfo(tz)
    active = {_monday(moment.astimezone(zone).date()) for moment in done_at}
    holidays = [(date.fromisoformat(str(h["start"])), date.fromisoformat(str(h["end"])))
                for h in calendar.get("holidays", [])]
    holidays += [(start.astimezone(zone).date(), (end or now).astimezone(zone).date())
                 for start, end in pauses]
    week = _monday(now.astimezone(zone).date())
    streak = 1 if week in active else 0
    week -= timedelta(days=7)
    earliest = min(active, default=week)
    while week >= earliest:
        if week in active:
            streak += 1
        elif not _holiday_week(week, holidays):
            break
        week -= timedelta(days=7)
    return streak
