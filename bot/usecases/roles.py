"""Who may do what: admins by settings, coordinators by the database, checked on every call."""

from __future__ import annotations

from enum import StrEnum

from bot.services import Services

# The operator at the `ktp-bot` command line, as an actor: written so in the audit log. Telegram
# never gives a user the id 0, so no one in a chat can act as the desk.
DESK = 0


class Role(StrEnum):
    LEARNER = "learner"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


async def cohorts_for(services: Services, user_id: int) -> set[int] | None:
    """The cohorts this user may act on; None for someone who is neither admin nor coordinator."""
    async with services.store.read() as tx:
        if user_id in services.settings.admin_ids:
            return {c.id for c in await tx.cohorts.all()}
        mine = await tx.coordination.cohorts_of(user_id)
    return mine or None


def is_admin(services: Services, user_id: int) -> bool:
    return user_id in services.settings.admin_ids


async def role_of(services: Services, user_id: int) -> Role:
    """What this person may do here, for their menu and their /help."""
    if is_admin(services, user_id):
        return Role.ADMIN
    return Role.COORDINATOR if await cohorts_for(services, user_id) else Role.LEARNER
