"""Retention: reflections and free-text feedback are deleted a set time after last activity."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from storage.store import Store

log = logging.getLogger(__name__)


async def enforce(store: Store, now: datetime, days: int) -> int:
    """Delete free text of learners inactive for `days`; returns how many rows went."""
    async with store.transaction() as tx:
        deleted = await tx.personal.forget_free_text_of_inactive(now - timedelta(days=days))
    log.info("retention: deleted %d reflection, feedback and after-event answers older than %d days",
             deleted, days)
    return deleted
