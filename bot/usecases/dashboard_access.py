"""Who gets into the dashboard from a browser: one-time links sent in the chat, then a session."""

from __future__ import annotations

import secrets
from datetime import timedelta

from bot.services import Services
from bot.usecases.roles import cohorts_for


async def sign_in_link(services: Services, user_id: int) -> str | None:
    """A link that signs this coordinator in once, within minutes; None for anyone else."""
    url = services.settings.dashboard_url
    if not url or await cohorts_for(services, user_id) is None:
        return None
    token = secrets.token_urlsafe(32)
    now = services.clock.now()
    async with services.store.transaction() as tx:
        await tx.dashboard.add_link(token, user_id,
                                    now + timedelta(minutes=services.settings.dashboard_link_minutes))
        await tx.coordination.audit(user_id, "dashboard link", now)
    return f"{url}/signin?t={token}"


async def open_session(services: Services, token: str) -> str | None:
    """Spend a sign-in link for a session id; None when the link is used, expired or unknown."""
    now = services.clock.now()
    session_id = secrets.token_urlsafe(32)
    async with services.store.transaction() as tx:
        user_id = await tx.dashboard.use_link(token, now)
        if user_id is None:
            return None
        await tx.dashboard.start_session(session_id, user_id, now,
                                         now + timedelta(hours=services.settings.dashboard_session_hours))
        await tx.coordination.audit(user_id, "dashboard sign-in", now)
    return session_id


async def session_user(services: Services, session_id: str) -> int | None:
    async with services.store.read() as tx:
        return await tx.dashboard.session_user(session_id, services.clock.now())


async def end_session(services: Services, session_id: str, user_id: int) -> None:
    """Sign-out: the session stops working at once, whoever holds a copy of its cookie."""
    now = services.clock.now()
    async with services.store.transaction() as tx:
        await tx.dashboard.end_session(session_id, now)
        await tx.coordination.audit(user_id, "dashboard sign-out", now)
