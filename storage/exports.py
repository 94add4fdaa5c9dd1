"""A cohort's rows for the coordinator's CSV export: user ids here, pseudonyms in the use case."""

from __future__ import annotations

import asyncio
from typing import Any

from storage.db import Conn

Rows = list[tuple[Any, ...]]


class CohortExport:
    """Reads only; the caller owns the transaction. Each query's first column is the user id,
    except published_tips, which carries no author at all."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    async def _rows(self, sql: str, cohort_id: int) -> Rows:
        async with self.conn.execute(sql, (cohort_id,)) as cur:
            rows = await cur.fetchall()
        # 160,000 rows for a 20,000-learner cohort: turned into tuples off the event loop.
        return await asyncio.to_thread(lambda: [tuple(row) for row in rows])

    async def answers(self, cohort_id: int) -> Rows:
        return await self._rows("""
            SELECT q.user_id, q.step_id, q.choice, q.correct, q.recall, q.at
            FROM quiz_answers q JOIN learners l USING (user_id)
            WHERE l.cohort_id = ? ORDER BY q.id""", cohort_id)

    async def confidence(self, cohort_id: int) -> Rows:
        return await self._rows("""
            SELECT c.user_id, c.statement, c.phase, c.rating, c.at
            FROM confidence c JOIN learners l USING (user_id)
            WHERE l.cohort_id = ? ORDER BY c.at""", cohort_id)

    async def feedback(self, cohort_id: int) -> Rows:
        return await self._rows("""
            SELECT r.user_id, r.step_id, r.text, r.created_at
            FROM reflections r JOIN learners l USING (user_id)
            WHERE l.cohort_id = ? AND r.kind = 'feedback' AND r.flagged = 0""", cohort_id)

    async def attendance(self, cohort_id: int) -> Rows:
        return await self._rows("""
            SELECT r.user_id, r.event_id, e.title, r.answer, r.attended, r.will_try
            FROM rsvps r JOIN learners l USING (user_id) JOIN events e ON e.id = r.event_id
            WHERE l.cohort_id = ?""", cohort_id)

    async def shared_reflections(self, cohort_id: int) -> Rows:
        """Reflections of learners who chose to share them with their coordinator (/share)."""
        return await self._rows("""
            SELECT r.user_id, r.step_id, r.text, r.created_at
            FROM reflections r JOIN learners l USING (user_id)
            WHERE l.cohort_id = ? AND r.kind = 'reflect' AND l.share_reflections = 1
              AND r.flagged = 0""", cohort_id)

    async def published_tips(self, cohort_id: int) -> Rows:
        """The board as the cohort reads it: text, module, day and useful count, never who wrote it."""
        return await self._rows("""
            SELECT t.module_id, t.text, substr(t.published_at, 1, 10),
                   (SELECT count(*) FROM tip_useful u WHERE u.tip_id = t.id)
            FROM tips t WHERE t.cohort_id = ? AND t.status = 'published'
            ORDER BY t.published_at, t.id""", cohort_id)
