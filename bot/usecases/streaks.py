"""The week streak: counted for /progress, and noticed the moment it grows."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.services import Services
from bot.usecases.record import Record
from scheduler.streak import weeks


async def streak(services: Services, user_id: int, built: Record, now: datetime) -> int:
    """Weeks in a row with a drop done, holidays and pauses not counted against it."""
    return await _weeks(services, user_id, built.done_at, now)


async def _weeks(services: Services, user_id: int, done_at: tuple[datetime, ...], now: datetime) -> int:
    async with services.store.read() as tx:
        learner = await tx.learners.get(user_id)
        if learner is None:
            return 0
        calendar = await tx.cohorts.calendar_of(learner.cohort_id)
        pauses = await tx.progress.pauses(user_id)
    return weeks(done_at, now, learner.tz, calendar, pauses)


async def grew(services: Services, user_id: int, now: datetime, tz: str) -> int | None:
    """The streak, if the drop just done is this week's first and makes it two weeks or more.

    Asked after every drop, so it reads only the times drops were done unless the streak can have
    grown: this week's first drop, with another done before this week.
    """
    async with services.store.read() as tx:
        done_at = await tx.progress.completion_times(user_id)
    zone = ZoneInfo(tz)
    today = now.astimezone(zone).date()
    monday = today - timedelta(days=today.weekday())
    this_week = sum(moment.astimezone(zone).date() >= monday for moment in done_at)
    if this_week != 1 or len(done_at) < 2:
        return None
    count = await _weeks(services, user_id, done_at, now)
    return count if count >= 2 else None
