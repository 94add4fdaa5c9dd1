"""/forget while a broadcast is going out: the learner's unsent rows go, so it does not reach them."""

from __future__ import annotations

import asyncio

from scheduler.outgoing import Broadcast
from tests.journey import Journey

TEXT = "Reminder: online practice-sharing on Thursday at 15:45."
LEARNERS = range(101, 161)
# Every other learner after the first twenty: the broadcast is under way when they ask.
FORGETTING = [uid for uid in LEARNERS if uid > 120 and uid % 2 == 0]
IN_FLIGHT = 8  # the sender's concurrency: rows already being sent when the forget commits


def _got_it(journey: Journey, uid: int) -> bool:
    return any(TEXT in m.text for m in journey.standin.user(uid).messages)


async def test_forgetting_during_a_broadcast_stops_it_reaching_them(journey: Journey) -> None:
    for uid in LEARNERS:
        await journey.enrol(uid)
    async with journey.services.store.transaction() as tx:
        for uid in LEARNERS:
            await tx.learners.update(uid, next_due_at=None)  # only the broadcast goes out
    confirms = {}
    for uid in FORGETTING:
        await journey.standin.user(uid).send("/forget")
        confirms[uid] = await journey.standin.user(uid).wait_for("It cannot be undone")
    now = journey.clock.now()
    async with journey.services.store.transaction() as tx:
        (cohort,) = await tx.cohorts.all()
        item = await tx.coordination.broadcast(await tx.coordination.draft(cohort.id, 0, TEXT, now, None))
        assert item is not None
        queued = await tx.coordination.queue_broadcast(item, Broadcast(text=item.text), now, 0, 0)
        assert queued == len(LEARNERS)
    sending = asyncio.create_task(journey.drip())
    await journey.standin.user(LEARNERS[0]).wait_for(TEXT)  # under way
    await asyncio.gather(*(journey.standin.user(uid).press("Delete everything", message=confirms[uid])
                           for uid in FORGETTING))
    for uid in FORGETTING:
        await journey.standin.user(uid).wait_for("everything I held about you is deleted", timeout=20)
    await sending
    await journey.drip()
    reached = [uid for uid in FORGETTING if _got_it(journey, uid)]
    assert len(reached) <= IN_FLIGHT, reached
    assert all(_got_it(journey, uid) for uid in LEARNERS if uid not in FORGETTING)
    async with journey.services.store.read() as tx, tx.conn.execute(
            f"SELECT COUNT(*) FROM outbox WHERE user_id IN ({','.join('?' * len(FORGETTING))})",
            FORGETTING) as cur:
        assert (await cur.fetchone() or (1,))[0] == 0
