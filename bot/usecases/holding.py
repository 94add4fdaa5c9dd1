"""A reply the screen flagged: held apart, out of the journal, until its author chooses.

A possible disclosure is kept privately (flagged: never shared, exported or shown to a
coordinator) or deleted; a possible name is sent again without it, or kept as it is. Only then
does the drop carry on from the prompt it answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.usecases import pending
from bot.usecases.learning import Advance, Learning
from bot.usecases.pending import Pending, PendingKind
from bot.usecases.safeguard import Screening, screen
from lessons.models import FeedbackStep, ReflectStep
from storage.held import Held
from storage.store import Tx


@dataclass(frozen=True)
class Holding:
    """A reply held back: the screen's finding, and the id the buttons carry."""

    held_id: int
    screening: Screening


@dataclass(frozen=True)
class Saved:
    """A reply kept in the journal as it was written."""

    kind: str
    text: str
    advance: Advance


@dataclass(frozen=True)
class Released:
    """The learner chose: the held text is kept or gone, and the drop carries on."""

    concern: bool
    kept: bool
    advance: Advance


class Replying(Learning):
    """Free text to an open prompt, screened before anything is kept."""

    async def answer(self, user_id: int, text: str) -> Saved | Holding | None:
        """Keep the reply, or hold it when the screen flags it; None when no prompt is open."""
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            learner = await tx.learners.get(user_id)
            shown = self._shown(learner.current_step if learner else None)
            if learner is None or shown is None or not isinstance(shown[2], ReflectStep | FeedbackStep):
                return None
            step = shown[2]
            screening = screen(text)
            if not screening.clear:
                held_id = await tx.held.hold(user_id, step.id, step.kind, text, screening.concern, now)
                await pending.ask(tx, user_id, Pending.held(held_id), now)
                return Holding(held_id, screening)
            await tx.progress.save_reflection(user_id, step.id, step.kind, text, now)
            return Saved(step.kind, text, await self._finish_step(tx, learner, step.id, now))

    async def held(self, user_id: int, held_id: int) -> Held | None:
        async with self.s.store.read() as tx:
            return await tx.held.get(user_id, held_id)

    async def rewrite(self, user_id: int, held_id: int, text: str) -> Saved | Holding | None:
        """The new version of a reply held for a name: kept if it now passes, else held again."""
        now = self.s.clock.now()
        screening = screen(text)
        async with self.s.store.transaction() as tx:
            held = await tx.held.get(user_id, held_id)
            if held is None:
                return None
            if not screening.clear:
                await tx.held.replace(user_id, held_id, text, screening.concern)
                return Holding(held_id, screening)
            await tx.held.replace(user_id, held_id, text, False)
            await tx.held.release(user_id, held_id)
            await tx.progress.save_reflection(user_id, held.step_id, held.kind, text, now)
            return Saved(held.kind, text, await self._carry_on(tx, user_id, held, now))

    async def keep(self, user_id: int, held_id: int) -> Released | None:
        """Into the journal: flagged after a possible disclosure, as written after a possible name."""
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            held = await tx.held.release(user_id, held_id)
            if held is None:
                return None
            await tx.progress.save_reflection(user_id, held.step_id, held.kind, held.text, now,
                                              flagged=held.concern)
            return Released(held.concern, True, await self._carry_on(tx, user_id, held, now))

    async def delete(self, user_id: int, held_id: int) -> Released | None:
        """Gone, with the kept copy of the message it came in."""
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            held = await tx.held.discard(user_id, held_id)
            if held is None:
                return None
            return Released(held.concern, False, await self._carry_on(tx, user_id, held, now))

    async def _carry_on(self, tx: Tx, user_id: int, held: Held, now: datetime) -> Advance:
        """The hold ends; the drop goes on from the prompt, if the learner is still there."""
        await pending.settle(tx, user_id, PendingKind.HELD)
        learner = await tx.learners.get(user_id)
        if learner is None or learner.current_step != held.step_id:
            return Advance()
        return await self._finish_step(tx, learner, held.step_id, now)
