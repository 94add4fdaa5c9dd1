"""How the bot is doing, for /healthz in webhook mode and `ktp-bot status` at the desk."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.config import Settings
from storage.db import from_iso, iso
from storage.stats import learners_by_status
from storage.store import Store

# A few missed ticks are a hiccup; more mean the drip has stopped and nobody gets lessons.
STALE_TICKS = 5


def stale_after(settings: Settings) -> timedelta:
    return timedelta(seconds=STALE_TICKS * settings.tick_seconds)


async def snapshot(store: Store, now: datetime, stale: timedelta) -> dict[str, Any]:
    """Queue depth, learners due, the last tick and the last error: no personal data.

    Not ok when the drip has not ticked within `stale` (or not yet at all).
    """
    async with store.read() as tx:
        depth = await tx.outbox.depth()
        due, statuses = await learners_by_status(tx.conn, now)
        last_tick = await tx.meta.get("last_tick")
        last_error = await tx.meta.get("last_error")
    ticked = from_iso(last_tick)
    ok = ticked is not None and now - ticked <= stale
    return {"ok": ok, "now": iso(now), "outbox_pending": depth, "learners_due": due,
            "learners": statuses, "last_tick": last_tick, "last_error": last_error}


def as_text(status: dict[str, Any]) -> str:
    learners = ", ".join(f"{k} {v}" for k, v in sorted(status["learners"].items())) or "none"
    return "\n".join([
        f"last tick:       {status['last_tick'] or 'never'}",
        f"learners due:    {status['learners_due']}",
        f"outbox pending:  {status['outbox_pending']}",
        f"learners:        {learners}",
        f"last error:      {status['last_error'] or 'none'}",
    ])
