"""The cohort's practice board: offer a tip, have it approved, read, mark useful, withdraw, report.

A tip is seen by the cohort only after its author confirmed exactly what will be shown and a
coordinator of that cohort approved it; it never leaves its cohort. Every action checks the tip
belongs to the person's own cohort (callback data is never trusted).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.services import Services
from bot.usecases import pending
from bot.usecases.pending import Pending, PendingKind
from bot.usecases.safeguard import Screening, screen
from scheduler.outgoing import TipNews, TipWaiting
from storage.learners import Learner
from storage.store import Tx
from storage.tips import Tip

LONGEST = 280  # one short thing: a line or two on a phone
WEEK = timedelta(days=7)
HOUR = timedelta(hours=1)


def tidy(text: str) -> str:
    """A tip on one line, its spacing evened out, as the board shows it."""
    return " ".join(text.split())


@dataclass(frozen=True)
class TooLong:
    length: int


@dataclass(frozen=True)
class BoardView:
    """What one learner sees of their cohort's board: the tips, and which are their own."""

    learner: Learner
    tips: list[Tip]


class Board:
    def __init__(self, services: Services, user_id: int) -> None:
        self.s, self.user_id = services, user_id

    async def _learner(self) -> Learner | None:
        learner = await self.s.store.learner(self.user_id)
        joined = learner is not None and learner.cohort_id is not None and learner.status != "joining"
        return learner if joined else None

    async def ask(self, drop_id: str) -> tuple[bool, Pending | None]:
        """Ask for a tip after a drop: whether the learner is in a cohort, and what the ask replaced."""
        found = self.s.course.drop(drop_id)
        if await self._learner() is None:
            return False, None
        module = found[0].id if found else ""
        async with self.s.store.transaction() as tx:
            return True, await pending.ask(tx, self.user_id, Pending(PendingKind.TIP_TEXT, module),
                                           self.s.clock.now())

    async def offer(self, module_id: str, text: str) -> Screening | TooLong | Tip | None:
        """The tip's text: screened (a flag keeps nothing), then a draft only its author sees."""
        learner = await self._learner()
        if learner is None or learner.cohort_id is None:
            return None
        text = tidy(text)
        screening = screen(text)
        if not screening.clear:
            return screening
        if len(text) > LONGEST:
            return TooLong(len(text))
        return await self._draft(learner.cohort_id, module_id, text)

    async def from_event(self, event_id: int) -> Tip | None:
        """What the learner said they will try after a session, as a draft tip (screened when kept)."""
        learner = await self._learner()
        if learner is None or learner.cohort_id is None:
            return None
        async with self.s.store.read() as tx:
            said = await tx.tips.will_try(event_id, self.user_id)
            theme = await tx.tips.attached(event_id)  # the session's module, when tips were attached
        if said is None or not screen(said).clear:
            return None
        return await self._draft(learner.cohort_id, theme or "", " ".join(said.split())[:LONGEST])

    async def _draft(self, cohort_id: int, module_id: str, text: str) -> Tip | None:
        async with self.s.store.transaction() as tx:
            tip_id = await tx.tips.draft(self.user_id, cohort_id, module_id, text, self.s.clock.now())
            await pending.settle(tx, self.user_id, PendingKind.TIP_TEXT)
            return await tx.tips.get(tip_id)

    async def sign(self, tip_id: int, named: bool) -> Tip | None:
        """Anonymous or with the first name, chosen for each tip."""
        learner = await self._learner()
        if learner is None:
            return None
        async with self.s.store.transaction() as tx:
            if not await tx.tips.sign(tip_id, self.user_id, learner.first_name[:40] if named else ""):
                return None
            return await tx.tips.get(tip_id)

    async def confirm(self, tip_id: int, offer: bool) -> bool:
        """The author confirms the draft (it goes to the coordinator) or drops it."""
        async with self.s.store.transaction() as tx:
            tip = await tx.tips.get(tip_id)
            if tip is None or tip.author_id != self.user_id or tip.status != "draft":
                return False
            if not offer:
                return await tx.tips.remove(tip_id, self.user_id)
            if not await tx.tips.set_status(tip_id, "offered", from_status=("draft",)):
                return False
            await self._tell_coordinators(tx, tip.cohort_id)
            return True

    async def _tell_coordinators(self, tx: Tx, cohort_id: int) -> None:
        """One short note that a tip waits, at most once an hour per cohort, never in quiet hours:
        a coordinator who is also a learner has it held through their own by the sender, anyone
        else gets it at the end of the bot's (its time zone's evening and weekend)."""
        now = self.s.clock.now()
        if not await tx.cohorts.claim_tip_notice(cohort_id, now, now - HOUR):
            return
        coordinators = await tx.tips.coordinators(cohort_id) or set(self.s.settings.admin_ids)
        awake = self.s.timing.awake_in(self.s.settings.zone, now)
        for uid in sorted(coordinators):
            learner = await tx.learners.get(uid)
            await tx.outbox.add(f"tipwait:{cohort_id}:{uid}:{now:%Y%m%d%H%M%S}", uid,
                                TipWaiting(cohort_id=cohort_id), now, user_id=uid if learner else None,
                                not_before=None if learner else awake)

    async def view(self) -> BoardView | None:
        learner = await self._learner()
        if learner is None or learner.cohort_id is None:
            return None
        async with self.s.store.read() as tx:
            return BoardView(learner, await tx.tips.board(learner.cohort_id))

    async def fresh(self) -> BoardView | None:
        """The tips colleagues published in the last week: what the digest's button opens."""
        seen = await self.view()
        if seen is None:
            return None
        since = self.s.clock.now() - WEEK
        return BoardView(seen.learner, [t for t in seen.tips if t.published_at and t.published_at >= since
                                        and t.author_id != self.user_id][:3])

    async def _published_here(self, tip_id: int) -> Tip | None:
        """The tip, when it is on this learner's board: their cohort's own, or one shared with it."""
        learner = await self._learner()
        if learner is None or learner.cohort_id is None:
            return None
        async with self.s.store.read() as tx:
            return await tx.tips.on_board(tip_id, learner.cohort_id)

    async def useful(self, tip_id: int) -> bool | None:
        """Toggle the learner's mark; None when the tip is not on their board."""
        if await self._published_here(tip_id) is None:
            return None
        async with self.s.store.transaction() as tx:
            return await tx.tips.toggle_useful(tip_id, self.user_id)

    async def withdraw(self, tip_id: int) -> bool:
        async with self.s.store.transaction() as tx:
            return await tx.tips.remove(tip_id, self.user_id)

    async def report(self, tip_id: int, notice: str) -> bool:
        """Hidden at once; the cohort's coordinators hear of it (the text built by a view)."""
        tip = await self._published_here(tip_id)
        if tip is None:
            return False
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            if not await tx.tips.set_status(tip_id, "reported", from_status=("published",)):
                return False
            coordinators = await tx.tips.coordinators(tip.cohort_id) or set(self.s.settings.admin_ids)
            await tx.outbox.add_many([(f"tipreport:{tip_id}:{uid}:{now:%Y%m%d%H%M%S}", uid,
                                       TipNews(text=notice), None) for uid in sorted(coordinators)], now)
        return True

    async def wording(self, tip_id: int, agreed: bool) -> bool:
        """The author agrees to the coordinator's wording (published as edited) or keeps their own
        (back in the queue)."""
        async with self.s.store.transaction() as tx:
            return await tx.tips.settle_wording(tip_id, self.user_id, agreed, self.s.clock.now())

    async def digest(self, wanted: bool | None) -> bool:
        """Whether the learner gets the weekly digest, after setting it when asked to."""
        async with self.s.store.transaction() as tx:
            if wanted is not None:
                await tx.tips.set_digest(self.user_id, wanted)
            return await tx.tips.digest_wanted(self.user_id)
