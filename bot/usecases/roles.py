"""Who may do what: admins by settings, coordinators by the database, checked on every call."""

from __future__ import annotations

from bot.services import Services


async def cohorts_for(services: Services, user_id: int) -> set[int] | None:
    """The cohorts this user may act on; None for someone who is neither admin nor coordinator."""
    async with services.store.read() as tx:
        if user_id in services.settings.admin_ids:
            return {c.id for c in await tx.cohorts.all()}
        mine = await tx.coordination.cohorts_of(user_id)
    return mine or None


def is_admin(services: Services, user_id: int) -> bool:
    return user_id in services.settings.admin_ids
