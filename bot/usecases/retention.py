"""Retention: reflections and free-text feedback are deleted a set time after last activity."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from storage.db import iso
from storage.store import Store

log = logging.getLogger(__name__)


async def enforce(store: Store, now: datetime, days: int) -> int:
    """Delete free text of learners inactive for `days`; returns how many rows went."""
    cutoff = iso(now - timedelta(days=days))
    async with store.transaction() as tx:
        cursor = await tx.conn.execute(
            "DELETE FROM reflections WHERE user_id IN ("
            " SELECT user_id FROM learners WHERE COALESCE(last_active_at, joined_at) < ?)",
            (cutoff,))
        deleted = cursor.rowcount
        cursor = await tx.conn.execute(
            "DELETE FROM held_texts WHERE user_id IN ("
            " SELECT user_id FROM learners WHERE COALESCE(last_active_at, joined_at) < ?)", (cutoff,))
        deleted += cursor.rowcount
        # What they said they would try after an event is free text too.
        cursor = await tx.conn.execute(
            "UPDATE rsvps SET will_try = NULL WHERE will_try IS NOT NULL AND user_id IN ("
            " SELECT user_id FROM learners WHERE COALESCE(last_active_at, joined_at) < ?)",
            (cutoff,))
        deleted += cursor.rowcount
    log.info("retention: deleted %d reflection, feedback and after-event answers older than %d days",
             deleted, days)
    return deleted
