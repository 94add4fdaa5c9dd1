"""Free text is deleted after the retention period, counted from the learner's last activity."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.usecases.retention import enforce
from storage.store import Store

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


async def test_only_learners_inactive_past_the_period_lose_their_reflections(store: Store) -> None:
    async with store.transaction() as tx:
        cohort = await tx.cohorts.create("C", NOW)
        for uid, last in ((1, NOW - timedelta(days=400)), (2, NOW - timedelta(days=300))):
            await tx.learners.create(uid, uid, "L", cohort.id, NOW - timedelta(days=500))
            await tx.learners.update(uid, last_active_at=last)
            await tx.progress.save_reflection(uid, "r1", "reflect", "text", last)
            await tx.progress.save_reflection(uid, "fb", "feedback", "more", last)
            await tx.progress.add_answer(uid, "q1", 0, True, last)
        event = await tx.events.add(cohort.id, "Training day", "training", NOW - timedelta(days=420),
                                    NOW - timedelta(days=420), "Hall", "", 9, NOW - timedelta(days=430))
        for uid in (1, 2):
            await tx.events.answer(event, uid, "going", NOW - timedelta(days=425))
            await tx.events.will_try(event, uid, "Ask first, then help")
    assert await enforce(store, NOW, 365) == 3
    async with store.read() as tx:
        tried = dict((await tx.conn.execute("SELECT user_id, will_try FROM rsvps ORDER BY user_id")).rows)
    assert tried == {1: None, 2: "Ask first, then help"}
    async with store.read() as tx:
        left = {uid: len(await tx.progress.reflections(uid)) for uid in (1, 2)}
        answers = len(await tx.progress.answers(1))
    assert left == {1: 0, 2: 2}
    assert answers == 1  # quiz answers are not free text and stay
