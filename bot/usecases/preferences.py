"""A learner's own schedule after joining: times (named breaks or an exact time), days, drops a
day and time zone. Each change takes effect at once: the next drop moves to fit it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from bot.services import Services
from bot.usecases.pending import PendingKind, settle
from scheduler.clock_words import parse_clock
from scheduler.timing import NAMED_SLOTS
from scheduler.zones import zone_named
from storage.learners import Learner

MAX_TIMES = 4
PER_DAY = (1, 2, 3)


@dataclass(frozen=True)
class Changed:
    learner: Learner | None
    problem: str | None = None  # a kind sentence when the change could not be made


def slot_key(moment: time) -> str:
    """The key an exact time is kept under: a named break's own key when it is one."""
    named = next((key for key, at in NAMED_SLOTS.items() if at == moment), None)
    return named or f"{moment.hour:02d}{moment.minute:02d}"


class Preferences:
    """Changes to one learner's schedule, each in one transaction, the next drop re-planned."""

    def __init__(self, services: Services) -> None:
        self.s = services

    async def toggle_slot(self, user_id: int, key: str, *, keep_one: bool = True) -> Changed:
        """Add or take off a time; keep_one refuses to take off the last one (while joining, the
        picker's Done button is what asks for one)."""
        async with self.s.store.transaction() as tx:
            learner = await tx.learners.get(user_id)
            if learner is None or learner.consent_version is None or (
                    key not in NAMED_SLOTS and key not in learner.slots):  # a typed time can be taken off
                return Changed(None)
            kept = tuple(k for k in learner.slots if k != key)
            chosen = kept if key in learner.slots else (*learner.slots, key)
            if keep_one and not chosen:
                return Changed(learner, "Keep at least one time, so lessons have somewhere to go.")
            await tx.learners.update(user_id, slots=chosen)
        return Changed(await self._replan(user_id))

    async def add_time(self, user_id: int, text: str) -> Changed:
        moment = parse_clock(text)
        if moment is None:
            return Changed(None, "I couldn't read that as a time. Please send it like 10:05, 2pm or half 10.")
        if self.s.timing.quiet.covers(moment):
            return Changed(None, f"That's in quiet hours ({self.s.timing.quiet}), when I never send "
                                 "anything. Please choose a time in the school day.")
        async with self.s.store.transaction() as tx:
            learner = await tx.learners.get(user_id)
            if learner is None:
                return Changed(None)
            key = slot_key(moment)
            if key not in learner.slots and len(learner.slots) >= MAX_TIMES:
                return Changed(learner, f"You can have up to {MAX_TIMES} times. Remove one first.")
            slots = learner.slots if key in learner.slots else (*learner.slots, key)
            await tx.learners.update(user_id, slots=slots)
            await settle(tx, user_id, PendingKind.SETTINGS_TIME)
        return Changed(await self._replan(user_id))

    async def toggle_day(self, user_id: int, day: int, *, keep_one: bool = True) -> Changed:
        async with self.s.store.transaction() as tx:
            learner = await tx.learners.get(user_id)
            if learner is None or learner.consent_version is None or not 0 <= day <= 4:
                return Changed(None)
            days = tuple(sorted(set(learner.weekdays) ^ {day}))
            if keep_one and not days:
                return Changed(learner, "Keep at least one day, so lessons have somewhere to go.")
            await tx.learners.update(user_id, weekdays=days)
        return Changed(await self._replan(user_id))

    async def set_per_day(self, user_id: int, count: int) -> Changed:
        if count not in PER_DAY:
            return Changed(None)
        async with self.s.store.transaction() as tx:
            if await tx.learners.get(user_id) is None:
                return Changed(None)
            await tx.learners.update(user_id, per_day=count)
        return Changed(await self._replan(user_id))

    async def set_zone(self, user_id: int, text: str) -> Changed:
        zone = zone_named(text)
        if zone is None:
            return Changed(None, "I don't know that time zone. Please send a city, like London, "
                                 "Belfast or Dublin, or a zone like Europe/London.")
        async with self.s.store.transaction() as tx:
            if await tx.learners.get(user_id) is None:
                return Changed(None)
            await tx.learners.update(user_id, tz=zone)
            await settle(tx, user_id, PendingKind.SETTINGS_ZONE)
        return Changed(await self._replan(user_id))

    async def _replan(self, user_id: int) -> Learner | None:
        """A learner waiting for their next drop gets it at the first time that now fits."""
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            learner = await tx.learners.get(user_id)
            if learner is None or learner.status != "active" or learner.next_due_at is None:
                return learner
            if learner.current_step is not None:  # a drop is open: its reminder keeps its time
                return learner
            calendar = await tx.cohorts.calendar_of(learner.cohort_id)
            today = await tx.progress.drops_delivered_since(user_id, self.s.timing.day_start(learner, now))
            due = self.s.timing.next_due(learner, calendar, now, today)
            await tx.learners.update(user_id, next_due_at=due)
            return await tx.learners.get(user_id)
