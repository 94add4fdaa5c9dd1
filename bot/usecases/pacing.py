"""Pausing and resuming lessons: indefinitely, until a date, or after the bot asked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.services import Services
from storage.learners import Learner
from storage.store import Tx


@dataclass(frozen=True)
class Paced:
    learner: Learner | None
    due: datetime | None = None
    changed: bool = True


class Pacing:
    """The learner's own say over when lessons come."""

    def __init__(self, services: Services) -> None:
        self.s = services

    async def _calendar(self, tx: Tx, learner: Learner) -> dict[str, object]:
        return await tx.cohorts.calendar_of(learner.cohort_id)

    async def pause(self, user_id: int, until: date | None) -> Paced:
        """Pause until /resume, or until a date (the drip starts again at the first slot then)."""
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            learner = await tx.learners.get(user_id)
            if learner is None or learner.status == "joining":
                return Paced(None)
            if until is None:
                # A pause the learner chose: the bot never follows it up (scheduler/quiet_spell.py).
                await tx.learners.update(user_id, status="paused", next_due_at=None, paused_until=None,
                                         paused_by=None)
                await tx.progress.pause_started(user_id, now, None)
                return Paced(learner)
            due = self.s.timing.resume_at(learner, await self._calendar(tx, learner), until)
            await tx.progress.pause_started(user_id, now, due)
            await tx.learners.update(user_id, status="active", next_due_at=due, paused_until=due,
                                     last_active_at=now, paused_by=None)
            return Paced(learner, due)

    async def resume(self, user_id: int) -> Paced:
        """Lessons again from the next slot; says whether anything was paused."""
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            learner = await tx.learners.get(user_id)
            if learner is None or learner.status == "joining":
                return Paced(None)
            paused = learner.status in {"paused", "quiet"} or (
                learner.paused_until is not None and learner.paused_until > now)
            if not paused:
                return Paced(learner, learner.next_due_at, changed=False)
            due = self.s.timing.next_due(learner, await self._calendar(tx, learner), now, 0)
            await tx.learners.update(user_id, status="active", next_due_at=due, paused_until=None,
                                     last_active_at=now, paused_by=None)
            await tx.progress.pause_ended(user_id, now)
            return Paced(learner, due)

    async def stay_paused(self, user_id: int) -> Paced:
        """Asked back after a holiday, the learner would rather stay paused: now their own choice."""
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            learner = await tx.learners.get(user_id)
            if learner is None or learner.status == "joining":
                return Paced(None)
            if learner.status != "paused":  # carried on since, by /resume or a message
                return Paced(learner, learner.next_due_at, changed=False)
            await tx.learners.update(user_id, paused_by=None, next_due_at=None, last_active_at=now)
            return Paced(learner)
