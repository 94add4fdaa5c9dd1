"""The practice board, the coordinator's side: the queue, approve, decline, a lighter wording, the
counts, and tips attached to a session's reminders. Every action checks the person coordinates
the tip's cohort."""

from __future__ import annotations

from bot.services import Services
from bot.usecases import pending
from bot.usecases.board import LONGEST, TooLong
from bot.usecases.coordination import Coordination, NotAllowed
from bot.usecases.pending import Pending, PendingKind
from bot.usecases.safeguard import Screening, screen
from scheduler.outgoing import TipNews
from storage.cohorts import Cohort
from storage.events import Event
from storage.tips import ModuleTipCounts, Tip


class TipDesk:
    """The coordinator's side: the queue, approve or decline, and the counts."""

    def __init__(self, services: Services, actor: int) -> None:
        self.s, self.actor = services, actor

    async def cohort(self, cohort_id: int) -> Cohort:
        return await Coordination(self.s, self.actor).check(cohort_id)

    async def queue(self, cohort_id: int) -> tuple[str, list[Tip], list[ModuleTipCounts]]:
        cohort = await Coordination(self.s, self.actor).check(cohort_id)
        async with self.s.store.read() as tx:
            return cohort.name, await tx.tips.queue(cohort_id), await tx.tips.by_module(cohort_id)

    async def counts(self, cohort_id: int) -> list[ModuleTipCounts]:
        """Offered, published and useful per module (the view applies the small-number rule)."""
        cohort = await Coordination(self.s, self.actor).check(cohort_id)
        async with self.s.store.read() as tx:
            return await tx.tips.by_module(cohort.id)

    async def attach(self, event_id: int, module_id: str | None) -> tuple[Event, list[Tip]]:
        """The module's most useful tips go on the event's reminders (None takes them off); returns
        the event and the tips a reminder would carry now."""
        async with self.s.store.read() as tx:
            event = await tx.events.get(event_id)
        if event is None or event.cancelled:
            raise NotAllowed
        await Coordination(self.s, self.actor).check(event.cohort_id)
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            await tx.tips.attach(event.id, module_id)
            await tx.coordination.audit(self.actor, "event tips", now, cohort_id=event.cohort_id,
                                        detail=f"{event.id}:{module_id or 'off'}")
            return event, await tx.tips.most_useful(event.cohort_id, module_id) if module_id else []

    async def _reviewable(self, tip_id: int) -> Tip:
        async with self.s.store.read() as tx:
            tip = await tx.tips.get(tip_id)
        if tip is None:
            raise NotAllowed
        await Coordination(self.s, self.actor).check(tip.cohort_id)
        return tip

    async def approve(self, tip_id: int, news: str) -> bool:
        """Published (or, for a reported tip, back on the board); the author hears of it."""
        tip, now = await self._reviewable(tip_id), self.s.clock.now()
        async with self.s.store.transaction() as tx:
            back = ("offered", "reported")
            if not await tx.tips.set_status(tip_id, "published", from_status=back, now=now):
                return False
            await tx.coordination.audit(self.actor, "approve tip", now, cohort_id=tip.cohort_id)
            await tx.outbox.add_many([(f"tipok:{tip_id}:{now:%Y%m%d%H%M%S}", tip.author_id,
                                       TipNews(text=news), tip.author_id)], now)
        return True

    async def ask_reason(self, tip_id: int) -> Pending | None:
        tip = await self._reviewable(tip_id)
        async with self.s.store.transaction() as tx:
            return await pending.ask(tx, self.actor, Pending(PendingKind.TIP_DECLINE, str(tip.id)),
                                     self.s.clock.now())

    async def decline(self, tip_id: int, reason: str, news: str) -> bool:
        """Not published, with the reason the author sees."""
        tip, now = await self._reviewable(tip_id), self.s.clock.now()
        async with self.s.store.transaction() as tx:
            await pending.settle(tx, self.actor, PendingKind.TIP_DECLINE)
            if not await tx.tips.set_status(tip_id, "declined", from_status=("offered", "reported"),
                                            reason=reason[:500]):
                return False
            await tx.coordination.audit(self.actor, "decline tip", now, cohort_id=tip.cohort_id)
            await tx.outbox.add_many([(f"tipno:{tip_id}:{now:%Y%m%d%H%M%S}", tip.author_id,
                                       TipNews(text=news), tip.author_id)], now)
        return True

    async def ask_wording(self, tip_id: int) -> Pending | None:
        tip = await self._reviewable(tip_id)
        async with self.s.store.transaction() as tx:
            return await pending.ask(tx, self.actor, Pending(PendingKind.TIP_EDIT, str(tip.id)),
                                     self.s.clock.now())

    async def propose(self, tip_id: int, wording: str, news: str) -> Screening | TooLong | bool:
        """A lighter wording, screened like any text, goes to the author to agree to or not."""
        tip, now = await self._reviewable(tip_id), self.s.clock.now()
        screening = screen(wording)
        if not screening.clear:
            return screening
        if len(wording) > LONGEST:
            return TooLong(len(wording))
        async with self.s.store.transaction() as tx:
            await pending.settle(tx, self.actor, PendingKind.TIP_EDIT)
            if not await tx.tips.propose(tip_id, wording):
                return False
            await tx.coordination.audit(self.actor, "edit tip", now, cohort_id=tip.cohort_id)
            await tx.outbox.add_many([(f"tipedit:{tip_id}:{now:%Y%m%d%H%M%S}", tip.author_id,
                                       TipNews(text=news, wording_of=tip_id), tip.author_id)], now)
        return True

    async def tip(self, tip_id: int) -> Tip:
        return await self._reviewable(tip_id)
