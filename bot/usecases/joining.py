"""Joining a cohort: consent first, then role and schedule; nothing is stored before Agree."""

from __future__ import annotations

from datetime import datetime

from bot.services import Services
from bot.usecases.learning import Advance, Learning
from bot.usecases.preferences import PER_DAY, Preferences
from bot.usecases.terms import PRIVACY_VERSION, ROLE_IDS
from storage.cohorts import Cohort
from storage.learners import Learner


class Joining:
    """The steps from invite link to first drop."""

    def __init__(self, services: Services) -> None:
        self.s = services

    async def cohort_for(self, code: str | None) -> Cohort | None:
        """The open cohort an invite code belongs to."""
        if not code:
            return None
        async with self.s.store.read() as tx:
            cohort = await tx.cohorts.by_code(code)
        return cohort if cohort and cohort.invite_open else None

    async def agree(self, user_id: int, chat_id: int, first_name: str, code: str) -> Learner | None:
        """Consent to the notice: the learner's record begins here."""
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            cohort = await tx.cohorts.by_code(code)
            if cohort is None or not cohort.invite_open:
                return None
            learner = await tx.learners.get(user_id)
            if learner is None:
                learner = await tx.learners.create(user_id, chat_id, first_name[:64], cohort.id, now)
            await tx.learners.update(user_id, consent_version=PRIVACY_VERSION, consent_at=now,
                                     tz=self.s.settings.timezone)
            return await tx.learners.get(user_id)

    async def renew(self, user_id: int) -> bool:
        """Agree to a changed notice; the drip then carries on as before."""
        async with self.s.store.transaction() as tx:
            if await tx.learners.get(user_id) is None:
                return False
            await tx.learners.update(user_id, consent_version=PRIVACY_VERSION,
                                     consent_at=self.s.clock.now())
            return True

    async def set_role(self, user_id: int, role: str) -> bool:
        async with self.s.store.transaction() as tx:
            learner = await tx.learners.get(user_id)
            if role not in ROLE_IDS or learner is None or learner.consent_version is None:
                return False
            await tx.learners.update(user_id, role=role)
            return True

    async def toggle_slot(self, user_id: int, key: str) -> tuple[str, ...] | None:
        changed = await Preferences(self.s).toggle_slot(user_id, key, keep_one=False)
        return changed.learner.slots if changed.learner else None

    async def times_picked(self, user_id: int) -> Learner | None:
        """Times chosen while joining: a drop a day for each (up to three) until /settings says else."""
        async with self.s.store.transaction() as tx:
            learner = await tx.learners.get(user_id)
            if learner is None or learner.status != "joining" or not learner.slots:
                return learner
            await tx.learners.update(user_id, per_day=min(len(learner.slots), max(PER_DAY)))
            return await tx.learners.get(user_id)

    async def toggle_day(self, user_id: int, day: int) -> tuple[int, ...] | None:
        changed = await Preferences(self.s).toggle_day(user_id, day, keep_one=False)
        return changed.learner.weekdays if changed.learner else None

    async def preview_due(self, user_id: int) -> tuple[datetime | None, str]:
        """When the first drop would come at the learner's next break."""
        learner = await self.s.store.learner(user_id)
        if learner is None:
            return None, self.s.settings.timezone
        async with self.s.store.read() as tx:
            calendar = await tx.cohorts.calendar_of(learner.cohort_id)
        return self.s.timing.next_due(learner, calendar, self.s.clock.now(), 0), learner.tz

    async def begin(self, user_id: int, now_wanted: bool) -> Advance:
        """Finish joining: the first drop now, or at the next slot."""
        due, tz = await self.preview_due(user_id)
        async with self.s.store.transaction() as tx:
            learner = await tx.learners.get(user_id)
            if learner is None or learner.status != "joining" or not learner.slots:
                return Advance(stale=True)
            await tx.learners.update(user_id, status="active", next_due_at=None if now_wanted else due)
        if now_wanted:
            return await Learning(self.s).next_now(user_id)
        return Advance(next_due=due, tz=tz)
