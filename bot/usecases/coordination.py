"""Coordinator actions, each checked against the actor's cohorts and written to the audit log."""

from __future__ import annotations

from datetime import datetime

from bot.desk.commands import invite_link
from bot.services import Services
from bot.usecases.cohort_stats import Summary, summarise
from bot.usecases.roles import cohorts_for, is_admin
from scheduler import outgoing
from storage.cohorts import Cohort, new_invite_code
from storage.stats import cohort_figures


class NotAllowed(Exception):
    """The actor may not act on that cohort (or at all)."""


class Coordination:
    def __init__(self, services: Services, actor: int) -> None:
        self.s, self.actor = services, actor

    async def _cohort(self, cohort_id: int) -> Cohort:
        allowed = await cohorts_for(self.s, self.actor)
        if not allowed or cohort_id not in allowed:
            raise NotAllowed
        async with self.s.store.read() as tx:
            cohort = await tx.cohorts.get(cohort_id)
        if cohort is None:
            raise NotAllowed
        return cohort

    async def check(self, cohort_id: int) -> Cohort:
        """The cohort, if the actor may act on it; NotAllowed otherwise."""
        return await self._cohort(cohort_id)

    def link(self, cohort: Cohort) -> str:
        return invite_link(self.s.bot_username, cohort.invite_code)

    async def create(self, name: str) -> Cohort:
        if not is_admin(self.s, self.actor) and await cohorts_for(self.s, self.actor) is None:
            raise NotAllowed
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            cohort = await tx.cohorts.create(name[:80], now)
            await tx.coordination.add_coordinator(self.actor, cohort.id, self.actor, now)
            await tx.coordination.audit(self.actor, "create cohort", now, cohort_id=cohort.id)
        return cohort

    async def mine(self) -> list[tuple[Cohort, int]]:
        allowed = await cohorts_for(self.s, self.actor)
        if not allowed:
            raise NotAllowed
        async with self.s.store.read() as tx:
            cohorts = [c for c in await tx.cohorts.all() if c.id in allowed]
            return [(c, len(await tx.learners.in_cohort(c.id))) for c in cohorts]

    async def invite(self, cohort_id: int, change: str | None) -> Cohort:
        """The invite, optionally rotated (a new code) or closed or reopened."""
        cohort = await self._cohort(cohort_id)
        if change in {"rotate", "close", "open"}:
            now = self.s.clock.now()
            async with self.s.store.transaction() as tx:
                if change == "rotate":
                    await tx.conn.execute("UPDATE cohorts SET invite_code = ?, invite_open = 1 WHERE id = ?",
                                          (new_invite_code(), cohort.id))
                else:
                    await tx.conn.execute("UPDATE cohorts SET invite_open = ? WHERE id = ?",
                                          (change == "open", cohort.id))
                await tx.coordination.audit(self.actor, f"invite {change}", now, cohort_id=cohort.id)
            cohort = await self._cohort(cohort_id)
        return cohort

    async def promote(self, user_id: int, cohort_id: int) -> Cohort:
        if not is_admin(self.s, self.actor):
            raise NotAllowed
        cohort = await self._cohort(cohort_id)
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            await tx.coordination.add_coordinator(user_id, cohort.id, self.actor, now)
            await tx.coordination.audit(self.actor, "promote", now, cohort_id=cohort.id, detail=str(user_id))
        return cohort

    async def demote(self, user_id: int, cohort_id: int) -> tuple[Cohort, bool]:
        """Admins: someone stops coordinating a cohort; whether they were one."""
        if not is_admin(self.s, self.actor):
            raise NotAllowed
        cohort = await self._cohort(cohort_id)
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            removed = await tx.coordination.remove_coordinator(user_id, cohort.id)
            await tx.coordination.audit(self.actor, "demote", now, cohort_id=cohort.id, detail=str(user_id),
                                        count=int(removed))
        return cohort, removed

    async def rename(self, cohort_id: int, name: str) -> Cohort:
        cohort = await self._cohort(cohort_id)
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            await tx.cohorts.rename(cohort.id, name[:80])
            await tx.coordination.audit(self.actor, "rename cohort", now, cohort_id=cohort.id,
                                        detail=name[:80])
        return await self._cohort(cohort_id)

    async def set_calendar(self, cohort_id: int, calendar: dict[str, object]) -> None:
        cohort = await self._cohort(cohort_id)
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            await tx.cohorts.set_calendar(cohort.id, calendar)
            await tx.coordination.audit(self.actor, "set calendar", now, cohort_id=cohort.id)

    async def move(self, user_id: int, to_cohort: int) -> Cohort:
        """Move a learner to another cohort; the actor must coordinate both."""
        target = await self._cohort(to_cohort)
        async with self.s.store.read() as tx:
            learner = await tx.learners.get(user_id)
        if learner is None or learner.cohort_id is None:
            raise NotAllowed
        await self._cohort(learner.cohort_id)
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            await tx.learners.update(user_id, cohort_id=target.id)
            await tx.coordination.audit(self.actor, "move learner", now, cohort_id=target.id,
                                        detail=f"from {learner.cohort_id}")
        return target

    async def stats(self, cohort_id: int) -> tuple[Cohort, Summary]:
        cohort = await self._cohort(cohort_id)
        now = self.s.clock.now()
        async with self.s.store.snapshot() as tx:
            figures = await cohort_figures(tx.conn, cohort.id, now)
        async with self.s.store.transaction() as tx:
            await tx.coordination.audit(self.actor, "stats", now, cohort_id=cohort.id)
        return cohort, summarise(self.s.course.course, figures)

    async def start_broadcast(self, cohort_id: int, send_at: datetime | None = None) -> tuple[Cohort, int]:
        cohort = await self._cohort(cohort_id)
        waiting = f"broadcast:{cohort.id}" + (f":{send_at.isoformat()}" if send_at else "")
        async with self.s.store.transaction() as tx:
            await tx.meta.put(f"awaiting:{self.actor}", waiting)
            reachable = [le for le in await tx.learners.in_cohort(cohort.id)
                         if le.status not in {"unreachable", "joining"}]
        return cohort, len(reachable)

    async def draft(self, cohort_id: int, text: str, send_at: datetime | None = None) -> tuple[int, int]:
        cohort, count = await self.start_broadcast(cohort_id)
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            await tx.conn.execute("DELETE FROM meta WHERE key = ?", (f"awaiting:{self.actor}",))
            return await tx.coordination.draft(cohort.id, self.actor, text, now, send_at), count

    async def send_broadcast(self, broadcast_id: int, chat: int, message: int) -> int | None:
        """Queue a drafted broadcast once; None when it was already sent or cancelled."""
        async with self.s.store.read() as tx:
            item = await tx.coordination.broadcast(broadcast_id)
        if item is None:
            raise NotAllowed
        await self._cohort(item.cohort_id)
        if item.status != "draft":
            return None
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            count = await tx.coordination.queue_broadcast(item, outgoing.Broadcast(text=item.text), now, chat,
                                                              message)
            await tx.coordination.audit(self.actor, "broadcast", now, cohort_id=item.cohort_id,
                                        detail=str(item.id), count=count)
        return count

    async def cancel_broadcast(self, broadcast_id: int) -> None:
        async with self.s.store.read() as tx:
            item = await tx.coordination.broadcast(broadcast_id)
        if item is None:
            raise NotAllowed
        await self._cohort(item.cohort_id)
        async with self.s.store.transaction() as tx:
            await tx.coordination.cancel(broadcast_id)
