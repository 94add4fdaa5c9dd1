"""A learner back after a long silence: where they were, said once, before anything else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.services import Services

# Three weeks without a word: long enough that "where was I?" is the first question.
LONG_GAP = timedelta(days=21)


@dataclass(frozen=True)
class Return:
    first_name: str
    module: int
    drop: int  # the drop's number within its module
    drops: int  # how many drops the module has
    finished: bool  # the whole course was done before the silence


async def returning(services: Services, user_id: int) -> Return | None:
    """After LONG_GAP of silence, where the learner was; the gap then ends, so it is said once."""
    now = services.clock.now()
    # Every update passes here: a read, and the write lock only for the rare learner back after weeks.
    async with services.store.read() as tx:
        learner = await tx.learners.get(user_id)
    if (learner is None or learner.consent_version is None or learner.last_active_at is None
            or now - learner.last_active_at < LONG_GAP):
        return None
    async with services.store.transaction() as tx:
        completed = await tx.progress.completed_drops(user_id)
        await tx.learners.update(user_id, last_active_at=now)
    course = services.course
    place = course.place(learner.current_step) if learner.current_step else None
    found = (place.module, place.drop) if place else None
    if found is None:
        upcoming = course.next_drop(completed)
        found = course.drop(upcoming.id) if upcoming else None
    if found is None:
        return Return(learner.first_name, 0, 0, 0, True)
    module, drop = found
    return Return(learner.first_name, module.number, module.drops.index(drop) + 1, len(module.drops), False)
