"""How the bot is doing, for /healthz in webhook mode and `ktp-bot status` at the desk."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from storage.db import iso
from storage.store import Store


async def snapshot(store: Store, now: datetime) -> dict[str, Any]:
    """Queue depth, learners due, the last tick and the last error: no personal data."""
    async with store.read() as tx:
        depth = await tx.outbox.depth()
        async with tx.conn.execute(
            "SELECT COUNT(*) FROM learners WHERE status = 'active' AND next_due_at <= ?", (iso(now),)
        ) as cur:
            row = await cur.fetchone()
        async with tx.conn.execute("SELECT status, COUNT(*) FROM learners GROUP BY status") as cur:
            statuses = {r[0]: r[1] for r in await cur.fetchall()}
        last_tick = await tx.meta.get("last_tick")
        last_error = await tx.meta.get("last_error")
    return {"ok": True, "now": iso(now), "outbox_pending": depth, "learners_due": int(row[0]) if row else 0,
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
