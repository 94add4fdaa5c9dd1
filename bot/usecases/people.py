"""Admins choose the coordinators: an invite link for a cohort (single use, expiring), removal, the list."""

from __future__ import annotations

import secrets
from datetime import timedelta

from bot.services import Services
from bot.usecases.coordination import Coordination, NotAllowed, invite_link
from bot.usecases.roles import is_admin
from storage.cohorts import Cohort
from storage.people import CoordinatorRow

INVITE_DAYS = 7
PREFIX = "coord-"  # hex after it: /start lower-cases codes, so the code must survive that


def is_coordinator_code(code: str) -> bool:
    return code.startswith(PREFIX)


class People:
    """What the dashboard's people page does, for admins only."""

    def __init__(self, services: Services, actor: int) -> None:
        if not is_admin(services, actor):
            raise NotAllowed
        self.s, self.actor = services, actor

    async def cohorts(self) -> list[Cohort]:
        async with self.s.store.read() as tx:
            return await tx.cohorts.all()

    async def coordinators(self) -> list[CoordinatorRow]:
        async with self.s.store.read() as tx:
            return await tx.coordinator_invites.coordinators()

    async def invite(self, cohort_id: int) -> tuple[Cohort, str]:
        """A link that makes whoever opens it first, within a week, a coordinator of the cohort."""
        cohort = await Coordination(self.s, self.actor).check(cohort_id)
        code = PREFIX + secrets.token_hex(16)
        now = self.s.clock.now()
        async with self.s.store.transaction() as tx:
            expires = now + timedelta(days=INVITE_DAYS)
            await tx.coordinator_invites.add(code, cohort.id, self.actor, now, expires)
            await tx.coordination.audit(self.actor, "coordinator invite", now, cohort_id=cohort.id)
        return cohort, invite_link(self.s.bot_username, code)

    async def remove(self, user_id: int, cohort_id: int) -> tuple[Cohort, bool]:
        return await Coordination(self.s, self.actor).demote(user_id, cohort_id)


async def accept_coordinator_invite(services: Services, code: str, user_id: int,
                                    first_name: str) -> Cohort | None:
    """/start with a coordinator invite: its opener coordinates the cohort; None if used or expired."""
    now = services.clock.now()
    async with services.store.transaction() as tx:
        invite = await tx.coordinator_invites.use(code, user_id, now)
        cohort = await tx.cohorts.get(invite[0]) if invite else None
        if invite is None or cohort is None:
            return None
        await tx.coordination.add_coordinator(user_id, cohort.id, invite[1], now)
        await tx.coordinator_invites.name_coordinator(user_id, first_name[:64])
        await tx.coordination.audit(user_id, "coordinator invite used", now, cohort_id=cohort.id,
                                    detail=str(user_id))
        return cohort
