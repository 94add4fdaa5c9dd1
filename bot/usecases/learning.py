"""A learner's way through drops: each action checked against where they really are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.services import Services
from bot.usecases import pending
from bot.usecases.pending import Pending, PendingKind
from lessons.models import Drop, FeedbackStep, Module, QuizStep, ReflectStep, Step
from scheduler import retrieval
from storage.learners import Learner
from storage.store import Tx

Shown = tuple[Module, Drop, Step]


@dataclass(frozen=True)
class Advance:
    """What changed after an action, for the view to render."""

    shown: Shown | None = None
    finished: Drop | None = None
    module_done: Module | None = None
    course_done: bool = False
    next_due: datetime | None = None
    stale: bool = False
    tz: str = "Europe/London"
    recall: QuizStep | None = None
    dropped: Pending | None = None  # what the person's next message was for, replaced by a prompt
    brief_reminder: bool = False  # a prompt already seen today: the child-safety note in one line


class Learning:
    """Learner actions on steps; every one runs in a single transaction."""

    def __init__(self, services: Services) -> None:
        self.s = services

    def _shown(self, step_id: str | None) -> Shown | None:
        place = self.s.course.place(step_id) if step_id else None
        return (place.module, place.drop, place.step) if place else None

    async def _opened(self, tx: Tx, learner: Learner, shown: Shown | None, now: datetime,
                      finished: Drop | None = None) -> Advance:
        """A step on screen; a reflective or feedback prompt is now what the next message is for."""
        if shown is None or not isinstance(shown[2], ReflectStep | FeedbackStep):
            return Advance(shown=shown, finished=finished, tz=learner.tz)
        dropped = await pending.ask(tx, learner.user_id, Pending.prompt(shown[2].id), now)
        today = datetime.combine(now.astimezone(ZoneInfo(learner.tz)).date(), time(), ZoneInfo(learner.tz))
        prompts_today = [sid for sid in await tx.progress.steps_done_since(learner.user_id, today)
                         if isinstance(getattr(self.s.course.place(sid), "step", None),
                                       ReflectStep | FeedbackStep)]
        return Advance(shown=shown, finished=finished, tz=learner.tz, dropped=dropped,
                       brief_reminder=bool(prompts_today))

    async def current(self, user_id: int) -> tuple[Learner | None, Shown | None]:
        learner = await self.s.store.learner(user_id)
        return learner, self._shown(learner.current_step if learner else None)

    async def _finish_step(self, tx: Tx, learner: Learner, step_id: str, now: datetime,
                           status: str = "done") -> Advance:
        if learner.status == "quiet":
            # Back after a long silence: the drip picks up again from the next slot.
            due = await self._next_due(tx, learner, now)
            await tx.learners.update(learner.user_id, status="active", next_due_at=due)
        await tx.progress.step_done(learner.user_id, step_id, now, status)
        place = self.s.course.place(step_id)
        assert place is not None
        if isinstance(place.step, ReflectStep | FeedbackStep):  # only a prompt is ever waited on
            await tx.pending.clear(learner.user_id, (PendingKind.PROMPT.value,), step_id)
        following = self.s.course.step_after(step_id)
        if following is not None:
            await tx.progress.drop_opened(learner.user_id, place.drop.id, now)  # completion marks it too
            await tx.learners.update(learner.user_id, current_step=following.id, last_active_at=now)
            return await self._opened(tx, learner, (place.module, place.drop, following), now)
        await tx.progress.drop_completed(learner.user_id, place.drop.id, now)
        completed = await tx.progress.completed_drops(learner.user_id)
        course_done = self.s.course.next_drop(completed) is None
        following_drop = self.s.course.next_drop(completed)
        if learner.session_left > 0 and following_drop is not None:
            # A longer session: the next drop follows straight away.
            await tx.progress.drop_delivered(learner.user_id, following_drop.id, now)
            await tx.learners.update(learner.user_id, current_step=following_drop.steps[0].id,
                                     session_left=learner.session_left - 1, last_active_at=now)
            return await self._opened(tx, learner, self._shown(following_drop.steps[0].id), now,
                                      finished=place.drop)
        due = None if course_done else await self._next_due(tx, learner, now)
        # A course finished stays finished when drops are added to it later.
        finished = course_done or learner.status == "finished"
        await tx.learners.update(learner.user_id, current_step=None, last_active_at=now,
                                 next_due_at=due, status="finished" if finished else "active")
        module_done = place.module if self.s.course.module_done(place.module, completed) else None
        # A module's end is a moment of its own: recall questions wait for a later drop.
        recall = None if module_done else await self._recall(tx, learner, place.drop, now)
        return Advance(finished=place.drop, module_done=module_done, course_done=course_done,
                       next_due=due, tz=learner.tz, recall=recall)

    async def _recall(self, tx: Tx, learner: Learner, drop: Drop, now: datetime) -> QuizStep | None:
        """One earlier quiz check that is due to come back, to follow the drop just finished."""
        own = {step.id for step in drop.steps}
        due = [(sid, at) for sid, at in await tx.progress.due_cards(learner.user_id, now) if sid not in own]
        chosen = retrieval.pick(due, now)
        place = self.s.course.place(chosen) if chosen else None
        return place.step if place and isinstance(place.step, QuizStep) else None

    async def snooze(self, user_id: int, step_id: str, option: str) -> Advance:
        """Put the open drop off: it comes back at the chosen time."""
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            learner = await tx.learners.get(user_id)
            if learner is None or learner.current_step != step_id:
                return Advance(stale=True)
            calendar = await tx.cohorts.calendar_of(learner.cohort_id)
            due = self.s.timing.snooze(learner, calendar, now, option)
            await tx.learners.update(user_id, next_due_at=due, snoozed=due is not None,
                                     last_active_at=now, status="active")
        return Advance(next_due=due, tz=learner.tz)

    async def long_session(self, user_id: int, choice: str) -> Advance:
        """An in-service day's longer session: three drops, or the rest of the current module."""
        async with self.s.store.transaction() as tx:
            learner = await tx.learners.get(user_id)
            if learner is None or learner.status in {"joining"}:
                return Advance(stale=True)
            completed = await tx.progress.completed_drops(user_id)
            upcoming = self.s.course.next_drop(completed)
            found = self.s.course.drop(upcoming.id) if upcoming else None
            if found is None:
                return Advance(course_done=True, tz=learner.tz)
            left = (sum(d.id not in completed for d in found[0].drops) if choice == "module" else 3)
            await tx.learners.update(user_id, session_left=max(0, left - 1))
        return await self.next_now(user_id)

    async def answer_recall(self, user_id: int, step_id: str, choice: int) -> QuizStep | None:
        """A recall answer: only for a card of this learner's that is due; the card moves on."""
        now = self.s.clock.now()
        place = self.s.course.place(step_id)
        if place is None or not isinstance(place.step, QuizStep) or not 0 <= choice < len(place.step.options):
            return None
        quiz = place.step
        async with self.s.store.transaction() as tx:
            kept = await tx.progress.card(user_id, step_id)
            if kept is None or kept[1] > now:
                return None
            correct = choice == quiz.answer
            await tx.progress.add_answer(user_id, step_id, choice, correct, now, recall=True)
            card = retrieval.review(retrieval.from_text(kept[0]), correct, now)
            await tx.progress.keep_card(user_id, step_id, retrieval.to_text(card), card.due)
            await tx.learners.update(user_id, last_active_at=now)
        return quiz

    async def _next_due(self, tx: Tx, learner: Learner, now: datetime) -> datetime | None:
        calendar = await tx.cohorts.calendar_of(learner.cohort_id)
        today = await tx.progress.drops_delivered_since(
            learner.user_id, self.s.timing.day_start(learner, now))
        return self.s.timing.next_due(learner, calendar, now, today)

    async def press_next(self, user_id: int, step_id: str) -> Advance:
        """The Next button under a card; a quiz, rating or prompt is never passed by "Next"."""
        now = self.s.clock.now()
        place = self.s.course.place(step_id)
        if place is None or place.step.kind != "read":  # forged data: only cards have a Next button
            return Advance(stale=True)
        async with self.s.store.transaction() as tx:
            learner = await tx.learners.get(user_id)
            if learner is None or learner.current_step != step_id:
                return Advance(stale=True)
            return await self._finish_step(tx, learner, step_id, now)

    async def answer_quiz(self, user_id: int, step_id: str, choice: int) -> tuple[QuizStep | None, Advance]:
        """A quiz option; the answer is kept whether right or wrong."""
        now = self.s.clock.now()
        place = self.s.course.place(step_id)
        if place is None or not isinstance(place.step, QuizStep) or not 0 <= choice < len(place.step.options):
            return None, Advance(stale=True)
        quiz = place.step
        async with self.s.store.transaction() as tx:
            learner = await tx.learners.get(user_id)
            if learner is None or learner.current_step != step_id:
                return None, Advance(stale=True)
            correct = choice == quiz.answer
            await tx.progress.add_answer(user_id, step_id, choice, correct, now)
            if await tx.progress.card(user_id, step_id) is None:
                card = retrieval.first_card(correct, now)
                await tx.progress.keep_card(user_id, step_id, retrieval.to_text(card), card.due)
            return quiz, await self._finish_step(tx, learner, step_id, now)

    async def rate(self, user_id: int, step_id: str, rating: int) -> tuple[str | None, Advance]:
        """A 1-5 confidence rating; returns the statement rated."""
        now = self.s.clock.now()
        place = self.s.course.place(step_id)
        step = place.step if place else None
        if place is None or step is None or step.kind != "confidence" or not 1 <= rating <= 5:
            return None, Advance(stale=True)
        assert step.kind == "confidence"
        async with self.s.store.transaction() as tx:
            learner = await tx.learners.get(user_id)
            if learner is None or learner.current_step != step_id:
                return None, Advance(stale=True)
            await tx.progress.rate(user_id, step_id, step.statement, step.phase, rating, now)
            return place.module.statement(step.statement), await self._finish_step(tx, learner, step_id, now)

    async def skip(self, user_id: int, step_id: str) -> tuple[str, Advance]:
        """Skip a reflective prompt or feedback question."""
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            learner = await tx.learners.get(user_id)
            place = self.s.course.place(step_id)
            if (learner is None or place is None or learner.current_step != step_id
                    or not isinstance(place.step, ReflectStep | FeedbackStep)):
                return "", Advance(stale=True)
            return place.step.kind, await self._finish_step(tx, learner, step_id, now, "skipped")

    async def next_now(self, user_id: int) -> Advance:
        """/next: the open step again, or the next drop straight away."""
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            learner = await tx.learners.get(user_id)
            if learner is None or learner.status not in {"active", "paused", "finished", "quiet"}:
                return Advance(stale=True)
            shown = self._shown(learner.current_step)
            if learner.status == "quiet" or (learner.status == "paused" and learner.paused_by == "bot"):
                # Back after a long silence (or a pause the bot made): the drip picks up again too.
                await tx.learners.update(user_id, status="active", last_active_at=now, paused_by=None,
                                         next_due_at=await self._next_due(tx, learner, now))
                await tx.progress.pause_ended(user_id, now)
            if shown is not None:
                return await self._opened(tx, learner, shown, now)
            completed = await tx.progress.completed_drops(user_id)
            # Asked for: after the course's end, drops added behind the learner's place come too.
            drop = self.s.course.next_drop(completed) or next(iter(self.s.course.new_behind(completed)), None)
            if drop is None:
                return Advance(course_done=True, tz=learner.tz)
            await tx.progress.drop_delivered(user_id, drop.id, now)
            # Keep a due time so an unfinished drop still gets its one reminder at the next slot.
            due = learner.next_due_at or await self._next_due(tx, learner, now)
            status = "finished" if learner.status == "finished" else "active"  # a drop added later
            await tx.learners.update(user_id, current_step=drop.steps[0].id, last_active_at=now,
                                     status=status, paused_until=None, next_due_at=due)
            return await self._opened(tx, learner, self._shown(drop.steps[0].id), now)
