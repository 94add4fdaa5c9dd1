"""How the bot is doing, for /healthz in webhook mode and `ktp-bot status` at the desk."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from storage.db import iso
from storage.stats import learners_by_status
from storage.store import Store


async def snapshot(store: Store, now: datetime) -> dict[str, Any]:
    """Queue depth, learners due, the last tick and the last error: no personal data."""
    async with store.read() as tx:
        depth = await tx.outbox.depth()
        due, statuses = await learners_by_status(tx.conn, now)
        last_tick = await tx.meta.get("last_tick")
        last_error = await tx.meta.get("last_error")
    return {"ok": True, "now": iso(now), "outbox_pending": depth, "learners_due": due,
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
