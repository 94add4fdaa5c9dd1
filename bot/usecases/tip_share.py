"""Sharing a published tip beyond its cohort: an admin asks, and only the author's agreement lets
another cohort see it (tips otherwise never leave their cohort)."""

from __future__ import annotations

from collections.abc import Callable

from bot.services import Services
from bot.usecases.coordination import NotAllowed
from bot.usecases.roles import is_admin
from scheduler.outgoing import TipNews
from storage.tips import Tip


class TipShare:
    def __init__(self, services: Services, actor: int) -> None:
        self.s, self.actor = services, actor

    async def ask(self, tip_id: int, cohort_id: int, news: Callable[[Tip, str], str]) -> Tip | None:
        """An admin asks the author; None when the tip is not published or the cohort is its own.
        news builds the author's message from the tip and the other cohort's name."""
        if not is_admin(self.s, self.actor):
            raise NotAllowed
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            tip, cohort = await tx.tips.get(tip_id), await tx.cohorts.get(cohort_id)
            if tip is None or cohort is None or tip.status != "published" or tip.cohort_id == cohort.id:
                return None
            if not await tx.tips.ask_share(tip.id, cohort.id):
                return tip  # asked already: the author has the question
            await tx.coordination.audit(self.actor, "share tip asked", now, cohort_id=cohort.id,
                                        detail=str(tip.id))
            await tx.outbox.add_many([(f"tipshare:{tip.id}:{cohort.id}", tip.author_id,
                                       TipNews(text=news(tip, cohort.name), share_of=tip.id,
                                               share_to=cohort.id), tip.author_id)], now)
            return tip

    async def answer(self, tip_id: int, cohort_id: int, agreed: bool) -> bool:
        """The author's answer (the actor must be the author); False for a stale button."""
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            if not await tx.tips.settle_share(tip_id, cohort_id, self.actor, agreed):
                return False
            await tx.coordination.audit(self.actor, "share tip agreed" if agreed else "share tip refused",
                                        now, cohort_id=cohort_id, detail=str(tip_id))
        return True
