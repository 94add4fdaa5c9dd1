"""Coordinator actions, each checked against the actor's cohorts and written to the audit log."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.services import Services
from bot.usecases import pending
from bot.usecases.cohort_stats import Summary, summarise
from bot.usecases.pending import Pending, PendingKind
from bot.usecases.roles import DESK, cohorts_for, is_admin
from lessons.markup import message_problem
from scheduler import outgoing
from scheduler.reminders import quiet_at
from storage.cohorts import Cohort
from storage.coordination import Broadcast
from storage.stats import cohort_figures, quiet_learners

REPEAT_WINDOW = timedelta(minutes=10)  # a create repeated within this is the same request
QUIET = timedelta(days=14)  # no drop finished for this long: gone quiet, worth a word


def invite_link(username: str, code: str) -> str:
    """The link that opens the bot with a cohort's invite code."""
    return f"https://t.me/{username or '<your_bot_username>'}?start={code}"


def can_send_at(services: Services, send_at: datetime) -> bool:
    """A scheduled broadcast must be in the future and outside quiet hours, evenings and weekends."""
    quiet = quiet_at(send_at, services.settings.timezone, services.timing.quiet)
    return send_at > services.clock.now() and not quiet


class NotAllowed(Exception):
    """The actor may not act on that cohort (or at all)."""


class BadMessage(ValueError):
    """A broadcast Telegram would refuse: empty, bad markup or too long (the reason is the text)."""


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

    async def may_coordinate(self) -> None:
        """NotAllowed for someone who is neither an admin nor a coordinator of any cohort."""
        if not is_admin(self.s, self.actor) and await cohorts_for(self.s, self.actor) is None:
            raise NotAllowed

    def link(self, cohort: Cohort) -> str:
        return invite_link(self.s.bot_username, cohort.invite_code)

    async def create(self, name: str) -> Cohort:
        """A new cohort; the same name again from the same person soon after gives back that one.

        A repeat is what a person does when the first request's reply never reached them.
        """
        if not is_admin(self.s, self.actor) and await cohorts_for(self.s, self.actor) is None:
            raise NotAllowed
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            just_made = await tx.coordination.created_since(self.actor, name[:80], now - REPEAT_WINDOW)
            existing = await tx.cohorts.get(just_made) if just_made is not None else None
            if existing is not None:
                return existing
            cohort = await tx.cohorts.create(name[:80], now)
            if self.actor != DESK:  # the desk names coordinators itself (ktp-bot coordinators add)
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
                    await tx.cohorts.rotate_invite(cohort.id)
                else:
                    await tx.cohorts.open_invite(cohort.id, change == "open")
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
            # A draft they were writing stays pending: their next text finds the right gone, tells
            # them once that it was dropped, and goes where it belongs (the desk has no chat to tell).
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

    async def overview(self) -> list[tuple[Cohort, Summary]]:
        """Each of the actor's cohorts with its figures (the dashboard's first page)."""
        allowed = await cohorts_for(self.s, self.actor)
        if not allowed:
            raise NotAllowed
        now = self.s.clock.now()
        async with self.s.store.read() as tx:
            cohorts = [c for c in await tx.cohorts.all() if c.id in allowed]
            figures = [await cohort_figures(tx.conn, c.id, now) for c in cohorts]
        return [(c, summarise(self.s.course.course, f)) for c, f in zip(cohorts, figures, strict=True)]

    async def broadcasts(self, cohort_id: int) -> list[tuple[Broadcast, dict[str, int]]]:
        """The cohort's broadcasts, newest first, each with its outbox counts by status."""
        cohort = await self._cohort(cohort_id)
        async with self.s.store.read() as tx:
            items = await tx.coordination.of_cohort(cohort.id)
            return [(b, await tx.outbox.broadcast_counts(b.id)) for b in items]

    async def broadcast_status(self, broadcast_id: int) -> tuple[Broadcast, dict[str, int]]:
        async with self.s.store.read() as tx:
            item = await tx.coordination.broadcast(broadcast_id)
            counts = await tx.outbox.broadcast_counts(broadcast_id)
        if item is None:
            raise NotAllowed
        await self._cohort(item.cohort_id)
        return item, counts

    async def stats(self, cohort_id: int) -> tuple[Cohort, Summary]:
        cohort = await self._cohort(cohort_id)
        now = self.s.clock.now()
        async with self.s.store.snapshot() as tx:
            figures = await cohort_figures(tx.conn, cohort.id, now)
        async with self.s.store.transaction() as tx:
            await tx.coordination.audit(self.actor, "stats", now, cohort_id=cohort.id)
        return cohort, summarise(self.s.course.course, figures)

    async def gone_quiet(self, cohort_id: int) -> list[str]:
        """First names of the cohort's learners who have finished no drop for QUIET."""
        cohort = await self._cohort(cohort_id)
        async with self.s.store.read() as tx:
            return await quiet_learners(tx.conn, cohort.id, self.s.clock.now() - QUIET)

    async def reachable(self, cohort_id: int) -> tuple[Cohort, int]:
        """The cohort and how many of its learners a broadcast would reach now."""
        cohort = await self._cohort(cohort_id)
        async with self.s.store.read() as tx:
            return cohort, len(await tx.learners.reachable(cohort.id))

    async def start_broadcast(self, cohort_id: int, send_at: datetime | None = None
                              ) -> tuple[Cohort, int, Pending | None]:
        """The actor's next message becomes the draft; also what that ask replaced, if anything."""
        cohort, count = await self.reachable(cohort_id)
        async with self.s.store.transaction() as tx:
            before = await pending.ask(tx, self.actor, Pending.draft(cohort.id, send_at), self.s.clock.now())
        return cohort, count, before

    async def draft(self, cohort_id: int, text: str, send_at: datetime | None = None) -> tuple[int, int]:
        """The message after start_broadcast: kept as a draft to preview; the wait for it ends."""
        cohort = await self._cohort(cohort_id)
        problem = message_problem(text)
        if problem:
            raise BadMessage(problem)
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            await pending.settle(tx, self.actor, PendingKind.COORDINATOR_DRAFT)
            count = len(await tx.learners.reachable(cohort.id))
            return await tx.coordination.draft(cohort.id, self.actor, text, now, send_at), count

    async def send_broadcast(self, broadcast_id: int, chat: int | None = None,
                             message: int | None = None) -> int | None:
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
            await tx.coordination.audit(self.actor, "cancel broadcast", self.s.clock.now(),
                                        cohort_id=item.cohort_id, detail=str(item.id))
