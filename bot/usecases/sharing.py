"""/share: the learner sees what their coordinator would read, and chooses; /share off undoes it."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services import Services


@dataclass(frozen=True)
class Offer:
    """What sharing means for this learner now: how many reflections, from which drops."""

    sharing: bool
    count: int
    drops: tuple[str, ...]


async def offer(services: Services, user_id: int) -> Offer | None:
    """The reflections an export would include (never one kept privately); None if not a learner."""
    async with services.store.read() as tx:
        learner = await tx.learners.get(user_id)
        if learner is None:
            return None
        shareable = [r for r in await tx.progress.reflections(user_id)
                     if r.kind == "reflect" and not r.flagged]
    titles: list[str] = []
    for reflection in reversed(shareable):
        place = services.course.place(reflection.step_id)
        if place is not None and place.drop.title not in titles:
            titles.append(place.drop.title)
    return Offer(learner.share_reflections, len(shareable), tuple(titles))


async def choose(services: Services, user_id: int, share: bool) -> bool:
    """Sharing on or off; False when the person is not a learner."""
    async with services.store.transaction() as tx:
        if await tx.learners.get(user_id) is None:
            return False
        await tx.learners.update(user_id, share_reflections=share)
    return True
